from typing import Any

from django.core.management.base import BaseCommand

from feedback.services import delete_expired_feedback


class Command(BaseCommand):
    help = (
        "Delete feedback from families, and any email address left with it, once it is older "
        "than the period the council sets (Settings > Feedback settings; 12 months unless "
        "changed). Approved quotes stay. Safe to run daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        run = delete_expired_feedback()
        self.stdout.write(
            f"Deleted {run.deleted} piece(s) of feedback received before "
            f"{run.cutoff:%-d %B %Y %H:%M} (kept for {run.months} months)."
        )
