"""Every setting that comes from the environment, read in one place.

Each variable is listed in the README. Modules under ``localoffer.settings`` read
``ENV`` instead of calling ``os.environ`` themselves, so there is one list to check
against ``docker-compose.yml`` and the deployment docs.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable as a stripped string, or ``default`` when unset."""
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    """Return the variable as a boolean; anything unrecognised is a configuration error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_optional_bool(name: str) -> bool | None:
    """Like :func:`env_bool`, but ``None`` when unset, so each settings module keeps its
    own default."""
    if os.environ.get(name) is None:
        return None
    return env_bool(name)


def env_int(name: str, default: int = 0) -> int:
    """Return the variable as a whole number of 0 or more; anything else is an error."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = -1
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be a whole number, 0 or more, not {raw!r}")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


# A django-ratelimit rate: a number of requests per unit (s, m, h, d), e.g. 120/m or 10/10m.
_RATE = re.compile(r"\d+/\d*[smhd]")


def rates(name: str, values: list[str]) -> list[str]:
    """Check that every item of a rate-limit list reads like ``120/m``; return the list."""
    for value in values:
        if not _RATE.fullmatch(value):
            raise ImproperlyConfigured(
                f"{name} must be rates like 120/m or 3000/h, comma-separated, not {value!r}"
            )
    return values


@dataclass(frozen=True)
class Environment:
    """The environment variables the project reads, with their types and defaults."""

    secret_key: str = field(default_factory=lambda: env_str("DJANGO_SECRET_KEY"))
    debug: bool = field(default_factory=lambda: env_bool("DJANGO_DEBUG", False))
    allowed_hosts: list[str] = field(default_factory=lambda: env_list("DJANGO_ALLOWED_HOSTS"))
    csrf_trusted_origins: list[str] = field(
        default_factory=lambda: env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
    )
    database_url: str = field(default_factory=lambda: env_str("DATABASE_URL"))
    elasticsearch_url: str = field(default_factory=lambda: env_str("ELASTICSEARCH_URL"))
    # Redis for the caches every server process shares (pages, API answers, rate limits).
    redis_url: str = field(default_factory=lambda: env_str("REDIS_URL"))
    # A CDN or caching proxy in front that keeps pages, and how to tell it to drop them
    # (Wagtail's frontend cache: localoffer/frontend_cache.py).
    frontend_cache_purge_url: str = field(
        default_factory=lambda: env_str("FRONTEND_CACHE_PURGE_URL")
    )
    cloudflare_api_token: str = field(default_factory=lambda: env_str("CLOUDFLARE_API_TOKEN"))
    cloudflare_zone_id: str = field(default_factory=lambda: env_str("CLOUDFLARE_ZONE_ID"))
    frontend_cache_max_age: int = field(
        default_factory=lambda: env_int("FRONTEND_CACHE_MAX_AGE", 0)
    )
    elasticsearch_index: str = field(
        default_factory=lambda: env_str("ELASTICSEARCH_INDEX", "localoffer-schools")
    )
    admin_base_url: str = field(
        default_factory=lambda: env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
    )
    default_from_email: str = field(
        default_factory=lambda: env_str("DEFAULT_FROM_EMAIL", "local-offer@localhost")
    )
    email_host: str = field(default_factory=lambda: env_str("EMAIL_HOST"))
    secure_ssl_redirect: bool = field(
        default_factory=lambda: env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    )
    trusted_proxy_count: int = field(
        default_factory=lambda: env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
    )
    # The public APIs' rate limits per visitor address; empty keeps the settings' own
    # (120/m, 3000/h). Raised only where every client shares one address (the load test).
    api_rates: list[str] = field(
        default_factory=lambda: rates("LOCALOFFER_API_RATES", env_list("LOCALOFFER_API_RATES"))
    )
    # Council staff must use two-factor authentication: on unless set, except in the
    # development and test settings, where the demo logins must keep working.
    require_two_factor: bool | None = field(
        default_factory=lambda: env_optional_bool("DJANGO_REQUIRE_TWO_FACTOR")
    )


ENV = Environment()
