"""Loads the demo site for ``make run``: the four seed schools and development logins.

Everything here is idempotent, so ``make run`` can be repeated without duplicating
anything, and refuses to create logins unless DEBUG is on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import Site

from .models import LocalOfferSettings

FIXTURES = Path(settings.BASE_DIR) / "schools" / "fixtures"
# The four real schools whose reports we started from (see docs/demo-data.md).
DEMO_SCHOOLS = FIXTURES / "demo_schools.json"
# Generated schools, each named "Example: ...", so the directory has choices to filter.
EXAMPLE_SCHOOLS = FIXTURES / "example_schools.json"
DEMO_FILES = (DEMO_SCHOOLS, EXAMPLE_SCHOOLS)
DEV_ADMIN_USERNAME = "admin"
# Printed on the console by design: the login exists only with DEBUG on.
DEV_ADMIN_PASSWORD = "localoffer-dev-only"


@dataclass(frozen=True)
class DemoLogin:
    """A development-only login to print for the developer."""

    role: str
    username: str
    password: str


def configure_demo_settings() -> None:
    """Give the demo council a name and SENDIASS details, unless already edited."""
    site = Site.objects.get(is_default_site=True)
    site_settings = LocalOfferSettings.for_site(site)
    if site_settings.council_name == "Example Council" and not site_settings.sendiass_phone:
        site_settings.sendiass_name = "Example Council SENDIASS"
        site_settings.sendiass_phone = "01234 567890"
        site_settings.sendiass_email = "sendiass@example.org"
        site_settings.save()


def ensure_dev_admin() -> DemoLogin:
    """Create (once) a superuser for local development. Refused when DEBUG is off."""
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo logins are only created with DEBUG on.")
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=DEV_ADMIN_USERNAME,
        defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_password(DEV_ADMIN_PASSWORD)
        user.save()
    return DemoLogin("Council administrator (superuser)", DEV_ADMIN_USERNAME, DEV_ADMIN_PASSWORD)


def load_demo_schools() -> None:
    """Import the real and the example demo schools; a second run reports them unchanged."""
    for path in DEMO_FILES:
        call_command("import_schools", str(path))


def demo_school_records() -> list[dict[str, Any]]:
    """Every school record the demo loads, as written in the fixture files."""
    return [
        record
        for path in DEMO_FILES
        for record in json.loads(path.read_text(encoding="utf-8"))["schools"]
    ]
