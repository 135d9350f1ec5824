"""Council staff reach the admin only after a second factor."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .selectors import has_two_factor, session_used_two_factor, two_factor_required

# The admin is where staff act for the council; the sign-in, sign-out and two-factor
# set-up pages live under /accounts/ and stay reachable.
PROTECTED_PREFIX = "/admin/"


class TwoFactorMiddleware:
    """In the admin: someone who must use two-factor authentication and has not set it up
    is sent to set it up; someone who has it but whose session skipped it (a session
    from before, or from any other way in) is signed out and asked to sign in again."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and request.path.startswith(PROTECTED_PREFIX):
            if has_two_factor(user):
                if not session_used_two_factor(request):
                    logout(request)
                    return redirect_to_login(request.get_full_path())
            elif two_factor_required(user):
                messages.warning(
                    request,
                    "Council staff need two-factor authentication to use the admin. "
                    "Set up an authenticator app to continue.",
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
