"""Report questions: the council's wording and guidance for each part of a report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel


class ReportQuestionQuerySet(models.QuerySet["ReportQuestion"]):
    def statutory(self) -> ReportQuestionQuerySet:
        return self.filter(is_statutory=True)

    def council_extras(self) -> ReportQuestionQuerySet:
        return self.filter(is_statutory=False)


class ReportQuestion(models.Model):
    """A question a school's report answers, with the council's guidance for editors.

    The statutory questions are created by a migration from ``schools.checklist`` and
    keep their keys; the council can reword them and edit the guidance. The council can
    also add questions of its own (Inclusion Quality Mark, parent partnership...),
    which school editors answer in the report's "Council questions" section.
    """

    key = models.SlugField(
        max_length=64,
        unique=True,
        help_text="A short identifier, used by imports. Cannot be changed for statutory items.",
    )
    heading = models.CharField(
        max_length=200, help_text="The heading parents see, in plain English."
    )
    question = models.TextField(help_text="The question as school editors see it.")
    guidance = models.TextField(
        blank=True,
        help_text="The council's expectation of good practice, shown to editors beside the answer.",
    )
    legal_reference = models.CharField(max_length=200, blank=True)
    is_statutory = models.BooleanField(default=False, editable=False)
    sort_order = models.PositiveSmallIntegerField(default=100)

    objects = ReportQuestionQuerySet.as_manager()

    panels = [
        HelpPanel(
            content=(
                "Statutory questions come from the SEND Regulations 2014; you can reword them "
                "and change the guidance, but not remove them. Questions you add are optional "
                "for schools and appear in a 'More from the school' part of each report."
            )
        ),
        FieldPanel("heading"),
        FieldPanel("question"),
        FieldPanel("guidance"),
        FieldPanel("key"),
        FieldPanel("legal_reference"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["-is_statutory", "sort_order", "heading"]

    def __str__(self) -> str:
        return self.heading

    def clean(self) -> None:
        super().clean()
        if self.pk and self.is_statutory:
            original_key = type(self).objects.filter(pk=self.pk).values_list("key", flat=True)
            if original_key and original_key[0] != self.key:
                raise ValidationError(
                    {"key": "The key of a statutory question is fixed; imports and exports use it."}
                )
