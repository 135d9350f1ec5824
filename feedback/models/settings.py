"""The council's choices about feedback: how long it is kept, how soon it is answered."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_RETENTION_MONTHS = 12


@register_setting(icon="comment")
class FeedbackSettings(BaseGenericSetting):
    """One set of feedback settings for the whole Local Offer; read with ``.load()``."""

    retention_months = models.PositiveSmallIntegerField(
        "keep feedback for (months)",
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=(
            "Feedback, and any email address left with it, is deleted this many months after "
            "it was sent. Quotes you have approved for 'You said, we did' are kept: they have "
            "no names in them. The privacy notice states this period."
        ),
    )
    reply_days = models.PositiveSmallIntegerField(
        "reply within (working days)",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Told to people who leave an email address for a reply.",
    )

    panels = [FieldPanel("retention_months"), FieldPanel("reply_days")]

    class Meta:
        verbose_name = "feedback settings"
