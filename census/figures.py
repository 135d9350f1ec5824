"""One published count: a number, or the reason the DfE did not publish it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class NotPublished(models.TextChoices):
    """The symbols DfE statistics use in place of a number (kept, never read as zero)."""

    NOT_APPLICABLE = "x", "not applicable"
    NOT_AVAILABLE = "z", "not available"
    SUPPRESSED = "c", "not published, to protect the privacy of a small number of pupils"
    LOW = "low", "a very small number, not published"


@dataclass(frozen=True)
class Figure:
    """A count from the census: ``value`` when published, else ``not_published`` says why.

    Both empty means the file did not give this figure at all.
    """

    value: int | None
    not_published: str = ""

    @property
    def is_published(self) -> bool:
        return self.value is not None

    @property
    def in_words(self) -> str:
        """The reason in plain English, e.g. "not published, to protect the privacy ..."."""
        if self.not_published:
            return str(NotPublished(self.not_published).label)
        return "not given"

    def __str__(self) -> str:
        return f"{self.value:,}" if self.value is not None else self.in_words

    def plus(self, other: Figure) -> Figure:
        """The sum of two counts; unpublished if either is (with the first reason found)."""
        if self.value is not None and other.value is not None:
            return Figure(self.value + other.value)
        return Figure(None, self.not_published or other.not_published)
