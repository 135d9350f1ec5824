"""Feedback about a school, for that school's editors (and the council) in the admin.

Issue 16's "Your school" home links here: ``feedback_school`` takes the school page's id.
Editors see the comments about their own school and what the council did, never the
sender's email address, and never another school's feedback.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from schools.admin_access import school_for
from schools.spreadsheets import TypedTextExportMixin

from .models import Feedback
from .roles import can_read_school_feedback, can_use_inbox
from .selectors import feedback_about, schools_edited_by


class SchoolFeedbackView(TypedTextExportMixin, ReportView):
    """Every piece of feedback about one school, newest first, with CSV/Excel export."""

    header_icon = "comment"
    model = Feedback
    index_url_name = "feedback_school"
    index_results_url_name = "feedback_school_results"
    paginate_by = 50
    no_results_message = "Nobody has sent feedback about this school yet."
    typed_export_fields = ("page_title", "comment", "theme_names", "notes")
    columns = [
        DateColumn("received_at", label="Received"),
        Column("page_title", label="Page"),
        Column("useful", label="Is the page useful?", accessor="get_useful_display"),
        Column("comment", label="Comment"),
        Column("themes", label="Themes", accessor="theme_names"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("notes", label="What the council did", accessor="notes"),
    ]
    list_export = [
        "received_at",
        "page_title",
        "get_useful_display",
        "comment",
        "theme_names",
        "get_status_display",
        "notes",
    ]
    export_headings = {
        "received_at": "Received",
        "page_title": "Page",
        "get_useful_display": "Is the page useful?",
        "comment": "Comment",
        "theme_names": "Themes",
        "get_status_display": "Status",
        "notes": "What the council did",
    }

    def dispatch(
        self, request: HttpRequest, school_id: int, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        self.school = school_for(request.user, school_id, can_read_school_feedback)
        return super().dispatch(request, school_id, *args, **kwargs)

    def get_page_title(self) -> str:
        return "Feedback from families"

    def get_page_subtitle(self) -> str:
        return self.school.title

    def get_index_url(self) -> str:
        return reverse(self.index_url_name, args=[self.school.pk])

    def get_index_results_url(self) -> str:
        return reverse(self.index_results_url_name, args=[self.school.pk])

    def get_queryset(self) -> QuerySet[Feedback]:
        self.queryset = feedback_about(self.school)
        return super().get_queryset()

    def get_filename(self) -> str:
        return f"feedback-{self.school.slug}-{timezone.localdate():%Y-%m-%d}"


class MySchoolsFeedbackView(WagtailAdminTemplateMixin, TemplateView):
    """Where the "School feedback" menu item leads: the one school's feedback,
    or a list when someone edits several; the council goes to its inbox."""

    template_name = "feedback/admin/my_schools.html"
    page_title = "Feedback about your schools"
    header_icon = "comment"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if can_use_inbox(request.user):
            return redirect("feedback_inbox:index")
        self.schools = list(schools_edited_by(request.user))
        if not self.schools:
            raise PermissionDenied
        if len(self.schools) == 1:
            return redirect("feedback_school", self.schools[0].pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["schools"] = [
            (school, reverse("feedback_school", args=[school.pk]), feedback_about(school).count())
            for school in self.schools
        ]
        return context
