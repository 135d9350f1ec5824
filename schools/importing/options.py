"""The editor rule's command-line options, shared by ``import_schools`` and ``import_gias``."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import CommandError


def add_editor_rule_arguments(parser: ArgumentParser) -> None:
    """Add ``--force`` and ``--user`` to an import command."""
    parser.add_argument(
        "--force",
        action="store_true",
        help=(
            "Override people's work: update schools awaiting review (cancelling the review), "
            "locked pages, editors' drafts and unpublished pages. Needs --user; each "
            "override is recorded in the page's history."
        ),
    )
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help="The person running the import: revisions and history entries are under this name.",
    )


def editor_rule_options(options: dict[str, Any]) -> tuple[bool, AbstractBaseUser | None]:
    """``(force, user)`` from the parsed options; ``CommandError`` if the user is unknown."""
    force = bool(options.get("force"))
    username = options.get("user")
    if force and not username:
        raise CommandError(
            "--force overrides people's work, so the page history must say who did it: "
            "add --user USERNAME."
        )
    if not username:
        return force, None
    try:
        user = get_user_model().objects.get(username=username)
    except get_user_model().DoesNotExist:
        raise CommandError(
            f"There is no user {username!r}; give the username you log in with."
        ) from None
    return force, user
