"""Remember, for this session, that its user has just set up a second factor."""

from __future__ import annotations

from typing import Any

from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver
from django.http import HttpRequest

from .selectors import TWO_FACTOR_SET_UP_SESSION_KEY


@receiver(authenticator_added)
def second_factor_set_up(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    # Setting up an authenticator app or a key proves it with a code or a touch, so the
    # session that did it may use the admin without signing in again.
    request.session[TWO_FACTOR_SET_UP_SESSION_KEY] = True
