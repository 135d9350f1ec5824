from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from moderation.services import ModerationError, add_school_editor


class Command(BaseCommand):
    help = (
        "Make someone an editor of a school's report (by the school's URN) and email them "
        "an invitation. Creates their login if they have none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("urn", help="The school's 6-digit DfE URN, for example 121404")
        parser.add_argument("email", help="The editor's email address")
        parser.add_argument("--name", default="", help='Their full name, for example "Ruth Wells"')

    def handle(self, *args: Any, urn: str, email: str, name: str, **options: Any) -> None:
        try:
            invitation = add_school_editor(urn, email, name=name)
        except ModerationError as error:
            raise CommandError(str(error)) from None
        user = invitation.user
        school = invitation.school.title
        if invitation.created_user:
            self.stdout.write(f"Created the login {user.get_username()} for {user.email}.")
        if invitation.added_to_group:
            self.stdout.write(self.style.SUCCESS(f"{user.email} can now edit {school}."))
        else:
            self.stdout.write(f"{user.email} was already an editor of {school}.")
        how = "a link to choose a password" if invitation.set_password_url else "how to sign in"
        self.stdout.write(f"Emailed {user.email} an invitation with {how}.")
