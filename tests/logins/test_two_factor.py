"""Issue 12 item 3: two-factor authentication (django-allauth's MFA) for council staff:
required for moderators and administrators when LOCALOFFER_REQUIRE_TWO_FACTOR is on (the
production default), offered to school editors, with recovery codes and an
administrator's reset. Codes are computed with pyotp, as a phone's app would."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import AbstractBaseUser
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from tests.sign_in import is_signed_in, sign_in

from .conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
required = override_settings(LOCALOFFER_REQUIRE_TWO_FACTOR=True)


def with_authenticator_app(user: AbstractBaseUser) -> pyotp.TOTP:
    """Set up an authenticator app for ``user``; returns the app (it computes codes)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return pyotp.TOTP(secret)


def enter_code(client: Client, code: str) -> object:
    return client.post(reverse("mfa_authenticate"), {"code": code})


@required
def test_a_moderator_cannot_reach_the_admin_before_setting_up_two_factor(
    moderator: AbstractBaseUser,
) -> None:
    client = Client()
    assert sign_in(client, "moderator", PASSWORD).status_code == 302

    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_explore_root")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    setup = client.get(reverse("mfa_activate_totp"), follow=True)
    assert "need two-factor authentication" in setup.content.decode()


# Real transactions: allauth announces a new authenticator when its transaction commits,
# inside the request, as on a real server.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@required
def test_setting_up_an_authenticator_app_opens_the_admin(moderator: AbstractBaseUser) -> None:
    client = Client()
    sign_in(client, "moderator", PASSWORD)
    # Managing second factors asks for the password again (someone at an unlocked desk).
    asked = client.get(reverse("mfa_activate_totp"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    app = pyotp.TOTP(client.session["mfa.totp.secret"])

    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=moderator).exists()

    client.post(reverse("mfa_activate_totp"), {"code": app.now()})

    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()
    assert is_signed_in(client)
    # Recovery codes come with it, to print or keep somewhere safe.
    codes = client.get(reverse("mfa_view_recovery_codes"))
    assert codes.status_code == 200
    assert len(RecoveryCodes.activate(moderator).get_unused_codes()) == 10


@required
def test_signing_in_asks_for_the_code_from_the_app(moderator: AbstractBaseUser) -> None:
    app = with_authenticator_app(moderator)
    client = Client()

    response = sign_in(client, "moderator", PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not is_signed_in(client)

    assert enter_code(client, "123456").status_code == 200
    assert not is_signed_in(client)

    assert enter_code(client, app.now()).status_code == 302
    assert is_signed_in(client)


def test_the_same_code_does_not_sign_in_twice(moderator: AbstractBaseUser) -> None:
    # Someone who watched the code being typed cannot reuse it while it is still good, even
    # in the next 30-second step (a code is good for one step either side).
    app = with_authenticator_app(moderator)
    code = app.now()
    first = Client()
    sign_in(first, "moderator", PASSWORD)
    enter_code(first, code)
    assert is_signed_in(first)

    with time_machine.travel(timezone.now() + timedelta(seconds=30)):
        second = Client()
        sign_in(second, "moderator", PASSWORD)
        enter_code(second, code)
        assert not is_signed_in(second)


@pytest.mark.parametrize(("seconds_late", "signed_in"), [(30, True), (65, False)])
def test_a_code_typed_as_it_changes_still_signs_in(
    moderator: AbstractBaseUser, seconds_late: int, signed_in: bool
) -> None:
    # The app shows a new code every 30 seconds; one typed just after it changed still
    # works, but one read off the phone a minute or more ago does not.
    app = with_authenticator_app(moderator)
    code = app.now()
    with time_machine.travel(timezone.now() + timedelta(seconds=seconds_late)):
        client = Client()
        sign_in(client, "moderator", PASSWORD)
        enter_code(client, code)
        assert is_signed_in(client) is signed_in


@required
def test_a_recovery_code_signs_in_once(moderator: AbstractBaseUser) -> None:
    with_authenticator_app(moderator)
    code = RecoveryCodes.activate(moderator).get_unused_codes()[0]

    client = Client()
    sign_in(client, "moderator", PASSWORD)
    enter_code(client, code)
    assert is_signed_in(client)

    again = Client()
    sign_in(again, "moderator", PASSWORD)
    assert enter_code(again, code).status_code == 200
    assert not is_signed_in(again)


@required
def test_a_session_that_skipped_the_second_factor_is_signed_out(
    moderator: AbstractBaseUser,
) -> None:
    # A session from before two-factor was set up, or from any other way in.
    with_authenticator_app(moderator)
    client = Client()
    client.force_login(moderator)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


@required
def test_school_editors_are_offered_two_factor_but_need_not(editor: AbstractBaseUser) -> None:
    client = Client()
    sign_in(client, "editor", PASSWORD)

    assert is_signed_in(client)
    account = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "Two-factor authentication" in account
    assert reverse("mfa_index") in account


def test_without_the_requirement_demo_logins_sign_in_with_a_password(
    moderator: AbstractBaseUser,
) -> None:
    client = Client()
    sign_in(client, "moderator", PASSWORD)
    assert is_signed_in(client)


@required
def test_reset_command_removes_the_second_factor(moderator: AbstractBaseUser) -> None:
    with_authenticator_app(moderator)
    RecoveryCodes.activate(moderator)
    out = io.StringIO()

    call_command("reset_two_factor", "moderator", stdout=out)

    assert "Removed 2 two-factor method(s) for moderator" in out.getvalue()
    assert not Authenticator.objects.filter(user=moderator).exists()
    # Password alone again, then straight to setting up a new app.
    client = Client()
    assert sign_in(client, "moderator", PASSWORD)["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home"))["Location"] == reverse("mfa_activate_totp")

    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("reset_two_factor", "nobody")


@required
def test_an_administrator_resets_someones_two_factor(
    moderator: AbstractBaseUser, administrator: AbstractBaseUser
) -> None:
    with_authenticator_app(moderator)
    admin_app = with_authenticator_app(administrator)
    admin = Client()
    sign_in(admin, "admin", PASSWORD)
    enter_code(admin, admin_app.now())

    users = admin.get(reverse("wagtailusers_users:index")).content.decode()
    reset_url = reverse("logins_reset_two_factor", args=[moderator.pk])
    assert reset_url in users
    assert "Remove two-factor authentication" in admin.get(reset_url).content.decode()
    response = admin.post(reset_url, follow=True)

    assert "Two-factor authentication removed for moderator" in response.content.decode()
    assert not Authenticator.objects.filter(user=moderator).exists()
    assert Authenticator.objects.filter(user=administrator).exists()


@required
def test_a_moderator_cannot_reset_anyone(moderator: AbstractBaseUser) -> None:
    app = with_authenticator_app(moderator)
    client = Client()
    sign_in(client, "moderator", PASSWORD)
    enter_code(client, app.now())

    refused = client.post(reverse("logins_reset_two_factor", args=[moderator.pk]))
    # Someone who may not reset anyone cannot tell which user ids exist either.
    no_one = client.get(reverse("logins_reset_two_factor", args=[moderator.pk + 1000]))

    assert refused.status_code == no_one.status_code == 302  # Wagtail: "no permission"
    assert refused["Location"] == no_one["Location"] == reverse("wagtailadmin_home")
    assert Authenticator.objects.filter(user=moderator).exists()


@required
def test_wrong_passwords_are_still_throttled_with_two_factor_on(
    moderator: AbstractBaseUser,
) -> None:
    app = with_authenticator_app(moderator)
    for _ in range(5):
        sign_in(Client(), "moderator", "guess")

    client = Client()
    assert sign_in(client, "moderator", PASSWORD).status_code == 429
    assert not is_signed_in(client)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert sign_in(client, "moderator", PASSWORD)["Location"] == reverse("mfa_authenticate")
        enter_code(client, app.now())
        assert is_signed_in(client)


def test_wrong_codes_are_throttled(moderator: AbstractBaseUser) -> None:
    app = with_authenticator_app(moderator)
    client = Client()
    sign_in(client, "moderator", PASSWORD)
    for guess in range(5):
        enter_code(client, f"{guess:06}")

    enter_code(client, app.now())

    assert not is_signed_in(client)


def settings_value(module: str, name: str, **env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE=module,
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="example.org",
        **env,
    )
    script = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_two_factor_is_required_in_production_unless_turned_off() -> None:
    production = "localoffer.settings.production"
    assert settings_value(production, "LOCALOFFER_REQUIRE_TWO_FACTOR") == "True"
    assert (
        settings_value(production, "LOCALOFFER_REQUIRE_TWO_FACTOR", DJANGO_REQUIRE_TWO_FACTOR="no")
        == "False"
    )
    assert settings_value("localoffer.settings.dev", "LOCALOFFER_REQUIRE_TWO_FACTOR") == "False"
