"""Through the real admin screens (issue 20): a change a school submits is not shown to
parents while it waits for review, even from the page cache, and the moment the council
approves it the next anonymous visitor sees it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

from schools.models import SchoolPage

from .admin_forms import post_edit, workflow_action
from .conftest import logged_in


@pytest.fixture(autouse=True)
def _pages_kept(settings, db: None) -> None:
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600
    Client().get("/")  # the first visit creates the council's settings


def _seen(url: str) -> str:
    return Client().get(url).content.decode()


def test_a_submitted_change_shows_only_once_approved(
    school_a: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
):
    url = school_a.url
    assert "Ampleforth Primary School" in _seen(url)
    editor = logged_in(editor_a)

    post_edit(editor, school_a, "submit", title="Ampleforth C of E Primary")
    # The editor's own visit is never kept: parents still get the live report.
    editor.get(url)
    assert "Ampleforth C of E Primary" not in _seen(url)
    assert "Ampleforth Primary School" in _seen(url)

    response = workflow_action(logged_in(moderator), school_a, "approve")
    assert response.status_code == 302

    assert "Ampleforth C of E Primary" in _seen(url)


def test_a_change_a_moderator_publishes_from_the_editor_shows_at_once(
    school_a: SchoolPage, moderator: AbstractBaseUser
):
    url = school_a.url
    assert "Ampleforth Primary School" in _seen(url)

    post_edit(logged_in(moderator), school_a, "publish", title="Ampleforth C of E Primary")

    assert "Ampleforth C of E Primary" in _seen(url)
