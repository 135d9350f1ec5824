"""The demo site: the four seed schools load and each page shows its real content."""

from __future__ import annotations

import html
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from localoffer.demo import DEMO_SCHOOLS, demo_school_records
from schools.checklist import ITEMS_BY_KEY
from schools.models import ReportQuestion, SchoolPage
from tests.conftest import rows_for_the_module

DEMO = json.loads(DEMO_SCHOOLS.read_text(encoding="utf-8"))["schools"]


def _import_demo_schools() -> None:
    call_command("import_schools", str(DEMO_SCHOOLS), stdout=io.StringIO())


@pytest.fixture(scope="module")
def _demo_schools(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    # Importing the demo schools takes seconds; the tests here only read them.
    yield from rows_for_the_module(_import_demo_schools, django_db_blocker)


@pytest.fixture
def demo_site(_demo_schools: None, db: None) -> None:
    return None


def first_words(text: str, count: int = 6) -> str:
    """The opening words of an answer's first paragraph, as the page shows them."""
    first_line = text.strip().splitlines()[0].lstrip("-* ").strip()
    return " ".join(first_line.split()[:count])


@pytest.mark.parametrize("record", DEMO, ids=[r["urn"] for r in DEMO])
def test_each_demo_school_page_shows_its_report(
    client: Client, demo_site: None, record: dict[str, Any]
) -> None:
    page = SchoolPage.objects.get(urn=record["urn"])
    response = client.get(page.url)
    body = html.unescape(response.content.decode())
    headings = dict(ReportQuestion.objects.values_list("key", "heading"))

    assert response.status_code == 200
    assert record["name"] in body
    assert record["senco"]["name"] in body
    for key, text in record.get("report", {}).items():
        if not text:
            continue
        assert headings.get(key, ITEMS_BY_KEY[key].heading) in body
        assert first_words(text) in body, f"{key} text missing from {record['name']}"


def test_demo_schools_show_real_gaps(client: Client, demo_site: None) -> None:
    # The seed reports do not answer everything; the compliance check must say so.
    for record in DEMO:
        page = SchoolPage.objects.get(urn=record["urn"])
        answered = {key for key, text in record.get("report", {}).items() if text}
        missing = set(page.compliance.missing_keys)
        assert not (answered & missing), record["name"]
    assert any(SchoolPage.objects.get(urn=r["urn"]).compliance.missing for r in DEMO)


def test_setup_demo_twice_duplicates_nothing(db: None, settings: Any) -> None:
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())
    pages = SchoolPage.objects.count()
    revisions = sum(p.revisions.count() for p in SchoolPage.objects.all())
    call_command("setup_demo", stdout=io.StringIO())
    assert SchoolPage.objects.count() == pages == len(demo_school_records())
    assert sum(p.revisions.count() for p in SchoolPage.objects.all()) == revisions


def test_demo_names_are_plain_and_the_home_page_says_they_are_examples(
    db: None, settings: Any, client: Client
) -> None:
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())

    assert not [name for name in SchoolPage.objects.values_list("title", flat=True) if ":" in name]
    home = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "The schools in Exampleton are examples" in home
