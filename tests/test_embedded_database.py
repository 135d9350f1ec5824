"""The embedded default (SQLite) with several requests writing at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Four threads, each a request: read a row, then write it back changed, in a transaction
# (as a session save or a page publication does). With SQLite's default transactions
# the second writer gets "database is locked" at once; with the project's settings
# each waits its turn.
_WRITERS = """
import threading
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)")
    cursor.execute("INSERT INTO counter VALUES (1, 0)")
errors = []

def request():
    try:
        for _ in range(25):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT n FROM counter WHERE id = 1")
                (n,) = cursor.fetchone()
                cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=request) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter WHERE id = 1")
    print(cursor.fetchone()[0], errors)
"""


def test_requests_writing_at_once_wait_for_each_other(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "localoffer.settings.test",
    }
    done = subprocess.run(
        [sys.executable, "-c", _WRITERS],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    # Every write counted, none refused.
    assert done.stdout.strip() == "100 []", done.stdout + done.stderr
