"""Issue 12 item 3: failed sign-ins are throttled per account and per address on every
sign-in form, with a plain-English lockout page and an administrator's unlock."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.sign_in import is_signed_in, sign_in

from .conftest import PASSWORD


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(
    moderator: AbstractBaseUser,
) -> None:
    # The reproduction from the issue: this used to sign in.
    client = Client()
    for _ in range(30):
        sign_in(client, "moderator", "guess")

    response = sign_in(client, "moderator", PASSWORD)

    # The 31st try in a minute from one address is refused before any password is read.
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert not is_signed_in(client)
    # A few minutes on, the account itself is still locked.
    with time_machine.travel(timezone.now() + timedelta(minutes=3)):
        response = sign_in(client, "moderator", PASSWORD)
        assert response.status_code == 429
        page = response.content.decode()
        assert "Too many wrong passwords" in page
        assert "Try again in 15 minutes" in page
        assert not is_signed_in(client)


def test_the_lockout_ends_by_itself(moderator: AbstractBaseUser) -> None:
    for _ in range(5):
        sign_in(Client(), "moderator", "guess")

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        client = Client()
        assert sign_in(client, "moderator", PASSWORD).status_code == 302
        assert is_signed_in(client)


def test_a_few_wrong_passwords_then_the_right_one_signs_in(moderator: AbstractBaseUser) -> None:
    client = Client()
    for _ in range(4):
        assert sign_in(client, "moderator", "guess").status_code == 200

    assert sign_in(client, "moderator", PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_the_account_is_locked_whatever_address_the_guesses_come_from(
    moderator: AbstractBaseUser,
) -> None:
    for number in range(5):
        sign_in(Client(), "moderator", "guess", REMOTE_ADDR=f"198.51.100.{number + 1}")

    client = Client()
    assert sign_in(client, "moderator", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert not is_signed_in(client)


def test_an_address_is_locked_whatever_usernames_it_tries(
    moderator: AbstractBaseUser,
) -> None:
    for number in range(5):
        sign_in(Client(), f"someone{number}", "guess", REMOTE_ADDR="198.51.100.7")

    assert sign_in(Client(), "moderator", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 429
    # The moderator at their own desk is not held up by someone else's guessing.
    elsewhere = Client()
    assert sign_in(elsewhere, "moderator", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lock(
    db: None,
) -> None:
    # No trusted proxy (the default): X-Forwarded-For is the visitor's own words.
    for number in range(5):
        sign_in(
            Client(),
            f"someone{number}",
            "guess",
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )

    response = sign_in(
        Client(), "anyone", "guess", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert response.status_code == 429


@override_settings(LOCALOFFER_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_is_counted_by_their_own_address(
    moderator: AbstractBaseUser,
) -> None:
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for number in range(5):
        sign_in(Client(), f"someone{number}", "guess", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)

    locked = sign_in(Client(), "moderator", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert locked.status_code == 429
    # Everyone arrives from the proxy's address; only the guesser's own address is locked.
    other = Client()
    response = sign_in(other, "moderator", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    assert response.status_code == 302


@pytest.mark.parametrize("form", ["/_util/login/", "/admin/login/"])
def test_wagtails_sign_in_forms_are_gone(moderator: AbstractBaseUser, form: str) -> None:
    # /_util/login/ was Wagtail's form for login-restricted pages: an unthrottled door.
    # The admin's own form would skip the second factor.
    client = Client()
    response = client.get(f"{form}?next=/schools/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/schools/"

    for _ in range(10):
        client.post(form, {"username": "moderator", "password": "guess"})
    client.post(form, {"username": "moderator", "password": PASSWORD})
    assert not is_signed_in(client)


def test_an_administrator_unlocks_a_locked_out_moderator(
    moderator: AbstractBaseUser, administrator: AbstractBaseUser
) -> None:
    for _ in range(6):
        sign_in(Client(), "moderator", "guess", REMOTE_ADDR="198.51.100.7")
    admin = Client()
    admin.force_login(administrator)

    listing = admin.get(reverse("logins_locked_out"))
    assert listing.status_code == 200
    assert "198.51.100.7" in listing.content.decode()
    assert "Unlock moderator" in listing.content.decode()

    response = admin.post(
        reverse("logins_locked_out"),
        {"username": "moderator", "ip_address": "198.51.100.7"},
        follow=True,
    )
    assert "Unlocked moderator and 198.51.100.7" in response.content.decode()
    assert "Nobody is locked out" in response.content.decode()
    client = Client()
    assert sign_in(client, "moderator", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_only_administrators_may_unlock(moderator: AbstractBaseUser) -> None:
    for _ in range(6):
        sign_in(Client(), "someone", "guess", REMOTE_ADDR="198.51.100.7")
    client = Client()
    client.force_login(moderator)

    # Wagtail turns "permission denied" into a redirect to the dashboard with a message.
    assert client.get(reverse("logins_locked_out")).status_code == 302
    client.post(reverse("logins_locked_out"), {"ip_address": "198.51.100.7"})
    assert sign_in(Client(), "someone", "guess", REMOTE_ADDR="198.51.100.7").status_code == 429
    assert "Locked-out logins" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_reset_command_unlocks_from_the_command_line(moderator: AbstractBaseUser) -> None:
    for _ in range(6):
        sign_in(Client(), "moderator", "guess")

    call_command("axes_reset_username", "moderator", stdout=io.StringIO())

    client = Client()
    assert sign_in(client, "moderator", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302
