"""The accessibility statement, its link in every page's footer, and the error pages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from council.models import CouncilSettings
from localoffer.models import AccessibilityStatementPage
from localoffer.services import ensure_accessibility_statement
from schools.factories import site_home
from schools.models import SchoolIndexPage, SchoolPage

# The sections of the GOV.UK model statement, in its order.
MODEL_STATEMENT_HEADINGS = [
    "How accessible this website is",
    "Feedback and contact information",
    "Reporting accessibility problems with this website",
    "Enforcement procedure",
    "Technical information about this website\u2019s accessibility",
    "Compliance status",
    "Non-accessible content",
    "What we\u2019re doing to improve accessibility",
    "Preparation of this accessibility statement",
]
FOOTER_LINK = 'href="/accessibility-statement/">Accessibility statement</a>'


@pytest.fixture
def statement(db: None) -> AccessibilityStatementPage:
    return ensure_accessibility_statement()


def footer_statement() -> AccessibilityStatementPage | None:
    statement = CouncilSettings.load().accessibility_statement
    return statement.specific if statement else None


def test_demo_setup_creates_one_live_statement_linked_from_the_footer(db: None) -> None:
    statement = ensure_accessibility_statement()
    revisions = statement.revisions.count()

    again = ensure_accessibility_statement()

    assert again.pk == statement.pk
    assert AccessibilityStatementPage.objects.count() == 1
    assert again.revisions.count() == revisions
    assert statement.live and statement.get_parent().pk == site_home().pk
    assert footer_statement() == statement


def test_council_starts_a_statement_from_the_model_wording(admin_client: Client) -> None:
    home = site_home()
    url = f"/admin/pages/add/localoffer/accessibilitystatementpage/{home.pk}/"

    html = admin_client.get(url).content.decode()

    assert "We want as many people as possible to be able to use this website." in html
    assert "Equality Commission for Northern Ireland" in html  # the enforcement choice


def test_council_chooses_the_footers_statement_in_the_settings(
    admin_client: Client, statement: AccessibilityStatementPage
) -> None:
    response = admin_client.get("/admin/settings/council/councilsettings/", follow=True)

    assert response.status_code == 200
    assert 'name="accessibility_statement"' in response.content.decode()


def test_setup_leaves_an_unpublished_statement_alone(statement: AccessibilityStatementPage) -> None:
    statement.unpublish()

    ensure_accessibility_statement()

    statement.refresh_from_db()
    assert not statement.live


def test_statement_has_the_model_statements_sections(
    client: Client, statement: AccessibilityStatementPage
) -> None:
    html = client.get(statement.url).content.decode()

    positions = [html.find(f">{heading}</h") for heading in MODEL_STATEMENT_HEADINGS]
    assert -1 not in positions, dict(zip(MODEL_STATEMENT_HEADINGS, positions, strict=True))
    assert positions == sorted(positions)
    assert "This website is partially compliant with the" in html
    assert "Web Content Accessibility Guidelines version 2.2</a> AA standard" in html
    assert "Equality Advisory and Support Service (EASS)" in html
    assert 'href="mailto:accessibility@example.org"' in html
    assert "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility" in html


def test_statement_uses_the_wording_for_the_councils_choices(
    client: Client, statement: AccessibilityStatementPage
) -> None:
    statement.enforcement_body = AccessibilityStatementPage.EnforcementBody.ECNI
    statement.compliance_status = AccessibilityStatementPage.ComplianceStatus.FULL
    statement.non_compliance = statement.out_of_scope = ""
    statement.contact_phone = "028 9000 0000"
    statement.save_revision().publish()

    html = client.get(statement.url).content.decode()

    assert "Equality Commission for Northern Ireland" in html
    assert "EASS" not in html
    assert "This website is fully compliant with the" in html
    assert "Non-accessible content" not in html
    assert 'href="tel:02890000000"' in html


def test_every_public_page_links_to_the_statement(
    client: Client, statement: AccessibilityStatementPage, school: SchoolPage
) -> None:
    index = SchoolIndexPage.objects.get()
    for url in ["/", index.url, school.url, statement.url]:
        assert FOOTER_LINK in client.get(url).content.decode(), url
    not_found = client.get("/no-such-page/")
    assert not_found.status_code == 404
    assert FOOTER_LINK in not_found.content.decode()


def test_no_footer_link_to_an_unpublished_statement(
    client: Client, statement: AccessibilityStatementPage
) -> None:
    statement.unpublish()
    assert "Accessibility statement" not in client.get("/").content.decode()


def test_the_footer_link_costs_no_extra_query(
    client: Client, statement: AccessibilityStatementPage, school: SchoolPage
) -> None:
    site_settings = CouncilSettings.load()

    def queries_for_school_page() -> int:
        client.get(school.url)  # warm the site root cache
        with CaptureQueriesContext(connection) as queries:
            client.get(school.url)
        return len(queries)

    with_link = queries_for_school_page()
    site_settings.accessibility_statement = None
    site_settings.save()
    without_link = queries_for_school_page()

    assert with_link == without_link


def test_page_not_found_is_a_plain_english_page(client: Client, db: None) -> None:
    response = client.get("/schools/no-such-school/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Page not found</h1>' in html
    assert "If you typed the web address, check it is correct." in html
    assert '<a href="#main-content" class="govuk-skip-link">' in html


def test_server_error_page_needs_no_database() -> None:
    # No `db` fixture: any query here fails the test, as a database outage would.
    response = server_error(RequestFactory().get("/schools/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert '<html lang="en-GB"' in html
    assert "/static/govuk/site.css" in html
