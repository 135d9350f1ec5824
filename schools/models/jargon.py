"""Words schools use that many parents do not know, with what they mean.

The council keeps the list (Snippets > Vocabularies > Jargon to explain); the editor's
plain-English help (``schools.readability``) points out the ones an answer uses
without explaining them.
"""

from __future__ import annotations

from django.db import models
from wagtail.admin.panels import FieldPanel


class JargonTerm(models.Model):
    """A word or abbreviation to explain to parents, and its meaning in everyday words."""

    term = models.CharField(
        max_length=60,
        unique=True,
        help_text=(
            "As schools write it, for example 'SENCO' or 'graduated approach'. Abbreviations "
            "in capitals match only in capitals; other words match in any case."
        ),
    )
    meaning = models.CharField(
        max_length=200,
        help_text="What it means, in words a parent would use, e.g. "
        "'special educational needs co-ordinator'.",
    )

    panels = [FieldPanel("term"), FieldPanel("meaning")]

    class Meta:
        ordering = ["term"]
        verbose_name = "jargon term"

    def __str__(self) -> str:
        return self.term
