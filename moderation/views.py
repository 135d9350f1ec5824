"""Admin views: the council's school report status dashboard and "reviewed, nothing changed"."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import ExcelDateFormatter
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import Button, HeaderButton

from schools.admin_access import AllowedUsersOnlyMixin, can_edit, can_publish, school_for
from schools.models import SchoolPage
from schools.review import ReviewStatus
from schools.spreadsheets import TypedTextExportMixin

from . import services
from .changes import SubmittedReport, submitted_report
from .models import ReviewReminder
from .selectors import (
    ComplianceStatus,
    ModerationStatus,
    SchoolStatus,
    decision_summary,
    missing_item_headings,
    school_statuses,
)

DASHBOARD_PERMISSION = "moderation.view_school_report_status"


def user_can_see_dashboard(user: Any) -> bool:
    """Council moderators and administrators (and superusers) see the status dashboard."""
    return user.has_perm(DASHBOARD_PERMISSION)


class SchoolStatusFilterSet(WagtailFilterSet):
    """Filters on the statuses computed by ``school_statuses`` (passed in as ``statuses``)."""

    compliance = django_filters.ChoiceFilter(
        label="Compliance",
        choices=[(status.value, status.label) for status in ComplianceStatus],
        method="filter_by_status",
        empty_label="Any",
    )
    review = django_filters.ChoiceFilter(
        label="Annual review",
        choices=[(status.value, status.label) for status in ReviewStatus],
        method="filter_by_status",
        empty_label="Any",
    )
    moderation = django_filters.ChoiceFilter(
        label="Moderation",
        choices=[(status.value, status.label) for status in ModerationStatus],
        method="filter_by_status",
        empty_label="Any",
    )
    editors = django_filters.ChoiceFilter(
        label="Editors",
        choices=[("yes", "Has editors"), ("no", "No editors")],
        method="filter_by_editors",
        empty_label="Any",
    )
    last_reviewed = django_filters.DateFromToRangeFilter(
        label="Last reviewed", widget=DateRangePickerWidget
    )

    class Meta:
        model = SchoolPage
        fields: list[str] = []

    def __init__(self, *args: Any, statuses: dict[int, SchoolStatus], **kwargs: Any) -> None:
        self.statuses = statuses
        super().__init__(*args, **kwargs)

    def filter_by_status(
        self, queryset: QuerySet[SchoolPage], name: str, value: str
    ) -> QuerySet[SchoolPage]:
        matching = [pk for pk, status in self.statuses.items() if getattr(status, name) == value]
        return queryset.filter(pk__in=matching)

    def filter_by_editors(
        self, queryset: QuerySet[SchoolPage], name: str, value: str
    ) -> QuerySet[SchoolPage]:
        wanted = value == "yes"
        matching = [pk for pk, status in self.statuses.items() if bool(status.editors) == wanted]
        return queryset.filter(pk__in=matching)


class SchoolStatusReportView(AllowedUsersOnlyMixin, TypedTextExportMixin, ReportView):
    """Every school with its compliance, annual review, moderation and editors."""

    page_title = "School report status"
    header_icon = "tasks"
    model = SchoolPage
    filterset_class = SchoolStatusFilterSet
    index_url_name = "moderation_school_status"
    index_results_url_name = "moderation_school_status_results"
    default_ordering = "title"
    paginate_by = 100
    verbose_name_plural = "schools"
    columns = [
        TitleColumn(
            "title",
            label="School",
            sort_key="title",
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            classname="lo-school-name",
        ),
        Column("urn", label="URN", sort_key="urn"),
        Column(
            "compliance",
            label="Compliance (published version)",
            accessor="status.published_compliance_label",
        ),
        # With when the school was last reminded and a link to remind it: the next step.
        Column("review", label="Annual review", accessor="review_cell"),
        Column(
            "last_reviewed",
            label="Last reviewed",
            sort_key="last_reviewed",
            accessor="status.last_reviewed_label",
        ),
        Column("moderation", label="Moderation", accessor="status.moderation_detail"),
        Column("editors", label="Editors", accessor="status.editors_list"),
    ]
    list_export = [
        "title",
        "urn",
        "status.compliance_label",
        "status.missing_list",
        "status.figures_for",
        "status.submitted_label",
        "status.review_label",
        "last_reviewed",
        "status.next_review_due",
        "status.moderation_label",
        "status.editors_list",
    ]
    export_headings = {
        "title": "School",
        "urn": "URN",
        "status.compliance_label": "Compliance",
        "status.missing_list": "Missing statutory items",
        "status.figures_for": "Figures for",
        "status.submitted_label": "Version awaiting review",
        "status.review_label": "Annual review",
        "last_reviewed": "Last reviewed",
        "status.next_review_due": "Next review due",
        "status.moderation_label": "Moderation",
        "status.editors_list": "Editors",
    }
    typed_export_fields = ("title", "status.missing_list", "status.editors_list")
    allowed = staticmethod(user_can_see_dashboard)

    @cached_property
    def statuses(self) -> dict[int, SchoolStatus]:
        return {status.page_id: status for status in school_statuses()}

    def get_filterset_kwargs(self) -> dict[str, Any]:
        return {**super().get_filterset_kwargs(), "statuses": self.statuses}

    def get_queryset(self) -> QuerySet[SchoolPage]:
        self.queryset = SchoolPage.objects.all()
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list: Any) -> Any:
        # Iterate the same object the table and the export read, so they see `status`.
        last = {reminder.school_id: reminder for reminder in ReviewReminder.objects.all()}
        for page in object_list:
            page.status = self.statuses[page.pk]
            page.review_cell = review_cell(page.status, last.get(page.pk))
        return object_list

    def get_filename(self) -> str:
        return f"school-report-status-{timezone.localdate():%Y-%m-%d}"

    @cached_property
    def header_buttons(self) -> list[Button]:
        # The downloads are what the council comes here for: in view, not in the "..." menu.
        return [
            *super().header_buttons,
            HeaderButton(
                "Send review reminders",
                url=reverse("moderation_remind_schools"),
                icon_name="mail",
                priority=80,
            ),
            HeaderButton(
                "Download Excel spreadsheet",
                url=self.xlsx_export_url,
                icon_name="download",
                priority=90,
            ),
            HeaderButton(
                "Download CSV", url=self.csv_export_url, icon_name="download", priority=100
            ),
        ]

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        downloads = {self.xlsx_export_url, self.csv_export_url}
        return [button for button in super().header_more_buttons if button.url not in downloads]

    def write_xlsx(self, queryset: Any, output: Any) -> None:
        """Wagtail's export, with the sheet named for what it holds (not "Sheet1")."""
        from openpyxl import Workbook

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="School report status")
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        date_format = ExcelDateFormatter().get()
        for item in queryset:
            worksheet.append(
                self.generate_xlsx_row(worksheet, self.to_row_dict(item), date_format=date_format)
            )
        workbook.save(output)


def review_cell(status: SchoolStatus, last: ReviewReminder | None) -> str:
    """The review status, when the school was last reminded, and a link to remind it now."""
    lines = [status.review_label]
    if last:
        lines.append(f"Reminded {last.notified_at:%-d %B %Y}")
    if not services.reminder_refusal(status):
        url = f"{reverse('moderation_remind_schools')}?{urlencode({'school': status.page_id})}"
        lines.append(
            format_html(
                '<a href="{}">Send a reminder<span class="w-sr-only"> to {}</span></a>',
                url,
                status.title,
            )
        )
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


class ConfirmReviewForm(forms.Form):
    note = forms.CharField(
        label="Note for the council (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: 'Checked with the SENCO on 3 March; nothing has changed.'",
    )


class ConfirmReviewView(WagtailAdminTemplateMixin, FormView):
    """Lets a school editor send the unchanged report to the council as this year's review."""

    template_name = "moderation/confirm/confirm_review.html"
    form_class = ConfirmReviewForm
    header_icon = "check"

    def dispatch(self, request: HttpRequest, page_id: int, *args: Any, **kwargs: Any) -> Any:
        self.page = school_for(request.user, page_id, can_edit)
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_title(self) -> str:
        return "Reviewed, nothing changed"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": "", "label": "Reviewed, nothing changed", "sublabel": self.page.title},
        ]

    def get_page_subtitle(self) -> str:
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            services.check_can_confirm_unchanged(self.page, self.request.user)
            context["refusal"] = None
        except services.ModerationError as error:
            context["refusal"] = str(error)
        context["page"] = self.page
        context["missing_headings"] = missing_item_headings(self.page)
        context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[self.page.pk])
        return context

    def form_valid(self, form: ConfirmReviewForm) -> HttpResponse:
        try:
            services.confirm_reviewed_unchanged(
                self.page, self.request.user, note=form.cleaned_data["note"]
            )
        except services.ModerationError as error:
            messages.error(self.request, str(error))
            return redirect(reverse("wagtailadmin_pages:edit", args=[self.page.pk]))
        messages.success(
            self.request,
            f"'{self.page.title}' has been sent to the council as reviewed with nothing "
            "changed. The review date is recorded when they approve it.",
        )
        warn_about_missing_items(self.request, self.page)
        return redirect("wagtailadmin_home")


def warn_about_missing_items(request: HttpRequest, page: SchoolPage) -> None:
    """Tell an editor who has just submitted which statutory items the report lacks."""
    headings = missing_item_headings(page)
    if not headings:
        return
    count = len(headings)
    messages.warning(
        request,
        f"The report was submitted, but {count} statutory item"
        f"{' is' if count == 1 else 's are'} not answered yet: "
        + "; ".join(headings)
        + ". The council may ask you to add "
        + ("it." if count == 1 else "them."),
    )


def replace_update_message(request: HttpRequest, text: str) -> None:
    """Show ``text`` instead of Wagtail's generic "Page '...' has been updated." message."""
    storage = getattr(request, "_messages", None)
    queued = getattr(storage, "_queued_messages", None)
    if queued is not None:
        # Django's message storage has no public way to withdraw a message not yet shown.
        queued[:] = [m for m in queued if "has been updated." not in str(m.message)]
    messages.success(request, text)


class DecisionForm(forms.Form):
    """Approve or request changes, from the review screen."""

    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Request changes")])
    comment = forms.CharField(
        label="Comment for the school",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Needed when you request changes: say what the school should change. Sent to "
            "the school's editors with your decision."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Say what the school should change: they see this comment.")
        return cleaned


class ReviewChangesView(WagtailAdminTemplateMixin, TemplateView):
    """A submitted report's changes, its checklist and the decision, on one screen."""

    template_name = "moderation/review/review_changes.html"
    header_icon = "tasks"

    def dispatch(self, request: HttpRequest, page_id: int, *args: Any, **kwargs: Any) -> Any:
        self.page = school_for(request.user, page_id, can_publish)
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_title(self) -> str:
        return "Review changes"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("moderation_school_status"), "label": "School report status"},
            {"url": "", "label": "Review changes", "sublabel": self.page.title},
        ]

    def get_page_subtitle(self) -> str:
        return self.page.get_admin_display_title()

    @cached_property
    def report(self) -> SubmittedReport | None:
        return submitted_report(self.page)

    def allowed_actions(self) -> set[str]:
        task_state = self.page.current_workflow_task_state
        if task_state is None:
            return set()
        actions = task_state.task.specific.get_actions(self.page, self.request.user)
        return {name for name, *_ in actions}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        approval_refusal = None
        if self.report is not None:
            try:
                services.check_can_approve(self.page, self.report.task_state, self.request.user)
            except services.ApprovalRefused as error:
                approval_refusal = str(error)
        context.update(
            approval_refusal=approval_refusal,
            page=self.page,
            report=self.report,
            form=kwargs.get("form") or DecisionForm(),
            can_decide={"approve", "reject"} <= self.allowed_actions(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            dashboard_url=reverse("moderation_school_status"),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = DecisionForm(request.POST)
        if self.report is None or not {"approve", "reject"} <= self.allowed_actions():
            messages.error(request, "This report is not waiting for your review any more.")
            return redirect("moderation_review_changes", page_id=self.page.pk)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        task_state = self.report.task_state
        try:
            if form.cleaned_data["decision"] == "approve":
                services.check_can_approve(self.page, task_state, request.user)
            task_state.task.specific.on_action(
                task_state,
                request.user,
                form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"].strip(),
            )
        except services.ApprovalRefused as error:
            # Also raised inside Wagtail's transaction if a version was saved meanwhile.
            messages.error(request, str(error))
            return redirect("moderation_review_changes", page_id=self.page.pk)
        messages.success(request, decision_summary(self.page) or "Your decision is recorded.")
        return redirect("moderation_school_status")


class ReviewLinkView(TemplateView):
    """The one-click "still up to date" page from a review reminder: no login, the signed
    link says who is confirming (``services.links``)."""

    template_name = "moderation/confirm/review_link.html"

    def dispatch(self, request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> Any:
        self.refusal: str | None = None
        self.link: services.ReviewLink | None = None
        try:
            self.link = services.read_token(token)
            services.check_can_confirm_unchanged(self.link.school, self.link.user)
        except services.ModerationError as error:
            self.refusal = str(error)
        return super().dispatch(request, token, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["refusal"] = self.refusal
        context["admin_url"] = reverse("wagtailadmin_home")
        if self.link is not None:
            school = self.link.school
            context["school"] = school
            context["edit_url"] = reverse("wagtailadmin_pages:edit", args=[school.pk])
            context["missing_headings"] = missing_item_headings(school)
        context.setdefault("form", ConfirmReviewForm())
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        status = 400 if self.refusal else 200
        return super().render_to_response(context, status=status, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ConfirmReviewForm(request.POST)
        if self.refusal or self.link is None:
            return self.render_to_response(self.get_context_data())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.confirm_reviewed_unchanged(
                self.link.school, self.link.user, note=form.cleaned_data["note"]
            )
        except services.ModerationError as error:
            self.refusal = str(error)
            return self.render_to_response(self.get_context_data())
        return self.render_to_response(self.get_context_data(done=True))
