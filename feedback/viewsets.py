"""The council's feedback inbox, themes and quotes in the Wagtail admin.

Only council moderators and administrators have the model permissions these need;
school editors read their own school's feedback in ``admin_views.SchoolFeedbackView``.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from schools.models import SchoolPage
from schools.spreadsheets import TypedTextExportMixin

from . import services
from .models import Feedback, FeedbackStatus, Quote, Theme, Usefulness
from .models.inbox import QUOTE_MAX_LENGTH


def _pages_with_feedback(request: Any) -> QuerySet[Page]:
    return Page.objects.filter(pk__in=Feedback.objects.values("page")).order_by("title")


def _schools_with_feedback(request: Any) -> QuerySet[SchoolPage]:
    return SchoolPage.objects.filter(pk__in=Feedback.objects.values("school")).order_by("title")


class FeedbackFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=FeedbackStatus.choices, empty_label="Any")
    theme = django_filters.ModelChoiceFilter(
        label="Theme", field_name="themes", queryset=Theme.objects.all(), empty_label="Any"
    )
    no_theme = django_filters.BooleanFilter(
        label="Without a theme", field_name="themes", lookup_expr="isnull"
    )
    school = django_filters.ModelChoiceFilter(queryset=_schools_with_feedback, empty_label="Any")
    page = django_filters.ModelChoiceFilter(queryset=_pages_with_feedback, empty_label="Any")
    useful = django_filters.ChoiceFilter(
        label="Is the page useful?", choices=Usefulness.choices, empty_label="Any"
    )
    reply = django_filters.ChoiceFilter(
        label="Reply",
        choices=[("wanted", "Wants a reply"), ("not-wanted", "No reply wanted")],
        method="filter_reply",
        empty_label="Any",
    )
    received_at = django_filters.DateFromToRangeFilter(
        label="Received", widget=DateRangePickerWidget
    )

    class Meta:
        model = Feedback
        fields: list[str] = []

    def filter_reply(self, queryset: QuerySet[Feedback], name: str, value: str) -> QuerySet:
        return queryset.exclude(email="") if value == "wanted" else queryset.filter(email="")


class FeedbackHandlingForm(WagtailAdminModelForm):
    """The moderator's handling of one piece of feedback, and the quote made from it."""

    quote_text = forms.CharField(
        label="Redacted text for 'You said, we did'",
        required=False,
        max_length=QUOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "Start from the comment; email addresses and phone numbers are already taken out. "
            "Remove the names of children, parents and staff, and anything else that could "
            "identify a family. Only this text can ever be published."
        ),
    )
    approve_quote = forms.BooleanField(
        label="Approve this text for publication",
        required=False,
        help_text=(
            "It then appears under Feedback > Quotes for publication, to choose on the 'You "
            "said, we did' page. Nothing is published until that page is. Untick to withdraw "
            "it, from the published page too."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        quote = (
            Quote.objects.filter(source_id=self.instance.pk).first() if self.instance.pk else None
        )
        self.fields["quote_text"].initial = (
            quote.text if quote else services.suggest_redaction(self.instance.comment)
        )
        self.fields["approve_quote"].initial = quote is not None
        self.fields["themes"].widget = forms.CheckboxSelectMultiple()
        self.fields["themes"].queryset = Theme.objects.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("approve_quote") and not data.get("quote_text", "").strip():
            self.add_error("quote_text", "Write the redacted text to approve.")
        return data


class FeedbackEditView(EditView):
    def save_instance(self) -> Feedback:
        feedback: Feedback = self.form.instance
        services.set_status(feedback, feedback.status, self.request.user)
        feedback = super().save_instance()
        data = self.form.cleaned_data
        if data["approve_quote"]:
            services.approve_quote(feedback, data["quote_text"], self.request.user)
        else:
            services.withdraw_quote(feedback)
        return feedback


class FeedbackIndexView(TypedTextExportMixin, IndexView):
    typed_export_fields = ("page_title", "school_name", "comment", "email", "theme_names", "notes")

    def get_base_queryset(self) -> QuerySet[Feedback]:
        return super().get_base_queryset().select_related("school").prefetch_related("themes")

    def get_filename(self) -> str:
        return f"feedback-{timezone.localdate():%Y-%m-%d}"


class FeedbackViewSet(ModelViewSet):
    """The council's inbox: filter, search, tag with themes, redact, mark answered, export."""

    model = Feedback
    icon = "comment"
    menu_label = "Inbox"
    name = "feedback_inbox"
    url_prefix = "feedback/inbox"
    add_to_admin_menu = False
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    filterset_class = FeedbackFilterSet
    search_fields = ["comment", "page_title", "notes", "email"]
    search_backend_name = None
    ordering = ["-received_at"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        TitleColumn(
            "received_at", label="Received", sort_key="received_at", url_name="feedback_inbox:edit"
        ),
        Column("page_title", label="Page", sort_key="page_title"),
        Column("school", label="School", accessor="school_name"),
        Column("useful", label="Useful?", accessor="get_useful_display"),
        Column("comment", label="Comment", accessor="comment_preview"),
        Column("themes", label="Themes", accessor="theme_names"),
        Column("status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("reply", label="Reply", accessor="reply_label"),
    ]
    list_export = [
        "received_at",
        "page_title",
        "page_path",
        "school_name",
        "get_useful_display",
        "comment",
        "email",
        "theme_names",
        "get_status_display",
        "notes",
        "answered_at",
    ]
    export_headings = {
        "received_at": "Received",
        "page_title": "Page",
        "page_path": "Page address",
        "school_name": "School",
        "get_useful_display": "Is the page useful?",
        "comment": "Comment",
        "email": "Email for a reply",
        "theme_names": "Themes",
        "get_status_display": "Status",
        "notes": "Council notes",
        "answered_at": "Answered",
    }

    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("received_at", read_only=True),
                            FieldPanel("useful", read_only=True),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("page_title", read_only=True),
                            FieldPanel("school", read_only=True),
                        ]
                    ),
                    FieldPanel("comment", read_only=True),
                    FieldPanel("email", read_only=True),
                ],
                heading="What they sent",
            ),
            FieldPanel("themes"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("answered_at", read_only=True)]),
            FieldPanel("notes"),
            MultiFieldPanel(
                [FieldPanel("quote_text"), FieldPanel("approve_quote")],
                heading="Quote for 'You said, we did'",
            ),
        ],
        base_form_class=FeedbackHandlingForm,
    )


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Themes"
    name = "feedback_themes"
    url_prefix = "feedback/themes"
    add_to_admin_menu = False
    search_fields = ["name", "description"]
    search_backend_name = None
    list_display = ["name", "description"]
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["name", "description"]


class QuoteViewSet(ModelViewSet):
    model = Quote
    icon = "openquote"
    menu_label = "Quotes for publication"
    name = "feedback_quotes"
    url_prefix = "feedback/quotes"
    add_to_admin_menu = False
    search_fields = ["text"]
    search_backend_name = None
    list_filter = ["theme"]
    list_display = [
        TitleColumn("text", label="Quote", url_name="feedback_quotes:edit"),
        "theme",
        DateColumn("said_on", label="Said on"),
    ]
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["text", "theme", "said_on"]


class FeedbackViewSetGroup(ViewSetGroup):
    menu_label = "Feedback"
    menu_icon = "comment"
    menu_order = 250
    items = (FeedbackViewSet, ThemeViewSet, QuoteViewSet)
