"""A parent who searches for "EHCP" gets the schools whose reports talk about plans and
where to get help with one, not a filter that does not fit (SENDIASS, before 0011)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps

from council.models import CouncilSettings
from schools.ehc_plans import asks_about_ehc_plans
from schools.models import OutreachService

from .conftest import ask_page, create_school, spec

pytestmark = pytest.mark.django_db

HELP = "Education, health and care (EHC) plans"


@pytest.fixture
def plan_schools(schools_index):
    create_school(schools_index, spec("Alder School", outreach={"sendiass"}))
    create_school(
        schools_index,
        spec("Beech School", report={"transitions": "<p>We attend every EHCP review.</p>"}),
    )
    create_school(schools_index, spec("Cherry School", need={"ASD"}))


def test_ehcp_searches_reports_for_the_words_and_points_to_sendiass(
    plan_schools, directory, client
):
    settings = CouncilSettings.load()
    settings.sendiass_phone = "01234 000111"
    settings.sendiass_email = "advice@sendiass.example"
    settings.save()

    answer = ask_page(client, directory, {"q": "EHCP"})
    html = answer.body.content.decode()

    # The school that writes about plans, not the one merely tagged "works with SENDIASS".
    assert answer.names == ["Beech School"]
    assert answer.body.context["directory"].words_as_filters is None
    assert HELP in html
    assert "An EHC plan is agreed with the council, not with a school:" in html
    assert 'href="tel:01234000111"' in html
    assert 'href="mailto:advice@sendiass.example"' in html


def test_other_searches_have_no_plan_note(plan_schools, directory, client):
    html = ask_page(client, directory, {"q": "autism"}).body.content.decode()

    assert HELP not in html


@pytest.mark.parametrize(
    ("words", "asks"),
    [
        ("EHCP", True),
        ("ehcps autism", True),
        ("EHC plan", True),
        ("Education, Health and Care plan", True),
        ("education health & care", True),
        ("autism", False),
        ("echo", False),
        ("ehcpx", False),
        ("", False),
    ],
)
def test_which_searches_ask_about_plans(words, asks):
    assert asks_about_ehc_plans(words) is asks


def test_the_migration_takes_only_the_plan_words_off_sendiass():
    term = OutreachService.objects.get(slug="sendiass")
    term.synonyms = "SENDIASS, our advice line, EHCP; EHC  Plan, Education health and care plan"
    term.save()
    migration = importlib.import_module("schools.migrations.0011_ehc_plan_is_not_sendiass")

    migration.remove_plan_words(django_apps, None)

    term.refresh_from_db()
    assert term.synonyms == "SENDIASS, our advice line"
    assert "EHCP" not in OutreachService.objects.get(slug="sendiass").synonym_list
