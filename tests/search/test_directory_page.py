"""The directory page: a GET form that works without JavaScript, pages, messages."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from schools.factories import SchoolPageFactory
from search.models import DirectoryPage
from search.services import ensure_directory_page

from .conftest import KNOWN_SCHOOLS, ask_api, ask_page, create_school, spec

pytestmark = pytest.mark.django_db


class _Form(HTMLParser):
    """Collects the search form's fields, fieldsets and legends."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.inputs: list[dict[str, str | None]] = []
        self.fieldsets = 0
        self.legends: list[str] = []
        self._in_legend = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append(attributes)
        elif tag in {"input", "select"}:
            self.inputs.append(attributes)
        elif tag == "fieldset":
            self.fieldsets += 1
        elif tag == "legend":
            self._in_legend = True
            self.legends.append("")

    def handle_endtag(self, tag):
        if tag == "legend":
            self._in_legend = False

    def handle_data(self, data):
        if self._in_legend:
            self.legends[-1] += data


def test_ensure_directory_page_creates_one_published_page(schools_index):
    page = ensure_directory_page(schools_index)

    assert page.live
    assert page.get_parent().specific == schools_index
    assert ensure_directory_page(schools_index) == page
    assert DirectoryPage.objects.count() == 1
    assert not DirectoryPage.can_create_at(schools_index)


def test_the_page_is_a_get_form_with_fieldsets_and_legends(known_schools, directory, client):
    html = client.get(directory.url).content.decode()
    form = _Form()
    # The directory's own form; the feedback form at the foot of every page is not its business.
    form.feed(html[html.index("<main") : html.index("</main>")])

    assert form.forms[0] == {"method": "get", "action": directory.url, "novalidate": None}
    # The other is the (empty) compare form the results' tick boxes belong to.
    assert [f.get("id") for f in form.forms[1:]] == ["compare-form"]
    names = {field.get("name") for field in form.inputs}
    assert {"q", "need", "accessibility", "outreach", "phase", "type", "provision"} <= names
    # Without words there is only one order (A to Z), so no sort to carry into a search.
    assert "sort" not in names
    assert form.fieldsets >= 6
    legends = [" ".join(legend.split()) for legend in form.legends]
    assert "Type of need: Communication and interaction" in legends
    assert {"Accessibility", "School phase", "Type of school"} <= set(legends)
    # The count is in the title, so a screen reader hears it when the page loads.
    assert f"({len(KNOWN_SCHOOLS)} schools)" in re.search(r"<title>(.*?)</title>", html, re.S)[1]


def test_every_option_shows_its_count(known_schools, directory, client):
    html = client.get(directory.url).content.decode()
    autism_schools = sum("ASD" in s.need for s in KNOWN_SCHOOLS)

    assert re.search(
        rf'for="need-asd">Autism \({autism_schools}<span class="govuk-visually-hidden"> schools',
        html,
    )


def test_bad_values_are_ignored_with_a_polite_message(known_schools, directory, client):
    answer = ask_page(client, directory, {"need": ["ASD", "NOPE"], "page": "lots"})
    html = answer.body.content.decode()

    assert answer.status == 200
    assert "We could not use part of your search" in html
    assert "\u201cNOPE\u201d is not a type of need we know." in html
    assert "The page number must be a whole number from 1 to 10000." in html
    assert answer.count == sum("ASD" in s.need for s in KNOWN_SCHOOLS)
    assert answer.selected["need"] == {"ASD"}


def test_the_api_rejects_bad_values_naming_the_parameter(known_schools, client):
    response = client.get("/api/v1/directory/", {"need": ["ASD", "NOPE"], "outreach": "x"})

    assert response.status_code == 400
    errors = {error["parameter"]: error for error in response.json()["errors"]}
    assert errors["need"]["invalid"] == ["NOPE"]
    assert "ASD" in errors["need"]["valid"]
    assert "speech-and-language-therapy" in errors["outreach"]["valid"]


def test_results_show_the_facts_parents_need(schools_index, directory, client):
    create_school(
        schools_index,
        spec("Overdue School", need={"ASD"}, accessibility={"lift"}),
        last_reviewed=dt.date.today() - dt.timedelta(days=800),
    )
    create_school(
        schools_index, spec("Current School"), last_reviewed=dt.date.today() - dt.timedelta(days=10)
    )

    listing = client.get(directory.url).context["directory"]
    html = client.get(directory.url).content.decode()

    current, overdue = listing.items  # in name order
    assert overdue.overdue and not current.overdue
    assert [t.label for t in overdue.needs] == ["Autism"]
    assert [t.label for t in overdue.accessibility] == ["Lift to upper floors"]
    assert html.count("Overdue for review") == 1
    # The link carries the results, for the school page's link back to them.
    assert 'href="/schools/overdue-school/?back=%2Fschools%2Ffind-a-school%2F"' in html
    api = ask_api(client).body["results"]
    assert [(s["name"], s["overdue"]) for s in api] == [
        ("Current School", False),
        ("Overdue School", True),
    ]


@pytest.fixture
def many_schools(schools_index):
    names = [f"School {number:02d}" for number in range(45)]
    for number, name in enumerate(names):
        SchoolPageFactory(parent=schools_index, title=name, urn=f"{500000 + number}")
    return names


def test_pages_cover_every_school_once_in_name_order(many_schools, directory, client):
    seen = []
    for number in (1, 2, 3):
        answer = ask_page(client, directory, {"page": number})
        assert answer.count == 45
        seen.extend(answer.names)
    assert seen == sorted(many_schools)


def test_page_links_keep_the_search(many_schools, directory, client):
    html = client.get(directory.url, {"q": "school", "phase": "primary", "page": 2}).content
    html = html.decode()

    assert 'class="govuk-pagination"' in html
    assert f'href="{directory.url}?q=school&amp;phase=primary&amp;page=3"' in html
    assert f'href="{directory.url}?q=school&amp;phase=primary"' in html  # page 1


def test_a_page_past_the_end_says_so(many_schools, directory, client):
    answer = ask_page(client, directory, {"page": 99})
    assert answer.status == 200
    assert answer.names == []
    assert "There are no results on page 99" in answer.body.content.decode()


def test_api_pages_and_page_sizes(many_schools, client):
    data = ask_api(client, {"page_size": 7, "page": 2}).body
    assert [s["name"] for s in data["results"]] == sorted(many_schools)[7:14]
    assert data["pages"] == 7
    assert data["next"].endswith("page_size=7&page=3")
    assert data["previous"].endswith("page_size=7")

    for bad in ({"page_size": 0}, {"page_size": 101}, {"page": 0}, {"page": 10**30}):
        response = client.get("/api/v1/directory/", bad)
        assert response.status_code == 400
        assert response.json()["errors"][0]["parameter"] in bad


def test_the_api_has_an_openapi_description(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    operation = schema["paths"]["/api/v1/directory/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {
        "q",
        "need",
        "accessibility",
        "outreach",
        "phase",
        "page",
        "page_size",
    }


def test_a_browser_gets_a_readable_api_error_page(client):
    response = client.get("/api/v1/directory/", {"need": "NOPE"}, HTTP_ACCEPT="text/html")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="en-GB"' in html
    assert "There is a problem with this request" in html
    assert "\u201cNOPE\u201d is not a type of need we know." in html
    assert "Accepted values: SLCN, ASD" in html
    assert 'href="/api/v1/directory/?need=NOPE&amp;format=json"' in html


def test_a_missing_database_search_index_is_reported(settings):
    from search.checks import database_search_index_is_kept

    assert database_search_index_is_kept() == []
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    assert [message.id for message in database_search_index_is_kept()] == ["search.W001"]


def test_the_api_answers_an_unknown_format_with_a_400(client):
    response = client.get("/api/v1/directory/", {"format": "\u00b9"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "format"
    assert response.json()["errors"][0]["valid"] == ["json", "html"]
    assert client.get("/api/v1/directory/", {"format": "json"})["Content-Type"].startswith(
        "application/json"
    )


def test_filters_fold_behind_filter_results_and_chosen_ones_are_removable_tags(
    known_schools, directory, client
):
    html = client.get(directory.url, {"q": "autism", "need": "ASD"}).content.decode()
    main = html[html.index("<main") : html.index("</main>")]

    folded = main[main.index('<details class="app-filters"') : main.index("</details>")]
    assert "Filter results" in folded
    assert 'name="need"' in folded
    tag = re.search(r'<a class="app-filter-tag" href="([^"]+)">(.*?)</a>', main, re.S)
    assert "Remove filter" in tag[2]
    assert tag[2].endswith("Autism")
    assert client.get(tag[1].replace("&amp;", "&")).context["directory"].search.params == {
        "q": "autism"
    }


def test_a_search_with_no_results_offers_no_order_to_sort_them_in(known_schools, directory, client):
    found = ask_page(client, directory, {"q": "autism"}).body.content.decode()
    nothing = ask_page(client, directory, {"q": "qzxjvw"}).body.content.decode()

    assert 'id="directory-sort"' in found
    assert "No schools match your search." in nothing
    assert 'id="directory-sort"' not in nothing


def test_no_results_for_a_sentence_offers_the_words_the_site_understood(
    known_schools, directory, client
):
    nothing = ask_page(client, directory, {"q": "my daughter has autism and uses a wheelchair"})
    html = " ".join(nothing.body.content.decode().split())

    assert nothing.count == 0
    assert "search for <a" in html
    assert "“autism wheelchair”</a>, leaving out “uses”" in html
    link = nothing.body.context["directory"].words_understood_url
    tried = client.get(link)
    assert tried.context["directory"].count > 0, "the suggested search finds nothing either"
    # Nonsense alone: nothing understood, so nothing to suggest.
    none = ask_page(client, directory, {"q": "qzxjvw"}).body.content.decode()
    assert "leaving out" not in none
