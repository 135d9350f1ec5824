"""Administrators' screens: locked-out logins with an unlock button for each, and
removing someone's second factor."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from schools.admin_access import AllowedUsersOnlyMixin

from .roles import can_reset_two_factor, can_unlock_logins
from .selectors import cooloff_minutes, failure_limit, has_two_factor, locked_out_attempts
from .services import reset_two_factor, unlock


class LockedOutLoginsView(AllowedUsersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Who is locked out after too many wrong passwords, and a way to let them back in
    before the lockout ends by itself."""

    template_name = "logins/admin/locked_out.html"
    page_title = "Locked-out logins"
    header_icon = "lock"
    allowed = staticmethod(can_unlock_logins)

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


class ResetTwoFactorView(AllowedUsersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks, then removes a person's second factor (they lost their phone). Reached from
    the "Reset two-factor" button in Settings > Users."""

    template_name = "logins/admin/reset_two_factor.html"
    page_title = "Reset two-factor authentication"
    header_icon = "key"
    allowed = staticmethod(can_reset_two_factor)

    @cached_property
    def person(self) -> Any:
        # Read only once ``allowed`` has let the request in: nobody else learns which
        # user ids exist.
        return get_object_or_404(get_user_model(), pk=self.kwargs["user_id"])

    def get_page_subtitle(self) -> str:
        return self.person.get_username()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["person"] = self.person
        context["has_two_factor"] = has_two_factor(self.person)
        return context

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        reset_two_factor(self.person)
        messages.success(
            request,
            f"Two-factor authentication removed for {self.person.get_username()}. They sign "
            "in with their password next time and set it up again.",
        )
        return redirect("wagtailusers_users:index")
