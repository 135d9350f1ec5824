"""The page a locked-out login gets instead of the sign-in form (django-axes calls it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import cooloff_minutes, failure_limit


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """429 with a plain-English page: how long to wait and who can unlock sooner.
    ``AXES_LOCKOUT_CALLABLE`` names it. It reads the same whether or not the username
    exists, so it tells an attacker nothing."""
    context = {"failure_limit": failure_limit(), "cooloff_minutes": cooloff_minutes()}
    return render(request, "logins/locked_out.html", context, status=429)
