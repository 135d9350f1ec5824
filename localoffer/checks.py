"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}


def _is_local(host: str) -> bool:
    return host in _LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127.")


@register(Tags.security, deploy=True)
def check_admin_base_url(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Emails link to ``WAGTAILADMIN_BASE_URL``: in production it must be the site's address."""
    value = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.hostname and not _is_local(parts.hostname):
        return []
    return [
        Error(
            f"WAGTAILADMIN_BASE_URL is {value!r}: emails to schools and moderators would link "
            "to an address nobody else can reach.",
            hint="Set WAGTAILADMIN_BASE_URL to the site's public address, for example "
            "https://localoffer.example.gov.uk.",
            id="localoffer.E001",
        )
    ]
