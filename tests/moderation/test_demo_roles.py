"""Development-only demo logins for a moderator and one school's editor."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from moderation.services import create_demo_roles
from schools.models import SchoolPage

from .admin_forms import edit_url


@override_settings(DEBUG=True)
def test_demo_roles_can_sign_in_and_do_their_jobs(
    school_a: SchoolPage, school_b: SchoolPage
) -> None:
    logins = create_demo_roles(school_a)
    assert create_demo_roles(school_a) == logins  # idempotent
    (moderator_role, moderator, moderator_password), (editor_role, editor, editor_password) = logins
    assert moderator_role == "Council moderator"
    assert editor_role == "Editor of Ampleforth Primary School"

    as_editor = Client()
    assert as_editor.login(username=editor, password=editor_password)
    assert as_editor.get(edit_url(school_a)).status_code == 200
    assert as_editor.get(edit_url(school_b)).status_code == 302

    as_moderator = Client()
    assert as_moderator.login(username=moderator, password=moderator_password)
    assert as_moderator.get(edit_url(school_b)).status_code == 200


@override_settings(DEBUG=False)
def test_demo_roles_are_refused_without_debug(school_a: SchoolPage) -> None:
    with pytest.raises(ImproperlyConfigured):
        create_demo_roles(school_a)
