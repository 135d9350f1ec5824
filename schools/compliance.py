"""Which statutory items a school's report answers, and which it does not.

This is the one place that decides compliance. The editor's checklist panel, the
public page, and later the moderation dashboard and the API all call
``check_compliance``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .checklist import STATUTORY_ITEMS, AnsweredBy, StatutoryItem

if TYPE_CHECKING:
    from .models import SchoolPage

_TAG = re.compile(r"<[^>]+>")


def is_blank(text: str | None) -> bool:
    """True when rich text or plain text has no visible words (tags and spaces only)."""
    if not text:
        return True
    visible = html.unescape(_TAG.sub(" ", text))
    return not visible.replace("\xa0", " ").strip()


@dataclass(frozen=True)
class ComplianceResult:
    """The outcome of checking one report against the statutory checklist."""

    answered: tuple[StatutoryItem, ...]
    missing: tuple[StatutoryItem, ...]

    @property
    def is_compliant(self) -> bool:
        return not self.missing

    @property
    def total(self) -> int:
        return len(self.answered) + len(self.missing)

    @property
    def missing_keys(self) -> list[str]:
        return [item.key for item in self.missing]


def is_answered(page: SchoolPage, item: StatutoryItem) -> bool:
    """Whether ``page`` answers one statutory item."""
    if item.answered_by == AnsweredBy.SENCO_CONTACT:
        has_name = not is_blank(page.senco_name)
        has_route = not (is_blank(page.senco_email) and is_blank(page.senco_phone))
        return has_name and has_route
    if not is_blank(getattr(page, item.key)):
        return True
    # Ticking the types of need in the facets answers "which needs" as well as prose does.
    return item.answered_by == AnsweredBy.TEXT_OR_NEEDS and page.needs.exists()


def check_compliance(page: SchoolPage) -> ComplianceResult:
    """Check ``page`` (saved or an unsaved revision) against every statutory item."""
    answered: list[StatutoryItem] = []
    missing: list[StatutoryItem] = []
    for item in STATUTORY_ITEMS:
        (answered if is_answered(page, item) else missing).append(item)
    return ComplianceResult(answered=tuple(answered), missing=tuple(missing))
