"""What parents see: the home page, the schools list and a school's report page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from schools.factories import SchoolPageFactory
from schools.models import (
    AccessibilityFeature,
    NeedArea,
    OutreachService,
    ProvisionKind,
    SchoolIndexPage,
    SchoolPage,
    SpecialistProvision,
)


@pytest.fixture
def full_school(schools_index: SchoolIndexPage) -> SchoolPage:
    school = SchoolPageFactory(
        parent=schools_index,
        title="West Heslerton Primary",
        urn="121404",
        town="Malton",
        senco_name="Mrs Rachel Wells",
        senco_email="senco@westheslerton.example",
        senco_phone="01944 728277",
        last_reviewed=dt.date(2026, 3, 3),
        identification="<p>Class teachers <b>notice</b> concerns early.</p>",
        complaints="<p>Speak to the class teacher first.</p>",
    )
    school.needs.add(NeedArea.objects.get(code="ASD"))
    school.accessibility_features.add(AccessibilityFeature.objects.get(slug="lift"))
    school.outreach_services.add(OutreachService.objects.get(slug="speech-and-language-therapy"))
    school.specialist_provisions.add(
        SpecialistProvision(
            kind=ProvisionKind.RESOURCED_PROVISION,
            places=8,
            needs=[NeedArea.objects.get(code="SLCN")],
        )
    )
    school.save_revision().publish()
    return school


def test_home_page_links_to_the_schools(client: Client, schools_index: SchoolIndexPage) -> None:
    html = client.get("/").content.decode()
    assert 'href="/schools/"' in html
    assert '<a href="#main-content" class="govuk-skip-link">' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html


def test_schools_index_lists_only_live_schools(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    SchoolPageFactory(parent=schools_index, title="Published Primary")
    draft = SchoolPageFactory(parent=schools_index, title="Secret Draft School")
    draft.unpublish()

    html = client.get(schools_index.url).content.decode()

    assert "Published Primary" in html
    assert "Secret Draft School" not in html


@time_machine.travel(dt.date(2026, 11, 25))
def test_school_page_shows_key_facts_and_sections_in_plain_english(
    client: Client, full_school: SchoolPage
) -> None:
    html = client.get(full_school.url).content.decode()

    assert '<h1 class="govuk-heading-xl">West Heslerton Primary</h1>' in html
    assert "Mrs Rachel Wells" in html
    assert 'href="mailto:senco@westheslerton.example"' in html
    assert 'href="tel:01944728277"' in html
    assert "Autism" in html
    assert "Lift to upper floors" in html
    assert "Speech and language therapy" in html
    assert "Resourced provision for speech, language and communication needs (8 places)" in html
    assert "Last updated 3 March 2026." in html
    assert "Up to date" in html
    # Parents' headings, not the legal wording; the answer's markup is kept.
    assert "How the school finds out if your child needs extra help" in html
    assert "Class teachers <b>notice</b> concerns early." in html
    assert "schedule 1" not in html
    # An "on this page" list links to every section.
    assert 'href="#identification"' in html and 'id="identification"' in html


@pytest.mark.parametrize(
    ("phase", "caption"),
    [
        ("primary", "Primary school, Malton"),
        ("special", "Special school, Malton"),
        ("alternative-provision", "Alternative provision, Malton"),
    ],
)
def test_the_school_page_says_what_kind_of_school_it_is_once(
    client: Client, schools_index: SchoolIndexPage, phase: str, caption: str
) -> None:
    school = SchoolPageFactory(parent=schools_index, title="Ash School", phase=phase, town="Malton")

    html = client.get(school.url).content.decode()

    assert f'<span class="govuk-caption-l">{caption}</span>' in html


@time_machine.travel(dt.date(2026, 11, 25))
def test_school_page_says_which_statutory_items_are_missing(
    client: Client, full_school: SchoolPage
) -> None:
    html = client.get(full_school.url).content.decode()
    # Answered: kinds of need (ticked), SENCO contact, identification, complaints.
    assert "does not yet cover 16 of the 20 things schools must tell parents" in html
    assert html.count("The school's report does not cover this yet.") == 16


@time_machine.travel(dt.date(2027, 6, 1))
def test_an_overdue_report_is_flagged(client: Client, full_school: SchoolPage) -> None:
    html = client.get(full_school.url).content.decode()
    assert "Overdue for review" in html
    assert "It was due for review on 3 March 2027" in html


def test_a_draft_change_is_not_shown_to_the_public(client: Client, full_school: SchoolPage) -> None:
    full_school.complaints = "<p>Draft wording not yet approved.</p>"
    full_school.save_revision()

    html = client.get(full_school.url).content.decode()

    assert "Draft wording not yet approved." not in html
    assert "Speak to the class teacher first." in html


def test_an_unpublished_school_is_not_found(client: Client, full_school: SchoolPage) -> None:
    url = full_school.url
    full_school.unpublish()
    assert client.get(url).status_code == 404


def test_school_page_html_is_escaped(client: Client, schools_index: SchoolIndexPage) -> None:
    school = SchoolPageFactory(
        parent=schools_index, title="<script>alert(1)</script> School", senco_name="<b>Bob</b>"
    )
    html = client.get(school.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;b&gt;Bob&lt;/b&gt;" in html


def test_school_page_query_count_does_not_grow_with_facets(
    client: Client, full_school: SchoolPage, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    full_school.needs.add(*NeedArea.objects.all())
    full_school.accessibility_features.add(*AccessibilityFeature.objects.all())
    full_school.outreach_services.add(*OutreachService.objects.all())
    full_school.save_revision().publish()
    client.get(full_school.url)  # warm caches (site root, settings)
    with django_assert_max_num_queries(25):
        assert client.get(full_school.url).status_code == 200


def test_the_schools_list_is_paginated_and_any_page_number_is_safe(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    per_page = SchoolIndexPage.SCHOOLS_PER_PAGE
    for number in range(per_page + 3):
        SchoolPageFactory(parent=schools_index, title=f"School {number:03d}")

    first = client.get(schools_index.url).content.decode()
    second = client.get(schools_index.url + "?page=2").content.decode()

    assert f"{per_page + 3} schools, page 1 of 2" in first
    assert "School 000" in first and f"School {per_page:03d}" not in first
    assert f"School {per_page:03d}" in second and "School 000" not in second
    assert 'aria-current="page">2<' in second
    for hostile in ("abc", "99999999999999999999", "-1", "<script>", "2%00"):
        response = client.get(schools_index.url, {"page": hostile})
        assert response.status_code == 200


def test_home_page_leads_with_the_directory_search_and_the_needs_most_provided_for(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    from search.services import ensure_directory_page

    directory = ensure_directory_page(schools_index)
    for name, codes in (("Ash", ["ASD", "HI"]), ("Birch", ["ASD"]), ("Cedar", ["SLCN", "ASD"])):
        school = SchoolPageFactory(parent=schools_index, title=f"{name} Primary")
        school.needs.set(NeedArea.objects.filter(code__in=codes))
        school.save()
    draft = SchoolPageFactory(parent=schools_index, title="Draft Primary")
    draft.needs.set(NeedArea.objects.filter(code="VI"))
    draft.save()
    draft.unpublish()

    html = client.get("/").content.decode()

    form = html[html.index("<form") : html.index("</form>")]
    assert f'action="{directory.url}"' in form
    assert 'name="q"' in form
    links = re.findall(r'href="' + re.escape(directory.url) + r'\?need=(\w+)"', html)
    # Most schools first; a need only a draft school provides for is not offered.
    assert links[0] == "ASD"
    assert set(links) == {"ASD", "HI", "SLCN"}


def test_the_schools_index_pages_like_the_directory(
    client: Client, schools_index: SchoolIndexPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SchoolIndexPage, "SCHOOLS_PER_PAGE", 2)
    for number in range(13):
        SchoolPageFactory(parent=schools_index, title=f"School {number}")

    html = client.get(schools_index.url, {"page": 4}).content.decode()
    nav = re.search(
        r'<nav class="govuk-pagination" aria-label="Pages of schools">.*?</nav>', html, re.S
    )

    assert nav is not None
    numbers = re.findall(r'aria-label="Page (\d+)"', nav.group(0))
    # First, last and the pages either side of the current one, with gaps between.
    assert numbers == ["1", "3", "4", "5", "7"]
    assert nav.group(0).count("govuk-pagination__item--ellipses") == 2
    assert 'href="?page=3" rel="prev"' in nav.group(0)
    assert 'href="?page=5" rel="next"' in nav.group(0)
    assert 'aria-current="page">4<' in nav.group(0)


@pytest.mark.parametrize(
    ("senco", "shown", "not_shown"),
    [
        (
            {"senco_email": "", "senco_phone": ""},
            [
                "School office phone: ",
                "01653 600100",
                "School office email: ",
                "office@ash.example",
            ],
            [],
        ),
        (
            {"senco_email": "senco@ash.example", "senco_phone": ""},
            ["senco@ash.example", "School office phone: 01653 600100"],
            ["School office email"],
        ),
        (
            {"senco_email": "senco@ash.example", "senco_phone": "01653 600200"},
            ["senco@ash.example", "01653 600200"],
            ["School office"],
        ),
    ],
)
def test_a_senco_without_email_or_phone_falls_back_to_the_school_office(
    client: Client, schools_index: SchoolIndexPage, senco: dict, shown: list, not_shown: list
) -> None:
    school = SchoolPageFactory(
        parent=schools_index,
        title="Ash Primary",
        senco_name="Ms Ash",
        phone="01653 600100",
        email="office@ash.example",
        **senco,
    )

    html = client.get(school.url).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())

    for words in shown:
        assert words in text
    for words in not_shown:
        assert words not in text


def test_a_school_reached_from_the_results_links_back_to_them(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    from search.services import ensure_directory_page

    directory = ensure_directory_page(schools_index)
    for number in range(25):
        SchoolPageFactory(parent=schools_index, title=f"Ash Primary {number:02d}")
    results_url = f"{directory.url}?q=ash&sort=name&page=2"

    results = client.get(results_url).content.decode()
    link = re.search(r'<h3[^>]*><a class="govuk-link" href="([^"]+)">', results)[1]
    school = client.get(link.replace("&amp;", "&")).content.decode()

    back = re.search(
        r'<a href="([^"]+)" class="govuk-back-link">Back to your search results', school
    )
    assert back[1].replace("&amp;", "&") == f"{directory.url}?q=ash&sort=name&page=2"


@pytest.mark.parametrize(
    "back",
    [
        "https://elsewhere.example/schools/",
        "//elsewhere.example/schools/",
        "/admin/",
        "/schools/\\\\elsewhere.example",
        "javascript:alert(1)",
        "/schools/" + "x" * 3000,
    ],
)
def test_a_link_back_goes_only_to_this_sites_results(
    client: Client, school: SchoolPage, back: str
) -> None:
    response = client.get(school.url, {"back": back})

    assert response.status_code == 200
    assert "govuk-back-link" not in response.content.decode()


def test_the_footer_links_to_open_data_whose_example_links_answer(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    home = client.get("/").content.decode()
    assert '<a class="govuk-footer__link" href="/open-data/">Open data</a>' in home

    page = client.get("/open-data/").content.decode()
    assert "Open Government Licence" in page
    examples = re.findall(r'<li><a class="govuk-link" href="(/api/[^"]+)"', page)
    assert any(url.startswith("/api/v1/") for url in examples)
    assert any(url.startswith("/api/oruk/") for url in examples)
    for url in examples:
        assert client.get(url.replace("&amp;", "&")).status_code == 200, url


def test_the_favicon_is_served(client: Client, db: None) -> None:
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")

    assert response.status_code in (301, 302)
    assert finders.find(response["Location"].removeprefix("/static/"))
    assert 'rel="icon"' in client.get("/").content.decode()
