"""Command-line options the import commands share: the editor rule's ``--force`` and
``--user`` (``import_schools``, ``import_gias``) and the council's ``--la`` (``import_gias``,
``import_sen_census``)."""

from __future__ import annotations

import re
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import CommandError

from council.models import CouncilSettings


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


def add_la_argument(parser: ArgumentParser) -> None:
    """Add ``--la``: which council's schools a national file is read for."""
    parser.add_argument(
        "--la",
        help="3-digit local authority code (default: the site's Local Offer settings)",
    )


def la_code_option(options: dict[str, Any]) -> str:
    """The council's 3-digit code: ``--la``, or the site's settings; ``CommandError`` if none."""
    la_code = options.get("la") or CouncilSettings.load().la_code
    if not la_code:
        raise CommandError(
            "Which council? Set the local authority code in the admin (Settings, Local "
            "Offer settings) or pass --la, for example --la 815."
        )
    if not re.fullmatch(r"\d{3}", la_code):
        raise CommandError(f"{la_code!r} is not a 3-digit local authority code.")
    return la_code
