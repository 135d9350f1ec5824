"""The council-managed vocabularies that school pages are tagged with.

Each term carries the words parents use for it (``synonyms``), so that a search for
"autism" or "wheelchair" finds the right schools; the council adds words in the admin.
"""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

_SYNONYM_SPLIT = re.compile(r"[,;\n]")


class VocabularyTerm(index.Indexed, models.Model):
    """A term in one of the council's vocabularies: a plain-English label and synonyms."""

    label = models.CharField(
        max_length=120, help_text="Plain English, as a parent would say it, e.g. 'Autism'."
    )
    description = models.TextField(blank=True)
    synonyms = models.TextField(
        blank=True,
        help_text=(
            "Other words parents use for this, separated by commas, e.g. "
            "'autistic, ASC, Asperger's'. The directory search matches these."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    search_fields = [index.SearchField("label"), index.SearchField("synonyms")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "label"]

    def __str__(self) -> str:
        return self.label

    @property
    def synonym_list(self) -> list[str]:
        """The synonyms as a list, without blanks."""
        return [word.strip() for word in _SYNONYM_SPLIT.split(self.synonyms) if word.strip()]


class BroadArea(models.Model):
    """One of the four broad areas of need in the SEND Code of Practice (6.28-6.35)."""

    slug = models.SlugField(unique=True)
    label = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("label"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["sort_order", "label"]
        verbose_name = "broad area of need"

    def __str__(self) -> str:
        return self.label


class NeedArea(VocabularyTerm):
    """A type of special educational need, identified by its school census code."""

    code = models.CharField(
        max_length=8,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z]{2,8}$", "Use the census code in capital letters, for example ASD."
            )
        ],
        help_text="The school census code, e.g. ASD, SPLD. Used in imports and the API.",
    )
    broad_area = models.ForeignKey(
        BroadArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("code"),
        FieldPanel("broad_area"),
        FieldPanel("synonyms"),
        FieldPanel("description"),
    ]

    search_fields = [*VocabularyTerm.search_fields, index.SearchField("code")]

    class Meta(VocabularyTerm.Meta):
        verbose_name = "type of need"
        verbose_name_plural = "types of need"


class SluggedTerm(VocabularyTerm):
    """A vocabulary term identified by a slug in web addresses, imports and the API."""

    slug = models.SlugField(unique=True, help_text="Used in web addresses and the API.")

    panels = [
        FieldPanel("label"),
        FieldPanel("slug"),
        FieldPanel("synonyms"),
        FieldPanel("description"),
    ]

    class Meta(VocabularyTerm.Meta):
        abstract = True


class AccessibilityFeature(SluggedTerm):
    """A physical or sensory accessibility feature of a school site."""

    class Meta(SluggedTerm.Meta):
        verbose_name = "accessibility feature"


class OutreachService(SluggedTerm):
    """A specialist or outreach service a school works with or provides."""

    class Meta(SluggedTerm.Meta):
        verbose_name = "outreach or specialist service"
        verbose_name_plural = "outreach and specialist services"
