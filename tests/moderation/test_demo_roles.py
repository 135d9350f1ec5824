"""Development-only demo logins for a moderator and one school's editor."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from council.models import CouncilSettings
from localoffer.demo import ensure_demo_logins
from schools.models import SchoolPage
from tests.sign_in import sign_in

from .admin_forms import edit_url


@override_settings(DEBUG=True)
def test_demo_roles_can_sign_in_and_do_their_jobs(
    school_a: SchoolPage, school_b: SchoolPage
) -> None:
    logins = ensure_demo_logins(school_a)
    assert ensure_demo_logins(school_a) == logins  # idempotent
    _admin, moderator, editor = logins
    assert moderator.role == "Council moderator"
    assert editor.role == "Editor of Ampleforth Primary School"

    as_editor = Client()
    assert sign_in(as_editor, editor.username, editor.password).status_code == 302
    assert as_editor.get(edit_url(school_a)).status_code == 200
    assert as_editor.get(edit_url(school_b)).status_code == 302

    as_moderator = Client()
    assert sign_in(as_moderator, moderator.username, moderator.password).status_code == 302
    assert as_moderator.get(edit_url(school_b)).status_code == 200


@override_settings(DEBUG=False)
def test_demo_roles_are_refused_without_debug(school_a: SchoolPage) -> None:
    with pytest.raises(ImproperlyConfigured):
        ensure_demo_logins(school_a)
    assert not get_user_model().objects.exists()


@override_settings(DEBUG=False)
def test_setup_demo_outside_debug_refuses_before_writing_anything(db: None) -> None:
    # Issue 12: under production settings it used to publish the demo schools first.
    council = CouncilSettings.load()

    with pytest.raises(CommandError, match="only set up with DEBUG on"):
        call_command("setup_demo", stdout=io.StringIO())

    assert not SchoolPage.objects.exists()
    assert not get_user_model().objects.exists()
    assert CouncilSettings.load().sendiass_phone == council.sendiass_phone == ""
