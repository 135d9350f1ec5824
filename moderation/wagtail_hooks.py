"""Admin integration: URLs, the status report and home panel, editor warnings, history."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaks_filter
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Page, PageLogEntry

from schools.models import SchoolPage
from schools.review import ReviewStatus

from .chooser import choosable_pages
from .home import your_school_panel
from .reminder_views import RemindSchoolsView
from .selectors import (
    changes_requested,
    decision_summary,
    missing_item_headings,
    reviewed_unchanged_note,
    school_statuses,
    status_counts,
)
from .services import ModerationError, can_confirm_unchanged, check_can_approve
from .views import (
    ConfirmReviewView,
    ReviewChangesView,
    SchoolStatusReportView,
    replace_update_message,
    user_can_see_dashboard,
    warn_about_missing_items,
)


@hooks.register("register_admin_urls")
def register_moderation_urls() -> list[Any]:
    return [
        path(
            "moderation/school-status/",
            SchoolStatusReportView.as_view(),
            name="moderation_school_status",
        ),
        path(
            "moderation/school-status/results/",
            SchoolStatusReportView.as_view(results_only=True),
            name="moderation_school_status_results",
        ),
        path(
            "moderation/schools/<int:page_id>/review/",
            ReviewChangesView.as_view(),
            name="moderation_review_changes",
        ),
        path(
            "moderation/schools/<int:page_id>/confirm-review/",
            ConfirmReviewView.as_view(),
            name="moderation_confirm_review",
        ),
        path(
            "moderation/reminders/",
            RemindSchoolsView.as_view(),
            name="moderation_remind_schools",
        ),
    ]


@hooks.register("construct_page_chooser_queryset")
def only_own_school_in_chooser(pages: Any, request: HttpRequest) -> Any:
    """A school's editors choose among their own school's pages, not other schools' drafts."""
    return choosable_pages(pages, request.user)


class SchoolStatusMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_see_dashboard(request.user)


@hooks.register("register_reports_menu_item")
def register_school_status_menu_item() -> MenuItem:
    return SchoolStatusMenuItem(
        "School report status",
        reverse("moderation_school_status"),
        name="school-report-status",
        icon_name="tasks",
        order=100,
    )


class SchoolStatusSummaryPanel(Component):
    """Counts of schools per status on the admin home page, each linking to the report."""

    name = "school_status_summary"
    template_name = "moderation/home/status_summary.html"
    order = 50

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        counts = status_counts(school_statuses())
        report = reverse("moderation_school_status")

        def link(**filters: str) -> str:
            return f"{report}?{urlencode(filters)}" if filters else report

        return {
            "counts": counts,
            "report_url": report,
            "items": [
                ("Compliant", counts.compliant, link(compliance="compliant")),
                ("Missing statutory items", counts.missing_items, link(compliance="missing-items")),
                ("Review due soon", counts.due_soon, link(review="due-soon")),
                ("Overdue for review", counts.overdue, link(review="overdue")),
                ("Not yet reviewed", counts.never_reviewed, link(review="never-reviewed")),
                (
                    "Awaiting moderation",
                    counts.awaiting_moderation,
                    link(moderation="awaiting-moderation"),
                ),
                (
                    "Changes requested",
                    counts.changes_requested,
                    link(moderation="changes-requested"),
                ),
            ],
        }


@hooks.register("construct_homepage_panels")
def add_school_status_panel(request: HttpRequest, panels: list[Component]) -> None:
    if user_can_see_dashboard(request.user):
        panels.append(SchoolStatusSummaryPanel())


@hooks.register("construct_homepage_panels")
def add_your_school_panel(request: HttpRequest, panels: list[Component]) -> None:
    if panel := your_school_panel(request.user):
        panels.insert(0, panel)


def _is_school_editor_only(request: HttpRequest) -> bool:
    """A school's editor, not a council officer: "Your school" is their way in."""
    return not user_can_see_dashboard(request.user) and your_school_panel(request.user) is not None


@hooks.register("construct_homepage_summary_items", order=100)  # after Wagtail's own
def hide_site_summary_from_school_editors(request: HttpRequest, items: list[Component]) -> None:
    # "1 Page" opened an empty listing (a school has no child pages) and "0 Documents"
    # says nothing useful: "Your school" links to everything a school editor can do.
    if _is_school_editor_only(request):
        items.clear()


@hooks.register("after_edit_page", order=100)  # last: the others add their messages first
def return_school_editors_to_your_school(request: HttpRequest, page: Page) -> HttpResponse | None:
    """After saving or submitting, a school's editor goes back to "Your school".

    Not for autosave (a JSON request), and not for council officers, who keep Wagtail's
    behaviour.
    """
    if not isinstance(page, SchoolPage) or not request.accepts("text/html"):
        return None
    if page.permissions_for_user(request.user).can_publish() or not _is_school_editor_only(request):
        return None
    return redirect("wagtailadmin_home")


@hooks.register("insert_global_admin_css")
def admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("moderation/admin.css"))


def _is_submission(request: HttpRequest) -> bool:
    return bool(request.POST.get("action-submit") or request.POST.get("action-restart-workflow"))


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def warn_when_submitting_with_missing_items(request: HttpRequest, page: Page) -> None:
    """Submitting with gaps is allowed, but the editor is told exactly what is missing."""
    if isinstance(page, SchoolPage) and _is_submission(request):
        warn_about_missing_items(request, page)


@hooks.register("after_edit_page")
def say_what_the_decision_did(request: HttpRequest, page: Page) -> None:
    """After Approve or Request changes on the edit screen, say what happened.

    Wagtail's own message says only "Page ... has been updated"; it is replaced.
    """
    if not isinstance(page, SchoolPage) or not request.POST.get("action-workflow-action"):
        return
    summary = decision_summary(page)
    if summary is None:
        return
    replace_update_message(request, summary)


def _reviewer_message(page: SchoolPage, note: str | None) -> str:
    missing = missing_item_headings(page)
    if missing:
        checklist = format_html(
            "{} of the statutory items are not answered: {}.",
            len(missing),
            "; ".join(missing),
        )
    else:
        checklist = "Every statutory item is answered."
    if note is not None:
        submitted = format_html(
            "The school says it reviewed the report and nothing has changed{}",
            format_html(': "{}"', note) if note else ".",
        )
    else:
        submitted = "Check what changed since the published version before you approve."
    return format_html(
        "<strong>This report is waiting for your review.</strong> {} {} "
        "Approving publishes it and records today as its annual review.",
        submitted,
        checklist,
    )


@hooks.register("before_edit_page")
def explain_moderation_on_edit(request: HttpRequest, page: Page) -> None:
    """Banners on a school's edit screen: what to check for a reviewer, what is due for editors."""
    if request.method != "GET" or not isinstance(page, SchoolPage):
        return
    task = page.current_workflow_task
    state = page.current_workflow_state
    if state and state.status == state.STATUS_NEEDS_CHANGES:
        show_changes_requested(request, page)
        return
    if task and state and state.status == state.STATUS_IN_PROGRESS:
        if task.specific.get_actions(page, request.user):
            buttons = [
                messages.button(
                    reverse("moderation_review_changes", args=[page.pk]),
                    "Review the changes",
                    new_window=False,
                )
            ]
            messages.info(
                request,
                _reviewer_message(page, reviewed_unchanged_note(page)),
                buttons=buttons,
            )
        return
    status = page.review_status
    if status == ReviewStatus.CURRENT or not can_confirm_unchanged(page, request.user):
        return
    if status == ReviewStatus.NEVER_REVIEWED:
        when = "has not been recorded yet"
    else:
        verb = "is due by" if status == ReviewStatus.DUE_SOON else "was due on"
        when = f"{verb} {page.next_review_due:%-d %B %Y}"
    if user_can_see_dashboard(request.user):
        # A council officer: the school does the review; the officer's next step is to chase it.
        remind = f"{reverse('moderation_remind_schools')}?{urlencode({'school': page.pk})}"
        messages.info(
            request,
            f"This school's annual review {when}. Its editors are emailed when it becomes "
            "due and when it is overdue; you can also send them a reminder now.",
            buttons=[messages.button(remind, "Send a reminder", new_window=False)],
        )
        return
    messages.warning(
        request,
        f"This report's annual review {when}. Check every part: if something has changed, "
        "edit it and submit it for moderation. If nothing has changed, confirm that instead.",
        buttons=[
            messages.button(
                reverse("moderation_confirm_review", args=[page.pk]),
                "Reviewed, nothing changed",
                new_window=False,
            )
        ],
    )


@hooks.register("before_edit_page")
def keep_moderation_on_edit(request: HttpRequest, page: Page) -> HttpResponse | None:
    """Approving on the edit screen follows the same rule as everywhere else.

    An approval that would publish a version someone else saved after the report was
    submitted is refused (``services.locks.check_can_approve``) before the edit screen
    saves anything. Saving itself is refused by Wagtail's own lock (the rule
    ``check_can_write(..., in_editor=True)`` states), which keeps what the person typed.
    """
    if request.method != "POST" or not isinstance(page, SchoolPage):
        return None
    task_state = page.current_workflow_task_state
    approving = (
        request.POST.get("action-workflow-action")
        and request.POST.get("workflow-action-name") == "approve"
    )
    if task_state is None or not approving:
        return None
    try:
        check_can_approve(page, task_state, request.user)
    except ModerationError as error:
        messages.error(request, str(error))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def show_changes_requested(request: HttpRequest, page: SchoolPage) -> None:
    """The moderator's comment at the top of the edit screen, where the editor works."""
    requested = changes_requested(page)
    if requested is None:
        return
    when = f" on {requested.requested_at:%-d %B %Y}" if requested.requested_at else ""
    # A block of its own, line breaks kept, as on the admin home page: a moderator often
    # lists several changes, one a line, and an inline quote ran them into one.
    comment = (
        format_html(
            ' They said: <blockquote class="lo-moderator-comment">{}</blockquote>',
            linebreaks_filter(requested.comment, autoescape=True),
        )
        if requested.comment
        else ""
    )
    messages.warning(
        request,
        format_html(
            "<strong>Changes requested.</strong> {} asked for changes{}.{} Make the changes, "
            "then choose \u201cResubmit to Council moderator review\u201d (in the menu beside "
            "\u201cSave draft\u201d). Parents still see the published version.",
            requested.moderator,
            when,
            comment,
        ),
    )


def _confirm_button(school: SchoolPage, user: Any, priority: int) -> Button | None:
    if not can_confirm_unchanged(school, user):
        return None
    return Button(
        "Reviewed, nothing changed",
        url=reverse("moderation_confirm_review", args=[school.pk]),
        icon_name="check",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def school_header_buttons(
    page: Page, user: Any, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    school = page.specific_deferred
    if not isinstance(school, SchoolPage):
        return
    if button := _confirm_button(school, user, priority=66):
        yield button
    if page.current_workflow_state is not None and page.permissions_for_user(user).can_publish():
        yield Button(
            "Review the changes",
            url=reverse("moderation_review_changes", args=[page.pk]),
            icon_name="history",
            priority=67,
        )


@hooks.register("register_page_listing_more_buttons")
def school_listing_buttons(page: Page, user: Any, next_url: str | None = None) -> Iterator[Button]:
    # Only for school editors (who list just their own school): checking every row of
    # the council's full listing would cost queries per school.
    school = page.specific_deferred
    if not isinstance(school, SchoolPage) or page.permissions_for_user(user).can_publish():
        return
    if button := _confirm_button(school, user, priority=55):
        yield button


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions: Any) -> None:
    @actions.register_action("moderation.reviewed_unchanged")
    class ReviewedUnchanged(LogFormatter):
        label = "Reviewed, nothing changed"

        def format_message(self, log_entry: PageLogEntry) -> str:
            note = log_entry.data.get("note")
            base = "Confirmed the report was reviewed with nothing changed"
            return f'{base}: "{note}"' if note else base

    @actions.register_action("moderation.reminder_sent")
    class ReminderSent(LogFormatter):
        label = "Review reminder sent"

        def format_message(self, log_entry: PageLogEntry) -> str:
            recipients = ", ".join(log_entry.data.get("recipients", []))
            return f"Review reminder ({log_entry.data.get('state', '')}) emailed to {recipients}"

    @actions.register_action("moderation.review_recorded")
    class ReviewRecorded(LogFormatter):
        label = "Annual review recorded"

        def format_message(self, log_entry: PageLogEntry) -> str:
            return f"Last reviewed date set to {log_entry.data.get('last_reviewed', '')}"
