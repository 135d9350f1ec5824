"""The site's own pages: the council's Local Offer home page and accessibility statement.

The council's details (name, SENDIASS contacts) are ``council.models.CouncilSettings``.
"""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from schools.routing import ChildRoutingInOneQuery
from schools.selectors import needs_most_provided_for, school_indexes_under
from search.models import DirectoryPage

from . import privacy_wording, statement_wording

# The types of need linked from the home page: the ones most schools provide for.
HOME_NEED_LINKS = 6


class HomePage(ChildRoutingInOneQuery, Page):
    """The council's Local Offer landing page."""

    intro = RichTextField(
        blank=True, help_text="A short welcome for parents and young people, in plain English."
    )
    body = RichTextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    page_description = "The Local Offer home page."

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["school_indexes"] = school_indexes_under(self)
        directory = DirectoryPage.objects.descendant_of(self).live().public().first()
        if directory is not None:
            url = directory.get_url(request)
            context["directory_url"] = url
            context["need_links"] = [
                (need, f"{url}?{urlencode({'need': need.code})}")
                for need in needs_most_provided_for(HOME_NEED_LINKS)
            ]
        return context


class AccessibilityStatementPage(Page):
    """The council's accessibility statement, in the GOV.UK model statement's structure.

    The headings and the legally worded sentences (enforcement, compliance status) are in
    the template; the council edits the parts that depend on its own testing.
    """

    class ComplianceStatus(models.TextChoices):
        FULL = "full", "Fully compliant"
        PARTIAL = "partial", "Partially compliant"
        NONE = "none", "Not compliant"

    class EnforcementBody(models.TextChoices):
        EHRC = "ehrc", "Equality and Human Rights Commission (England, Scotland and Wales)"
        ECNI = "ecni", "Equality Commission for Northern Ireland"

    usage = RichTextField(
        "using this website",
        default=statement_wording.usage,
        help_text="What people should be able to do, for example zoom to 400% or use a keyboard.",
    )
    how_accessible = RichTextField(
        "how accessible this website is",
        default=statement_wording.how_accessible,
        help_text="The known problems, in plain English. List every one your testing found.",
    )
    contact_email = models.EmailField(
        help_text="Where people ask for information in another format and report problems."
    )
    contact_phone = models.CharField(max_length=30, blank=True)
    response_days = models.PositiveSmallIntegerField(
        "reply within (working days)",
        default=10,
        help_text="How many working days you take to answer a request.",
    )
    in_person = RichTextField(
        "contacting us by phone or visiting us in person",
        blank=True,
        help_text="Optional: text relay, British Sign Language or induction loop services.",
    )
    enforcement_body = models.CharField(
        max_length=4, choices=EnforcementBody.choices, default=EnforcementBody.EHRC
    )
    compliance_status = models.CharField(
        max_length=7,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
        help_text="Against WCAG 2.2 AA. The statement uses the wording the regulations require.",
    )
    non_compliance = RichTextField(
        "non-compliance with the accessibility regulations",
        blank=True,
        default=statement_wording.non_compliance,
        help_text="Each failure, the WCAG success criterion it fails and when you will fix it.",
    )
    disproportionate_burden = RichTextField(
        blank=True,
        help_text="Only if you have assessed that fixing something is a disproportionate burden.",
    )
    out_of_scope = RichTextField(
        "content that's not within the scope of the accessibility regulations",
        blank=True,
        default=statement_wording.out_of_scope,
    )
    improvements = RichTextField(
        "what we're doing to improve accessibility",
        default=statement_wording.improvements,
    )
    prepared_on = models.DateField("statement prepared on", default=datetime.date.today)
    reviewed_on = models.DateField("statement last reviewed on", null=True, blank=True)
    tested_on = models.DateField("website last tested on", null=True, blank=True)
    tested_by = models.CharField(
        "test carried out by",
        max_length=200,
        blank=True,
        help_text="For example: our digital team, or the name of an accessibility auditor.",
    )
    test_approach = RichTextField(
        "how we tested", blank=True, default=statement_wording.test_approach
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("usage"),
        FieldPanel("how_accessible"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("response_days"),
                FieldPanel("in_person"),
            ],
            heading="Feedback, contact and reporting problems",
        ),
        FieldPanel("enforcement_body"),
        MultiFieldPanel(
            [
                FieldPanel("compliance_status"),
                FieldPanel("non_compliance"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("out_of_scope"),
            ],
            heading="Compliance status and non-accessible content",
        ),
        FieldPanel("improvements"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldRowPanel([FieldPanel("tested_on"), FieldPanel("tested_by")]),
                FieldPanel("test_approach"),
            ],
            heading="Preparation of this statement",
        ),
    ]
    parent_page_types = ["localoffer.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    page_description = (
        "The accessibility statement the law requires, linked from every page's footer. "
        "Check every section against your own testing before publishing."
    )

    class Meta:
        verbose_name = "accessibility statement"


class PrivacyNoticePage(Page):
    """The council's privacy notice for the Local Offer website, linked from every page.

    The section on feedback (what is collected, who sees it, when it is deleted) is
    written by the template from the feedback settings, so it always states the period
    the deletion command applies. The council edits the rest with its data protection
    officer.
    """

    controller = RichTextField(
        "who we are",
        default=privacy_wording.controller,
        help_text=(
            "Who the data controller is. Name the council and its registration number with "
            "the Information Commissioner's Office."
        ),
    )
    contact_email = models.EmailField(
        "data protection contact",
        help_text="Where people ask for a copy of their information or raise a concern.",
    )
    other_processing = RichTextField(
        "other information we collect",
        default=privacy_wording.other_processing,
        help_text=(
            "Accounts, cookies and server logs. Check each sentence against how you run the site."
        ),
    )
    updated_on = models.DateField("notice last updated on", default=datetime.date.today)

    content_panels = [
        *Page.content_panels,
        FieldPanel("controller"),
        FieldPanel("contact_email"),
        FieldPanel("other_processing"),
        FieldPanel("updated_on"),
    ]
    parent_page_types = ["localoffer.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    page_description = (
        "How the Local Offer website uses personal information, linked from every page's "
        "footer. Its section about feedback follows the feedback settings."
    )

    class Meta:
        verbose_name = "privacy notice"


class DataVersion(models.Model):
    """One row whose number every server process moves when public data changes.

    The public caches key what they keep on it (``localoffer.data_version``), so a
    change committed by any process (a worker, an import run from the command line,
    the index catching up) drops what every other process kept, at its next request.
    """

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"data version {self.number}"
