"""The "You said, we did" page: what families told the council, and what it did.

Regulation 56 of the SEND Regulations 2014 requires the council to publish comments
about its Local Offer and its response. The page is edited and published like any other
page; nothing reaches it automatically. Each ``FeedbackResponse`` is one theme in one
period: a summary of what families said, quotes a moderator approved, and what the
council did, with dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .inbox import Quote, Theme

# What the council did is short prose with the odd link; no headings or images.
WE_DID_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class Progress(models.TextChoices):
    DONE = "done", "Done"
    IN_PROGRESS = "in-progress", "In progress"
    PLANNED = "planned", "Planned"


@dataclass(frozen=True)
class Period:
    """The months a group of responses covers, newest first on the page."""

    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if (self.start.year, self.start.month) == (self.end.year, self.end.month):
            return f"{self.start:%B %Y}"
        if self.start.year == self.end.year:
            return f"{self.start:%B} to {self.end:%B %Y}"
        return f"{self.start:%B %Y} to {self.end:%B %Y}"

    @property
    def anchor(self) -> str:
        return f"period-{self.start:%Y-%m-%d}-{self.end:%Y-%m-%d}"


class YouSaidWeDidPage(Page):
    """The council's published response to feedback, one section per period."""

    intro = RichTextField(
        blank=True,
        features=WE_DID_FEATURES,
        help_text="A few sentences for families: why this page exists and how to give feedback.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        HelpPanel(
            content=(
                "<p>Add one response for each theme in each period. Quotes come from "
                "<strong>Feedback &gt; Quotes for publication</strong>: only words a moderator "
                "has redacted and approved are offered. Nothing appears here until you publish "
                "the page.</p>"
            ),
            heading="How this page is filled",
        ),
        InlinePanel("responses", heading="Responses", label="response"),
    ]
    parent_page_types = ["localoffer.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    page_description = (
        "'You said, we did': what families told the council about its Local Offer and what "
        "the council did about it, as the SEND Regulations 2014 (regulation 56) require."
    )

    class Meta:
        verbose_name = "'You said, we did' page"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["periods"] = self.periods()
        return context

    def periods(self) -> list[tuple[Period, list[FeedbackResponse]]]:
        """The responses grouped by period, newest period first, in the editor's order.

        Reads the page's own responses: on the live site, those of the published version;
        in the admin's preview, those of the draft being previewed.
        """
        responses = self.responses.all()
        # A preview's responses are in memory (not saved yet): nothing to fetch ahead.
        if isinstance(responses, models.QuerySet):
            responses = responses.select_related("theme").prefetch_related("quotes")
        groups: dict[Period, list[FeedbackResponse]] = {}
        for response in responses:
            groups.setdefault(response.period, []).append(response)
        return sorted(
            groups.items(), key=lambda group: (group[0].end, group[0].start), reverse=True
        )


class FeedbackResponse(Orderable, ClusterableModel):
    """One theme in one period: what families said and what the council did."""

    page = ParentalKey(YouSaidWeDidPage, on_delete=models.CASCADE, related_name="responses")
    period_start = models.DateField("period from")
    period_end = models.DateField("period to")
    theme = models.ForeignKey(Theme, null=True, on_delete=models.SET_NULL, related_name="+")
    you_said = models.TextField(
        "what families told us",
        max_length=1000,
        help_text="A summary in plain English. No names or details that identify anyone.",
    )
    quotes = ParentalManyToManyField(
        Quote,
        blank=True,
        related_name="responses",
        help_text="Optional: approved quotes that show what families said.",
    )
    we_did = RichTextField("what we did", features=WE_DID_FEATURES)
    progress = models.CharField(max_length=12, choices=Progress.choices, default=Progress.DONE)
    action_date = models.DateField(
        "date done, or expected",
        null=True,
        blank=True,
        help_text="When it was done, or when it is expected to be done.",
    )

    panels = [
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("theme"),
        FieldPanel("you_said"),
        FieldPanel("quotes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("we_did"),
        FieldRowPanel([FieldPanel("progress"), FieldPanel("action_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "response"

    def __str__(self) -> str:
        return f"{self.theme or 'Feedback'}, {self.period.label}"

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": "The period must end on or after its start."})

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end)

    @property
    def anchor(self) -> str:
        return f"response-{self.pk}"
