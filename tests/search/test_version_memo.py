"""What Wagtail looks up for a public page (site, route, view restrictions, settings,
vocabularies) is kept in memory while the data version is unchanged (issue 20): a
repeated anonymous request costs the version and the search, and every change shows on
the next request; editors, drafts and private pages never go through it."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from council.models import CouncilSettings
from localoffer import version_memo
from schools.factories import SchoolPageFactory
from schools.models import NeedArea, SchoolPage
from search.models import DirectoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings_made(db: None) -> None:
    # The site's first visit creates the council's settings: a change, so what it looked
    # up is not used again. Every later visit is like the ones tested here.
    Client().get("/")


def _change_unseen(page: Page, title: str) -> None:
    # A change that moves nothing the data version watches: only a kept page hides it.
    Page.objects.filter(pk=page.pk).update(title=title)


def _text(response) -> str:
    return response.content.decode()


def test_a_repeated_directory_request_costs_the_version_and_the_search(
    directory: DirectoryPage, school: SchoolPage, django_assert_num_queries
):
    for url in (directory.url, f"{directory.url}?q=autism", f"{directory.url}?phase=primary"):
        Client().get(url)
        with django_assert_num_queries(2):
            assert Client().get(url).status_code == 200


def test_a_school_page_repeated_costs_fewer_queries(
    school: SchoolPage, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as first:
        Client().get(school.url)
    with django_assert_max_num_queries(len(first) - 6):
        assert "Heslerton Primary School" in _text(Client().get(school.url))


def test_what_is_kept_is_what_was_looked_up(directory: DirectoryPage):
    Client().get(directory.url)
    _change_unseen(directory, "Unseen directory title")

    # Proof the route is kept: a change no signal reports is not seen...
    assert "Unseen directory title" not in _text(Client().get(directory.url))
    # ...until the data version moves.
    version_memo.forget()
    assert "Unseen directory title" in _text(Client().get(directory.url))


def test_a_published_title_shows_on_the_next_request(directory: DirectoryPage):
    assert "Find a school" in _text(Client().get(directory.url))
    page = DirectoryPage.objects.get(pk=directory.pk)
    page.title = "Search our schools"
    page.save_revision().publish()

    assert "Search our schools" in _text(Client().get(directory.url))


def test_a_draft_never_shows_to_the_public(directory: DirectoryPage, admin_client: Client):
    before = _text(Client().get(directory.url))
    page = DirectoryPage.objects.get(pk=directory.pk)
    page.title = "Draft directory title"
    page.save_revision()  # saved, not published

    assert "Draft directory title" not in _text(Client().get(directory.url))
    # An editor looking at the site gets the live page too, never kept nor keeping.
    assert "Draft directory title" not in _text(admin_client.get(directory.url))
    assert _text(Client().get(directory.url)).count("<h1") == before.count("<h1")


def test_an_editor_neither_uses_nor_fills_what_is_kept(
    directory: DirectoryPage, admin_client: Client
):
    Client().get(directory.url)
    _change_unseen(directory, "Unseen directory title")

    assert "Unseen directory title" in _text(admin_client.get(directory.url))
    version_memo.forget()
    admin_client.get(directory.url)  # the editor's lookups are not kept...
    _change_unseen(directory, "Second unseen title")
    # ...so the next anonymous visitor reads the page itself.
    assert "Second unseen title" in _text(Client().get(directory.url))


def test_a_restriction_added_shows_on_the_next_request(directory: DirectoryPage, schools_index):
    assert Client().get(directory.url).status_code == 200

    PageViewRestriction.objects.create(
        page=schools_index, restriction_type=PageViewRestriction.LOGIN
    )

    refused = Client().get(directory.url)
    assert refused.status_code == 302
    assert "/accounts/login/" in refused["Location"] or "login" in refused["Location"]


def test_a_password_restriction_kept_is_still_checked(school: SchoolPage):
    PageViewRestriction.objects.create(
        page=school, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    visitor = Client()
    assert "password" in _text(visitor.get(school.url)).lower()
    restriction = PageViewRestriction.objects.get(page=school)
    visitor.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{school.pk}/",
        {"password": "x", "return_url": school.url},
    )

    assert "Heslerton Primary School" in _text(visitor.get(school.url))
    stranger = _text(Client().get(school.url))
    assert "password" in stranger.lower()
    assert "Mrs R Wells" not in stranger


def test_a_settings_change_shows_on_the_next_request(directory: DirectoryPage):
    assert "Published by Example Council" in _text(Client().get(directory.url))

    council = CouncilSettings.load()
    council.council_name = "North Yorkshire Council"
    council.save()

    assert "Published by North Yorkshire Council" in _text(Client().get(directory.url))


def test_a_vocabulary_rename_shows_at_once_in_the_filters(directory, schools_index):
    need = NeedArea.objects.order_by("pk").first()
    SchoolPageFactory(parent=schools_index, title="Ash School", urn="990301").needs.add(need)
    assert need.label in _text(Client().get(directory.url))

    need.label = "Help with talking and listening"
    need.save()

    assert "Help with talking and listening" in _text(Client().get(directory.url))


def test_unpublishing_moving_and_renaming_show_at_once(schools_index):
    gone, moved, renamed = (
        SchoolPageFactory(parent=schools_index, title=title, urn=urn)
        for title, urn in (
            ("Ash School", "990201"),
            ("Birch School", "990202"),
            ("Cedar School", "990203"),
        )
    )
    urls = [gone.url, moved.url, renamed.url]
    assert [Client().get(url).status_code for url in urls] == [200, 200, 200]
    assert [Client().get(url).status_code for url in urls] == [200, 200, 200]

    gone.unpublish()
    moved.move(gone, pos="last-child")
    renamed = SchoolPage.objects.get(pk=renamed.pk)
    renamed.slug = "cedar-primary-school"
    renamed.save_revision().publish()

    # Moved: Wagtail sends visitors of the old address to the new one; the old
    # address of a renamed page is gone.
    assert [Client().get(url).status_code for url in urls] == [404, 301, 404]
    assert "Cedar School" in _text(Client().get(SchoolPage.objects.get(pk=renamed.pk).url))


def test_the_kept_page_is_never_the_one_served(directory: DirectoryPage):
    first = Client().get(directory.url)
    second = Client().get(directory.url)
    third = Client().get(directory.url)

    kept = next(iter(version_memo._routes.values())).page
    assert second.context["page"] is not kept
    assert second.context["page"] is not third.context["page"]
    # Nothing a request set on its page (the restrictions it was told) reaches the kept one.
    assert "get_view_restrictions" not in vars(kept)
    assert _text(first).count("<h1") == _text(third).count("<h1")


API = "/api/v1/directory/"


def _school_names(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["name"] for item in response.json()["results"]]


def test_a_repeated_api_request_costs_the_version_the_search_and_the_census(
    school: SchoolPage, django_assert_max_num_queries
):
    # docs/performance.md: the site and the vocabularies come from memory, as for the page.
    for params in ({}, {"q": "Heslerton"}, {"phase": "primary"}):
        Client().get(API, params)
        with django_assert_max_num_queries(3):
            assert _school_names(Client().get(API, params)) == ["Heslerton Primary School"]


def test_a_vocabulary_rename_shows_at_once_in_the_api(schools_index):
    need = NeedArea.objects.order_by("pk").first()
    SchoolPageFactory(parent=schools_index, title="Ash School", urn="990301").needs.add(need)
    assert need.label in _text(Client().get(API))
    assert need.label in _text(Client().get(API))

    need.label = "Help with talking and listening"
    need.save()

    assert "Help with talking and listening" in _text(Client().get(API))


def test_each_host_gets_its_own_sites_schools_from_the_api(school: SchoolPage):
    # A second site on another host, whose pages have no schools.
    home = Page.objects.get(depth=1).add_child(instance=Page(title="Other", slug="other"))
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home)

    for _ in range(2):
        assert _school_names(Client().get(API)) == ["Heslerton Primary School"]
        assert _school_names(Client().get(API, HTTP_HOST="127.0.0.1")) == []


def test_an_editors_api_request_neither_uses_nor_fills_what_is_kept(
    school: SchoolPage, admin_client: Client
):
    version_memo.forget()
    admin_client.get(API)

    assert version_memo._sites == {}
    Client().get(API)
    assert len(version_memo._sites) == 1
