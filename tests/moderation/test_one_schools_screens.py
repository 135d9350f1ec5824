"""The admin screens about one school (its review, "nothing changed", its feedback, the
live checklist): an editor of one school is refused another school's, and an address
with no school is a 404 (schools.admin_access.school_for)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.messages import get_messages
from django.urls import reverse

from schools.models import SchoolPage

from .conftest import logged_in

pytestmark = pytest.mark.django_db

# (URL name, method, whether a school's own editor may use it on their school)
SCREENS = [
    ("moderation_review_changes", "get", False),  # the council's alone
    ("moderation_confirm_review", "get", True),
    ("moderation_confirm_review", "post", True),
    ("feedback_school", "get", True),
    ("feedback_school_results", "get", True),
    ("schools_report_advice", "post", True),
]


def _ask(user: AbstractBaseUser, method: str, url: str):
    # A client of its own each time: a refusal's message waits for the next page.
    return getattr(logged_in(user), method)(url, {})


def _refused(response) -> bool:
    # Wagtail's admin answers PermissionDenied with its dashboard and this message.
    said = [str(message) for message in get_messages(response.wsgi_request)]
    if response.status_code == 302 and any("do not have permission" in m for m in said):
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


@pytest.mark.parametrize(("name", "method", "own_editor_may"), SCREENS)
def test_an_editor_of_one_school_is_refused_another_schools_screen(
    name: str,
    method: str,
    own_editor_may: bool,
    school_a: SchoolPage,
    school_b: SchoolPage,
    editor_a: AbstractBaseUser,
    moderator: AbstractBaseUser,
) -> None:
    refused = _ask(editor_a, method, reverse(name, args=[school_b.pk]))

    assert _refused(refused), (refused.status_code, refused.get("Location"))
    assert school_b.title not in refused.content.decode()
    # The screen works for those it is for: the school's own editor, or the council.
    own = _ask(editor_a, method, reverse(name, args=[school_a.pk]))
    council = _ask(moderator, method, reverse(name, args=[school_b.pk]))
    assert _refused(own) is not own_editor_may
    assert not _refused(council) and council.status_code < 400


@pytest.mark.parametrize(("name", "method", "own_editor_may"), SCREENS)
def test_a_school_that_does_not_exist_is_a_404(
    name: str, method: str, own_editor_may: bool, moderator: AbstractBaseUser
) -> None:
    response = _ask(moderator, method, reverse(name, args=[999_999]))

    assert response.status_code == 404
