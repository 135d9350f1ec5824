"""Remove a person's two-factor authentication, for someone who lost their phone."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from logins.services import reset_two_factor


class Command(BaseCommand):
    help = (
        "Remove USER's authenticator app, security keys and recovery codes. Check who is "
        "asking first: they sign in with their password alone next time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"There is no user called {username!r}.") from None
        removed = reset_two_factor(user)
        if removed:
            self.stdout.write(
                f"Removed {removed} two-factor method(s) for {username}. They sign in with "
                "their password next time and set up two-factor authentication again."
            )
        else:
            self.stdout.write(f"{username} had no two-factor authentication set up.")
