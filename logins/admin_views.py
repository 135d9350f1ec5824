"""The administrators' screen of locked-out logins, with an unlock button for each."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .roles import can_unlock_logins
from .selectors import cooloff_minutes, failure_limit, locked_out_attempts
from .services import unlock


class LockedOutLoginsView(WagtailAdminTemplateMixin, TemplateView):
    """Who is locked out after too many wrong passwords, and a way to let them back in
    before the lockout ends by itself."""

    template_name = "logins/admin/locked_out.html"
    page_title = "Locked-out logins"
    header_icon = "lock"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_unlock_logins(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["attempts"] = locked_out_attempts()
        context["failure_limit"] = failure_limit()
        context["cooloff_minutes"] = cooloff_minutes()
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        username = request.POST.get("username", "").strip()
        ip_address = request.POST.get("ip_address", "").strip()
        unlock(username=username, ip_address=ip_address)
        who = " and ".join(part for part in (username, ip_address) if part) or "nobody"
        messages.success(request, f"Unlocked {who}: they can sign in again now.")
        return redirect("logins_locked_out")
