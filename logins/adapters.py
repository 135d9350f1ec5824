"""How django-allauth's sign-in fits this site: no sign-up, our address rule, and
django-axes (not allauth) counting wrong passwords."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from localoffer.client_address import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """The council creates accounts (Settings > Users, `add_school_editor`): nobody signs up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # django-axes throttles the password step for every form, with its lockout page
        # and unlock screen; allauth's own count would answer first with a different
        # message. allauth still limits second-factor codes (MFA_RATE_LIMITS).
        return None

    def get_client_ip(self, request: HttpRequest) -> str:
        # One rule for the whole site (DJANGO_TRUSTED_PROXY_COUNT), never a 500 on a
        # short X-Forwarded-For header.
        return client_ip(request)
