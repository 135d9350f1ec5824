"""The council's own details, shown on every public page and used by the imports and emails.

One generic Wagtail setting for the whole installation (one council runs one Local
Offer), read everywhere the same way: ``CouncilSettings.load()`` in Python (pass the
request to cache it for that request) and ``settings.council.CouncilSettings`` in
templates. This app sits below the domain: ``schools``, ``moderation`` and the rest may
import it, and it imports none of them.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

# Named, not imported: these pages belong to the apps above (the shell, feedback).
ACCESSIBILITY_STATEMENT_PAGE = "localoffer.AccessibilityStatementPage"
PRIVACY_NOTICE_PAGE = "localoffer.PrivacyNoticePage"
YOU_SAID_WE_DID_PAGE = "feedback.YouSaidWeDidPage"


@register_setting(icon="site")
class CouncilSettings(BaseGenericSetting):
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
    census_need_threshold = models.PositiveSmallIntegerField(
        "pupils with one need before a school's report should mention it",
        default=5,
        validators=[MinValueValidator(1, "Enter 1 or more.")],
        help_text=(
            "The 'Needs and provision' page lists the schools where the DfE census counts at "
            "least this many pupils with one primary type of need that the school's report "
            "does not say it provides for."
        ),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer of every page, as the accessibility regulations require.",
    )

    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Linked from the footer of every page and from the feedback form.",
    )
    you_said_we_did_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="'You said, we did' page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "What families told you and what you did about it: linked from the footer of "
            "every page and from the home page."
        ),
    )

    # The footer reads these pages on every page: fetch them with the settings, in one query.
    select_related = ["accessibility_statement", "privacy_notice", "you_said_we_did_page"]

    panels = [
        FieldPanel("council_name"),
        FieldPanel("local_offer_url"),
        FieldPanel("la_code"),
        FieldPanel("census_need_threshold"),
        PageChooserPanel("accessibility_statement", ACCESSIBILITY_STATEMENT_PAGE),
        PageChooserPanel("privacy_notice", PRIVACY_NOTICE_PAGE),
        PageChooserPanel("you_said_we_did_page", YOU_SAID_WE_DID_PAGE),
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
