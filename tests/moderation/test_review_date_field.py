"""Only the council may set a report's review date by hand; editors cannot backdate it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from schools.models import SchoolPage

from .conftest import logged_in


def test_school_editors_do_not_see_the_review_date_field(
    editor_a: AbstractBaseUser, school_a: SchoolPage
) -> None:
    response = logged_in(editor_a).get(reverse("wagtailadmin_pages:edit", args=(school_a.pk,)))
    assert response.status_code == 200
    assert 'name="last_reviewed"' not in response.content.decode()


def test_council_moderators_can_set_the_review_date(
    moderator: AbstractBaseUser, school_a: SchoolPage
) -> None:
    response = logged_in(moderator).get(reverse("wagtailadmin_pages:edit", args=(school_a.pk,)))
    assert response.status_code == 200
    assert 'name="last_reviewed"' in response.content.decode()
