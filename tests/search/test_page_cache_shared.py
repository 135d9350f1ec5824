"""Kept pages are dropped for every server process, not only the one that made the change
(issue 20): gunicorn's workers each keep pages in their own memory, and imports run from
the command line, so the data version they share lives in the database."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from localoffer.data_version import data_version
from schools.factories import SchoolPageFactory
from schools.models import NeedArea
from search.models import DirectoryPage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _in_another_process(code: str) -> str:
    """Run ``code`` in a new Python process on this test's database (as a worker or an
    import run from the command line would); what it printed."""
    url = urlsplit(os.environ["DATABASE_URL"])
    test_database = urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
    env = {**os.environ, "DATABASE_URL": test_database}
    env["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture(autouse=True)
def _pages_kept(settings) -> None:
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600


def test_a_vocabulary_renamed_in_another_process_shows_at_once(
    directory: DirectoryPage, schools_index
):
    need = NeedArea.objects.order_by("pk").first()
    SchoolPageFactory(parent=schools_index, title="Ash School", urn="990401").needs.add(need)
    Client().get(directory.url)  # the first visit creates the council's settings
    assert need.label in Client().get(directory.url).content.decode()

    _in_another_process(
        "from schools.models import NeedArea\n"
        f"need = NeedArea.objects.get(pk={need.pk})\n"
        "need.label = 'Help with talking and listening'\n"
        "need.save()\n"
    )

    assert "Help with talking and listening" in Client().get(directory.url).content.decode()


def test_after_a_change_commits_every_process_keys_pages_alike(school):
    # So with Redis every worker finds the pages the others kept.
    school.title = "Heslerton Community Primary School"
    school.save_revision().publish()  # committed: the test runs outside a transaction

    elsewhere = _in_another_process(
        "from localoffer.data_version import data_version; print(data_version())"
    )

    assert elsewhere.strip().splitlines()[-1] == data_version()
