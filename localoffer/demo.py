"""Loads the demo site for ``make run``: the seed and example schools and development logins.

Everything here is idempotent, so ``make run`` can be repeated without duplicating
anything, and nothing runs unless DEBUG is on: ``require_debug`` is checked before
the first write, so a production database is never touched by the demo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from council.models import CouncilSettings
from moderation.selectors import editor_group
from moderation.services import council_groups, sync_editor_group
from schools.models import SchoolPage

from .models import HomePage

FIXTURES = Path(settings.BASE_DIR) / "schools" / "fixtures"
# The four real schools whose reports we started from (see docs/demo-data.md).
DEMO_SCHOOLS = FIXTURES / "demo_schools.json"
# Generated schools (URNs 999xxx, town Exampleton), so the directory has choices to filter.
EXAMPLE_SCHOOLS = FIXTURES / "example_schools.json"
DEMO_FILES = (DEMO_SCHOOLS, EXAMPLE_SCHOOLS)

# Printed on the console by design: these logins exist only with DEBUG on.
DEV_ADMIN = ("admin", "localoffer-dev-only")
DEMO_MODERATOR = ("moderator", "moderator-dev-only")
DEMO_EDITOR = ("editor", "editor-dev-only")


@dataclass(frozen=True)
class DemoLogin:
    """A development-only login to print for the developer."""

    role: str
    username: str
    password: str


def require_debug() -> None:
    """Refuse (``ImproperlyConfigured``) unless DEBUG is on, so demo data never reaches a
    real site. Call it before writing anything."""
    if not settings.DEBUG:
        raise ImproperlyConfigured(
            "The demo site is only set up with DEBUG on (the development settings). "
            "Nothing was written."
        )


def configure_demo_settings() -> None:
    """Give the demo council a name and SENDIASS details, unless already edited."""
    site_settings = CouncilSettings.load()
    if site_settings.council_name == "Example Council" and not site_settings.sendiass_phone:
        site_settings.sendiass_name = "Example Council SENDIASS"
        site_settings.sendiass_phone = "01234 567890"
        site_settings.sendiass_email = "sendiass@example.org"
        site_settings.save()


DEMO_HOME_INTRO = (
    "<p>This is a demonstration of the SEND Local Offer. The schools in Exampleton are "
    "examples made up for the demonstration; the others started from real schools' "
    "published reports, summarised in our own words.</p>"
)


def describe_demo_home(home: HomePage) -> None:
    """Say on the home page, once, that the demo schools are examples."""
    if DEMO_HOME_INTRO not in home.intro:
        home.intro += DEMO_HOME_INTRO
        home.save_revision().publish()


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


def _demo_user(
    login: tuple[str, str], first_name: str, last_name: str, **flags: bool
) -> AbstractBaseUser:
    username, password = login
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@example.org",
            "first_name": first_name,
            "last_name": last_name,
            **flags,
        },
    )
    if created:
        user.set_password(password)
        user.save()
    return user


def ensure_demo_logins(school_for_editor: SchoolPage | None) -> list[DemoLogin]:
    """Create (once) a superuser, a council moderator and an editor of ``school_for_editor``.

    Refused unless DEBUG is on, so these passwords can never reach a real site.
    """
    require_debug()
    _demo_user(DEV_ADMIN, "Ada", "Admin", is_staff=True, is_superuser=True)
    logins = [DemoLogin("Council administrator (superuser)", *DEV_ADMIN)]
    moderators, _ = council_groups()
    roles: list[tuple[tuple[str, str], str, str, str, Group]] = [
        (DEMO_MODERATOR, "Morgan", "Moderator", "Council moderator", moderators)
    ]
    if school_for_editor is not None:
        group = editor_group(school_for_editor) or sync_editor_group(school_for_editor)
        roles.append(
            (DEMO_EDITOR, "Eddie", "Editor", f"Editor of {school_for_editor.title}", group)
        )
    for login, first_name, last_name, role, group in roles:
        _demo_user(login, first_name, last_name).groups.add(group)
        logins.append(DemoLogin(role, *login))
    return logins
