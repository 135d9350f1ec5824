"""The Content-Security-Policy header on every response (django-csp), with the few
allowances Wagtail's admin needs added for admin pages only.

The public site has no inline script or style at all (a test reads every template), so its
policy allows only files from this site. ``LOCALOFFER_ADMIN_CSP`` lists what Wagtail's
admin needs on top, and ``LOCALOFFER_PREVIEW_CSP`` what the editor's preview of a public
page needs, each with its reason (docs/security.md, "Content-Security-Policy").
"""

from __future__ import annotations

from csp.constants import NONE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"


def widened(extra_sources: dict[str, list[str]]) -> dict[str, list[str]]:
    """The directives ``extra_sources`` widens, each with the site's sources plus the extra
    ones ('none' gives way to them)."""
    site = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    return {
        directive: [*(source for source in site.get(directive, []) if source != NONE), *extra]
        for directive, extra in extra_sources.items()
    }


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, widening the policy by ``LOCALOFFER_ADMIN_CSP`` under
    ``/admin/`` only, and by ``LOCALOFFER_PREVIEW_CSP`` for the page Wagtail renders
    into the editor's preview frame (a request Wagtail makes up, marked ``is_dummy``,
    for the page's public address)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = {**widened(settings.LOCALOFFER_ADMIN_CSP), **(parts.replace or {})}
        elif getattr(request, "is_dummy", False):
            parts.replace = {**widened(settings.LOCALOFFER_PREVIEW_CSP), **(parts.replace or {})}
        return parts
