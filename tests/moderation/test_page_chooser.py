"""The admin's page chooser (for links in a report) shows a school's editors only their
own school: other schools' pages, and the unpublished titles it would show for them,
stay hidden (issue 12, item 7). Through the chooser's real URLs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from schools.models import SchoolIndexPage, SchoolPage

from .conftest import logged_in

DRAFT_TITLE = "Brompton Merger Consultation School"


@pytest.fixture
def drafted_b(school_b: SchoolPage) -> SchoolPage:
    """School B with a draft (not published) title the public has not seen."""
    school_b.title = DRAFT_TITLE
    school_b.save_revision()
    return school_b


def test_browsing_the_schools_shows_an_editor_only_their_own(
    schools_index: SchoolIndexPage,
    school_a: SchoolPage,
    drafted_b: SchoolPage,
    editor_a: AbstractBaseUser,
) -> None:
    response = logged_in(editor_a).get(
        reverse("wagtailadmin_choose_page_child", args=[schools_index.pk])
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Ampleforth Primary School" in body
    assert DRAFT_TITLE not in body
    assert "Brompton" not in body


def test_searching_the_chooser_finds_only_the_editors_own_school(
    school_a: SchoolPage, drafted_b: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    client = logged_in(editor_a)
    search = reverse("wagtailadmin_choose_page_search")

    assert "Ampleforth Primary School" in client.get(search, {"q": "Ampleforth"}).content.decode()
    found = client.get(search, {"q": "Brompton"}).content.decode()
    assert "Brompton" not in found
    assert DRAFT_TITLE not in found


def test_another_schools_page_cannot_be_opened_in_the_chooser_by_its_id(
    school_a: SchoolPage, drafted_b: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    client = logged_in(editor_a)

    under_b = client.get(reverse("wagtailadmin_choose_page_child", args=[drafted_b.pk]))
    chosen_b = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": drafted_b.pk})
    chosen_a = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": school_a.pk})

    assert under_b.status_code == 404
    assert chosen_b.status_code == 404
    assert DRAFT_TITLE not in chosen_b.content.decode()
    assert chosen_a.status_code == 200
    assert "Ampleforth Primary School" in chosen_a.content.decode()


def test_council_moderators_still_choose_among_every_school(
    schools_index: SchoolIndexPage,
    school_a: SchoolPage,
    drafted_b: SchoolPage,
    moderator: AbstractBaseUser,
) -> None:
    client = logged_in(moderator)
    body = client.get(
        reverse("wagtailadmin_choose_page_child", args=[schools_index.pk])
    ).content.decode()

    assert "Ampleforth Primary School" in body
    assert DRAFT_TITLE in body
    assert (
        client.get(reverse("wagtailadmin_choose_page_child", args=[drafted_b.pk])).status_code
        == 200
    )


def test_the_chooser_still_needs_a_login(drafted_b: SchoolPage, client) -> None:
    response = client.get(reverse("wagtailadmin_choose_page_child", args=[drafted_b.pk]))
    assert response.status_code == 302
    assert DRAFT_TITLE not in response.content.decode()
