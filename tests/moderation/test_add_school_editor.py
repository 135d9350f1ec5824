"""``add_school_editor``: adds someone to a school's editors and invites them by email."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from moderation.selectors import editor_group
from schools.models import SchoolPage
from tests.sign_in import sign_in

from .admin_forms import edit_url


def add_editor(*args: str) -> str:
    output = io.StringIO()
    call_command("add_school_editor", *args, stdout=output)
    return output.getvalue()


def test_a_new_editor_is_created_invited_and_can_set_a_password(school_a: SchoolPage) -> None:
    output = add_editor("100001", "Ruth.Wells@Ampleforth.example.org", "--name", "Ruth Wells")

    user = get_user_model().objects.get(email__iexact="ruth.wells@ampleforth.example.org")
    assert user.get_full_name() == "Ruth Wells"
    assert not user.has_usable_password()
    assert user.groups.filter(pk=editor_group(school_a).pk).exists()
    assert "can now edit Ampleforth Primary School" in output

    [invitation] = mail.outbox
    assert invitation.to == [user.email]
    assert "Ampleforth Primary School" in invitation.subject
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+/)", invitation.body)
    assert link, invitation.body
    assert f"http://testserver{edit_url(school_a)}" in invitation.body

    # Following the link lets them choose a password, then sign in and edit.
    client = Client()
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "a long Ampleforth passphrase",
            "new_password2": "a long Ampleforth passphrase",
        },
    )
    assert response.status_code == 302
    assert sign_in(client, user.username, "a long Ampleforth passphrase").status_code == 302
    assert client.get(edit_url(school_a)).status_code == 200


def test_an_existing_user_is_added_and_told_to_sign_in(school_a: SchoolPage) -> None:
    user = get_user_model().objects.create_user("ruth", "ruth@example.org", "existing password")
    add_editor("100001", "RUTH@example.org")

    assert user.groups.filter(pk=editor_group(school_a).pk).exists()
    assert get_user_model().objects.filter(email__iexact="ruth@example.org").count() == 1
    [invitation] = mail.outbox
    assert "password_reset" not in invitation.body
    assert reverse("wagtailadmin_login") in invitation.body


def test_adding_twice_changes_nothing_but_resends_the_invitation(school_a: SchoolPage) -> None:
    add_editor("100001", "ruth@example.org")
    output = add_editor("100001", "ruth@example.org")
    assert "already an editor" in output
    assert get_user_model().objects.filter(email="ruth@example.org").count() == 1
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("urn", "email", "message"),
    [
        ("999999", "ruth@example.org", 'No school page has the URN "999999"'),
        ("100001", "not-an-email", '"not-an-email" is not a valid email address'),
        ("100001", "ruth@", "is not a valid email address"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(
    school_a: SchoolPage, urn: str, email: str, message: str
) -> None:
    with pytest.raises(CommandError, match=re.escape(message)):
        add_editor(urn, email)
    assert not get_user_model().objects.filter(email=email).exists()
    assert mail.outbox == []


def test_a_deactivated_account_is_not_silently_reactivated(school_a: SchoolPage) -> None:
    get_user_model().objects.create_user("gone", "gone@example.org", is_active=False)
    with pytest.raises(CommandError, match="deactivated"):
        add_editor("100001", "gone@example.org")
