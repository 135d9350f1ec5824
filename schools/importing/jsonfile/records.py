"""A school record of the JSON file, once checked: the values the import can plan with.

The file's keys, and where each school page field is given in a record, for messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from ...checklist import TEXT_ITEM_KEYS
from ...models import AccessibilityFeature, NeedArea, OutreachService, ReportQuestion
from ..problems import Problem

# Record keys holding plain text, and the SchoolPage field each fills.
TEXT_FIELDS: dict[str, str] = {
    "name": "title",
    "address": "address",
    "town": "town",
    "postcode": "postcode",
    "website": "website",
    "phone": "phone",
    "email": "email",
    "head_teacher": "head_teacher",
    "sen_governor": "sen_governor",
}
CHOICE_FIELDS: dict[str, str] = {"phase": "phase", "establishment_type": "establishment_type"}
AGE_FIELDS: tuple[str, ...] = ("age_low", "age_high")
SENCO_FIELDS: dict[str, str] = {
    "name": "senco_name",
    "email": "senco_email",
    "phone": "senco_phone",
}
LIST_FIELDS: tuple[str, ...] = ("needs", "accessibility", "outreach")
RECORD_KEYS: frozenset[str] = frozenset(
    {
        "urn",
        *TEXT_FIELDS,
        *CHOICE_FIELDS,
        *AGE_FIELDS,
        "senco",
        "last_reviewed",
        *LIST_FIELDS,
        "specialist_provision",
        "report",
        "council_questions",
    }
)
PROVISION_KEYS: frozenset[str] = frozenset({"kind", "needs", "places", "on_roll", "description"})
TOP_LEVEL_KEYS: frozenset[str] = frozenset({"schools"})

# Where each SchoolPage field is given in a record, for messages about that field.
_FIELD_LOCATIONS: dict[str, str] = {
    **{model_field: key for key, model_field in TEXT_FIELDS.items()},
    **{model_field: f"senco.{key}" for key, model_field in SENCO_FIELDS.items()},
    "needs": "needs",
    "accessibility_features": "accessibility",
    "outreach_services": "outreach",
    "specialist_provisions": "specialist_provision",
}


def location_of(model_field: str) -> str:
    """Where a SchoolPage field is given in a record, e.g. ``senco.email`` for ``senco_email``."""
    if model_field in _FIELD_LOCATIONS:
        return _FIELD_LOCATIONS[model_field]
    if model_field in TEXT_ITEM_KEYS:
        return f"report.{model_field}"
    return model_field


@dataclass(frozen=True)
class ProvisionData:
    """One specialist provision as the file gives it."""

    kind: str
    needs: tuple[NeedArea, ...]
    places: int | None
    on_roll: int | None
    description: str


@dataclass
class SchoolRecord:
    """One school record after checking: only the parts the file gives are set."""

    index: int
    urn: str
    where: str
    values: dict[str, Any] = field(default_factory=dict)
    needs: list[NeedArea] | None = None
    accessibility: list[AccessibilityFeature] | None = None
    outreach: list[OutreachService] | None = None
    provisions: list[ProvisionData] | None = None
    council_answers: dict[str, tuple[ReportQuestion, str]] = field(default_factory=dict)
    # SchoolPage fields with a problem already reported, so later checks skip them.
    invalid_fields: set[str] = field(default_factory=set)

    def problem(self, path: str, message: str) -> Problem:
        """A problem at ``path`` inside this record (``""`` for the record itself)."""
        location = f"{self.where}.{path}" if path else self.where
        return Problem(location, message, self.index)

    def model_problems(self, error: ValidationError) -> list[Problem]:
        """The messages of a model ``ValidationError``, each at its field's place in the file."""
        found = []
        for model_field, messages in error.message_dict.items():
            if model_field in self.invalid_fields:
                continue
            path = "" if model_field == NON_FIELD_ERRORS else location_of(model_field)
            found.extend(self.problem(path, message) for message in messages)
        return found


def describe(value: Any) -> str:
    """A JSON value's kind in plain words, for messages such as 'not a number'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"
