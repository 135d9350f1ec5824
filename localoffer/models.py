"""Site-wide pages and settings: the council's Local Offer home page and contact details."""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
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
        from schools.models import SchoolIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["school_indexes"] = SchoolIndexPage.objects.child_of(self).live().public()
        return context


@register_setting(icon="site")
class LocalOfferSettings(BaseSiteSetting):
    """The council's details, shown on every public page."""

    council_name = models.CharField(max_length=120, default="Example Council")
    local_offer_url = models.URLField(
        "Local Offer web address",
        blank=True,
        help_text="The council's main Local Offer page, linked from every school page.",
    )
    sendiass_name = models.CharField(
        "SENDIASS name",
        max_length=120,
        default="SEND Information, Advice and Support Service (SENDIASS)",
    )
    sendiass_phone = models.CharField("SENDIASS phone", max_length=30, blank=True)
    sendiass_email = models.EmailField("SENDIASS email", blank=True)
    sendiass_url = models.URLField("SENDIASS website", blank=True)
    la_code = models.CharField(
        "local authority code",
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^\d{3}$", "Enter the 3-digit code, for example 815.")],
        help_text=(
            "The council's 3-digit code in Get Information about Schools, for example 815 for "
            "North Yorkshire. The GIAS import keeps only this council's schools."
        ),
    )

    panels = [
        FieldPanel("council_name"),
        FieldPanel("local_offer_url"),
        FieldPanel("la_code"),
        MultiFieldPanel(
            [
                FieldPanel("sendiass_name"),
                FieldPanel("sendiass_phone"),
                FieldPanel("sendiass_email"),
                FieldPanel("sendiass_url"),
            ],
            heading="Independent advice for parents (SENDIASS)",
        ),
    ]

    class Meta:
        verbose_name = "Local Offer settings"
