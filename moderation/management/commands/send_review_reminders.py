from typing import Any

from django.core.management.base import BaseCommand, CommandError

from moderation.services import send_review_reminders


class Command(BaseCommand):
    help = (
        "Email each school's editors when their report becomes due for review soon, and again "
        "when it becomes overdue. Each reminder is sent once, so it is safe to run hourly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_review_reminders()
        for title, state, recipients in run.sent:
            self.stdout.write(f"Sent '{state.label}' to {', '.join(recipients)} for {title}")
        for title in run.no_editors:
            self.stdout.write(
                self.style.WARNING(
                    f"{title} needs a reminder but has no editors with an email address: "
                    "add one with add_school_editor"
                )
            )
        self.stdout.write(f"{len(run.sent)} reminder(s) sent.")
        if run.failed:
            raise CommandError(
                f"Could not send reminders for: {', '.join(run.failed)}. "
                "They will be tried again on the next run; see the log for the error."
            )
