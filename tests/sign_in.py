"""Signing in as a person does: through the site's one sign-in form (django-allauth's),
not ``force_login``, so that throttling and two-factor authentication are on the path."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

LOGIN_URL = "/accounts/login/"


def sign_in(client: Client, username: str, password: str, **extra: str) -> HttpResponse:
    """Post ``username`` and ``password`` to the sign-in form; ``extra`` are request
    headers such as ``REMOTE_ADDR``. A 302 to the admin means signed in; one to
    ``/accounts/2fa/authenticate/`` means a second factor is asked for."""
    return client.post(
        LOGIN_URL,
        {"login": username, "password": password, "next": reverse("wagtailadmin_home")},
        **extra,
    )


def is_signed_in(client: Client) -> bool:
    """Whether the client's session reaches the admin dashboard."""
    return client.get(reverse("wagtailadmin_home")).status_code == 200
