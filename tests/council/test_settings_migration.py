"""The council's settings survive their move from ``localoffer`` to the ``council`` app."""

from __future__ import annotations

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from localoffer.services import ensure_accessibility_statement

BEFORE = [("localoffer", "0004_accessibility_statement"), ("council", "0001_initial")]


def migrate(targets: list[tuple[str, str]] | None = None) -> Apps:
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


# serialized_rollback: the flush after this test must not re-create the content types
# with new ids, or a later serialized_rollback test (tests/extraction/test_fuzzing.py)
# cannot restore the database it started from.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_councils_details_are_kept_when_the_settings_move() -> None:
    statement = ensure_accessibility_statement()  # links itself from the settings
    old_apps = migrate(BEFORE)  # copies the settings back to the old table
    old_apps.get_model("council", "CouncilSettings").objects.all().delete()
    old_apps.get_model("localoffer", "LocalOfferSettings").objects.filter(
        site__is_default_site=True
    ).update(council_name="North Yorkshire Council", sendiass_phone="01609 536923", la_code="815")

    new_apps = migrate()

    moved = new_apps.get_model("council", "CouncilSettings").objects.get()
    assert moved.council_name == "North Yorkshire Council"
    assert moved.sendiass_phone == "01609 536923"
    assert moved.la_code == "815"
    assert moved.accessibility_statement_id == statement.pk
