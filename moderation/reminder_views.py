"""Sending review reminders from the admin: to one school, or to several at once.

The scheduled run (``send_review_reminders``) emails each school once per state; a
council officer chasing a school sends one from here whenever they choose, and sees
first which schools will be emailed, who gets it and why any school cannot be.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from schools.admin_access import AllowedUsersOnlyMixin
from schools.review import ReviewStatus

from . import services
from .models import ReviewReminder
from .selectors import SchoolStatus, school_statuses
from .views import user_can_see_dashboard

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderChoice:
    """One school on the reminders screen: whether it can be reminded, and when it last was."""

    status: SchoolStatus
    refusal: str | None
    last: ReviewReminder | None
    chosen: bool


def _chosen_ids(values: list[str]) -> set[int]:
    return {int(value) for value in values if value.isdigit()}


class RemindSchoolsView(AllowedUsersOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Choose schools whose review is due or overdue, see who will be emailed, then send."""

    template_name = "moderation/reminders/remind_schools.html"
    page_title = "Send review reminders"
    header_icon = "mail"
    allowed = staticmethod(user_can_see_dashboard)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("moderation_school_status"), "label": "School report status"},
            {"url": "", "label": self.page_title},
        ]

    def choices(self, chosen: set[int]) -> list[ReminderChoice]:
        """Every school that can be reminded, and any due, overdue or chosen school that
        cannot (to say why).

        With nothing chosen, every school that can be reminded is ticked.
        """
        last = {reminder.school_id: reminder for reminder in ReviewReminder.objects.all()}
        result = []
        for status in school_statuses():
            refusal = services.reminder_refusal(status)
            # A due or overdue school that cannot be reminded is shown with the reason.
            due = status.review in {ReviewStatus.DUE_SOON, ReviewStatus.OVERDUE}
            if refusal and not due and status.page_id not in chosen:
                continue
            result.append(
                ReminderChoice(
                    status=status,
                    refusal=refusal,
                    last=last.get(status.page_id),
                    chosen=not refusal and (not chosen or status.page_id in chosen),
                )
            )
        return result

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        choices = self.choices(_chosen_ids(self.request.GET.getlist("school")))
        context.update(
            sendable=[choice for choice in choices if not choice.refusal],
            refused=[choice for choice in choices if choice.refusal],
            status_url=reverse("moderation_school_status"),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        chosen = _chosen_ids(request.POST.getlist("school"))
        statuses = [status for status in school_statuses() if status.page_id in chosen]
        if not statuses:
            messages.error(request, "Choose at least one school to remind.")
            return redirect("moderation_remind_schools")
        sent, failed = [], []
        for status in statuses:
            try:
                services.send_reminder_now(status, request.user)
            except services.ModerationError as error:
                failed.append(f"{status.title}: {error}")
            except Exception:  # a mail server failure: say so, and send the others
                logger.exception("Could not send the review reminder for %s", status.title)
                failed.append(f"{status.title}: the email could not be sent. Try again later.")
            else:
                sent.append(status)
        if sent:
            editors = sum(len(status.editor_emails) for status in sent)
            names = "; ".join(status.title for status in sent)
            messages.success(
                request,
                f"Review reminder sent to {editors} editor{'s' if editors != 1 else ''} "
                f"of {len(sent)} school{'s' if len(sent) != 1 else ''}: {names}.",
            )
        if failed:
            messages.error(request, "Not sent to " + " ".join(failed))
        return redirect("moderation_school_status")
