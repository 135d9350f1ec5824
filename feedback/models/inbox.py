"""What families send, and what the council does with it before anything is published.

``Feedback`` is raw and personal: it may name people, and it may carry an email address.
It is seen only by council moderators (and, for feedback about a school, that school's
editors), and deleted after the period the council sets. ``Quote`` is what a moderator
has redacted and approved for "You said, we did": it has no personal data and is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

# The longest comment the form takes: about a page of A5, enough to explain a problem.
COMMENT_MAX_LENGTH = 1200
# The longest quote a moderator can publish: a sentence or two.
QUOTE_MAX_LENGTH = 600


class Usefulness(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class FeedbackStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in-progress", "In progress"
    ANSWERED = "answered", "Answered"


class Theme(models.Model):
    """A subject the council groups feedback under, such as "Finding a school"."""

    name = models.CharField(max_length=80, unique=True)
    description = models.TextField(
        blank=True, help_text="For moderators: what feedback belongs under this theme."
    )

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = "feedback theme"

    def __str__(self) -> str:
        return self.name


class Feedback(models.Model):
    """One visitor's answer to "Is this page useful?", their comment, or both."""

    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page the visitor was on (none for general feedback).",
    )
    # What the page was called and where it was when the feedback came in, so the
    # feedback still makes sense after the page is renamed, moved or deleted.
    page_title = models.CharField(max_length=255, blank=True)
    page_path = models.CharField(max_length=500, blank=True)
    school = models.ForeignKey(
        "schools.SchoolPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
        help_text="The school the page is about, if any. Its editors see this feedback.",
    )
    useful = models.CharField(
        "is the page useful?", max_length=3, choices=Usefulness.choices, blank=True
    )
    comment = models.TextField(blank=True, max_length=COMMENT_MAX_LENGTH)
    email = models.EmailField(
        blank=True, help_text="Given only by people who want a reply. Never published."
    )
    status = models.CharField(
        max_length=12, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW, db_index=True
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="feedback")
    notes = models.TextField(
        "council notes",
        blank=True,
        help_text="What you did or replied. Only the council and the school's editors see this.",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "feedback"
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        # No comment or email here: this label is kept in the admin's history after the
        # feedback itself is deleted.
        where = self.page_title or "the Local Offer"
        return f"Feedback {self.pk} on {where}, {timezone.localtime(self.received_at):%-d %b %Y}"

    @property
    def wants_reply(self) -> bool:
        return bool(self.email)

    @property
    def school_name(self) -> str:
        return self.school.title if self.school_id and self.school else ""

    @property
    def theme_names(self) -> str:
        """The themes, comma-separated (prefetch ``themes`` when listing many)."""
        return ", ".join(theme.name for theme in self.themes.all())

    @property
    def comment_preview(self) -> str:
        text = " ".join(self.comment.split())
        return text if len(text) <= 120 else text[:119].rstrip() + "…"

    @property
    def reply_label(self) -> str:
        return "Wants a reply" if self.email else ""


class Quote(models.Model):
    """Words from families that a moderator has redacted and approved for publication.

    Made from a piece of feedback (``source``) or written from another source such as a
    parents' forum. It is published only where a moderator puts it on the "You said, we
    did" page, and it outlives the feedback it came from.
    """

    text = models.TextField(
        max_length=QUOTE_MAX_LENGTH,
        help_text=(
            "Exactly what will be published. Remove the names of children, parents and staff, "
            "and anything else that could identify a family."
        ),
    )
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL)
    said_on = models.DateField(
        "said on", default=timezone.localdate, help_text="Only the month is published."
    )
    source = models.OneToOneField(
        Feedback,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quote",
        editable=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldPanel("text"), FieldPanel("theme"), FieldPanel("said_on")]

    class Meta:
        ordering = ["-said_on", "-pk"]
        verbose_name = "quote for publication"
        verbose_name_plural = "quotes for publication"

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        short = text if len(text) <= 80 else text[:79].rstrip() + "…"
        theme = f"{self.theme}, " if self.theme_id else ""
        return f"“{short}” ({theme}{self.said_on:%B %Y})"
