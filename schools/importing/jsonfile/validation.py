"""Checking every record of an import file and turning it into clean values.

Nothing here writes to the database. Field rules (URN, postcode, phone, email, choices,
lengths) are the model fields' own validators, so the import and the editor agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from ...models import (
    ProvisionKind,
    SchoolPage,
    SpecialistProvision,
)
from ...models.pages import URN_VALIDATOR
from ..problems import Problem
from .lookups import Lookups, Vocabulary, closest
from .records import (
    AGE_FIELDS,
    CHOICE_FIELDS,
    PROVISION_KEYS,
    RECORD_KEYS,
    SENCO_FIELDS,
    TEXT_FIELDS,
    TOP_LEVEL_KEYS,
    ProvisionData,
    SchoolRecord,
    describe,
)
from .richtext import plain_text_to_rich_text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CHOICE_NOUNS = {"phase": "phase", "establishment_type": "type of school", "kind": "kind"}


def validate_document(
    data: Any, lookups: Lookups, source: str
) -> tuple[list[SchoolRecord], list[Problem]]:
    """Check the whole file; return the records fit to plan and every problem found.

    A record with a missing or invalid URN, or a URN given earlier in the file, is left
    out of the records (it cannot be matched to a page), but its other problems are
    still reported.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict):
        message = (
            'The file must hold a JSON object with a "schools" list, like {"schools": [...]}, '
            f"not {describe(data)}."
        )
        return [], [Problem(source, message)]
    _check_keys(data, TOP_LEVEL_KEYS, lambda key, message: problems.append(Problem(key, message)))
    schools = data.get("schools")
    if "schools" not in data:
        problems.append(
            Problem("schools", 'Missing: give the schools as a list, "schools": [...].')
        )
        return [], problems
    if not isinstance(schools, list):
        problems.append(
            Problem("schools", f"Give a list of school records, not {describe(schools)}.")
        )
        return [], problems

    records: list[SchoolRecord] = []
    first_seen: dict[str, int] = {}
    for index, raw in enumerate(schools):
        checker = _RecordChecker(index, raw, lookups)
        record = checker.check()
        problems.extend(checker.problems)
        if record is None:
            continue
        if record.urn in first_seen:
            problems.append(
                record.problem(
                    "urn",
                    f"URN {record.urn} is also given in schools[{first_seen[record.urn]}]; "
                    "give each school once.",
                )
            )
            continue
        first_seen[record.urn] = index
        records.append(record)
    return records, problems


def _check_keys(
    obj: dict[str, Any], allowed: frozenset[str], report: Callable[[str, str], None]
) -> None:
    """Report keys given twice and keys not in ``allowed`` (keys starting "_" are notes)."""
    for key in getattr(obj, "duplicate_keys", []):
        report(key, "Given more than once here; give it once.")
    for key in obj:
        if key.startswith("_") or key in allowed:
            continue
        suggestion = closest(key, allowed)
        hint = f' Did you mean "{suggestion}"?' if suggestion else ""
        report(key, f'"{key}" is not a field here.{hint} (Keys starting with "_" are ignored.)')


class _RecordChecker:
    """Checks one school record, collecting every problem rather than stopping at the first."""

    def __init__(self, index: int, raw: Any, lookups: Lookups) -> None:
        self.index = index
        self.raw = raw
        self.lookups = lookups
        self.problems: list[Problem] = []
        self.record = SchoolRecord(index=index, urn="", where=f"schools[{index}]")

    def error(self, path: str, message: str, model_field: str | None = None) -> None:
        self.problems.append(self.record.problem(path, message))
        if model_field:
            self.record.invalid_fields.add(model_field)

    def check(self) -> SchoolRecord | None:
        raw = self.raw
        if not isinstance(raw, dict):
            self.error("", f"Each school must be a JSON object ({{...}}), not {describe(raw)}.")
            return None
        urn_ok = self._check_urn(raw)
        _check_keys(raw, RECORD_KEYS, self.error)
        for key, model_field in TEXT_FIELDS.items():
            if key in raw:
                self._text_field(raw[key], key, model_field)
        for key, model_field in CHOICE_FIELDS.items():
            if key in raw:
                self._choice_field(raw[key], key, SchoolPage, model_field)
        for key in AGE_FIELDS:
            if key in raw:
                self._age(raw[key], key)
        if "last_reviewed" in raw:
            self._date(raw["last_reviewed"], "last_reviewed")
        if "senco" in raw:
            self._senco(raw["senco"])
        if "needs" in raw:
            self.record.needs = self._terms(raw["needs"], "needs", self.lookups.needs)
        if "accessibility" in raw:
            self.record.accessibility = self._terms(
                raw["accessibility"], "accessibility", self.lookups.accessibility
            )
        if "outreach" in raw:
            self.record.outreach = self._terms(raw["outreach"], "outreach", self.lookups.outreach)
        if "specialist_provision" in raw:
            self._provisions(raw["specialist_provision"])
        if "report" in raw:
            self._report(raw["report"])
        if "council_questions" in raw:
            self._council_questions(raw["council_questions"])
        return self.record if urn_ok else None

    # -- identity -------------------------------------------------------------------

    def _check_urn(self, raw: dict[str, Any]) -> bool:
        if "urn" not in raw:
            self.error("urn", 'Required: the school\'s 6-digit URN, for example "121404".')
            return False
        value = raw["urn"]
        if not isinstance(value, str):
            self.error(
                "urn",
                f'Give the URN as text in quotes, for example "121404", not {describe(value)}.',
            )
            return False
        value = value.strip()
        try:
            URN_VALIDATOR(value)
        except ValidationError as error:
            self.error("urn", f'{error.messages[0]} You gave "{value}".')
            return False
        self.record.urn = value
        self.record.where = f"schools[{self.index}] (URN {value})"
        return True

    # -- single values --------------------------------------------------------------

    def _text(self, value: Any, path: str, model_field: str | None = None) -> str | None:
        """Text with surrounding spaces removed; null means empty. None if not text."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value.strip()
        self.error(path, f"Give text in quotes, not {describe(value)}.", model_field)
        return None

    def _clean(
        self, model: type[models.Model], model_field: str, value: Any, path: str
    ) -> tuple[bool, Any]:
        """Run the model field's own validation; report its messages at ``path``."""
        try:
            return True, model._meta.get_field(model_field).clean(value, None)
        except ValidationError as error:
            for message in error.messages:
                self.error(path, message, model_field if model is SchoolPage else None)
            return False, None

    def _store(self, model_field: str, value: Any, path: str) -> None:
        ok, cleaned = self._clean(SchoolPage, model_field, value, path)
        if ok:
            self.record.values[model_field] = cleaned

    def _text_field(self, value: Any, path: str, model_field: str) -> None:
        text = self._text(value, path, model_field)
        if text is not None:
            self._store(model_field, text, path)

    def _choice(
        self, value: Any, path: str, model: type[models.Model], model_field: str
    ) -> str | None:
        """A choice value (matched ignoring case), or None after reporting a problem."""
        text = self._text(value, path, model_field)
        if text is None:
            return None
        choices = [str(choice) for choice, _label in model._meta.get_field(model_field).choices]
        matched = next((choice for choice in choices if choice.casefold() == text.casefold()), "")
        if text and not matched:
            noun = _CHOICE_NOUNS.get(path.rsplit(".", 1)[-1], model_field)
            self.error(
                path,
                f'"{text}" is not a {noun} we know. Use one of: {", ".join(choices)}.',
                model_field if model is SchoolPage else None,
            )
            return None
        ok, cleaned = self._clean(model, model_field, matched, path)
        return cleaned if ok else None

    def _choice_field(
        self, value: Any, path: str, model: type[models.Model], model_field: str
    ) -> None:
        cleaned = self._choice(value, path, model, model_field)
        if cleaned is not None:
            self.record.values[model_field] = cleaned

    def _whole_number(
        self, value: Any, path: str, model_field: str | None
    ) -> tuple[bool, int | None]:
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return True, value
        self.error(path, f"Give a whole number or null, not {describe(value)}.", model_field)
        return False, None

    def _age(self, value: Any, key: str) -> None:
        ok, number = self._whole_number(value, key, key)
        if ok:
            self._store(key, number, key)

    def _date(self, value: Any, key: str) -> None:
        if value is None:
            self._store(key, None, key)
            return
        date = None
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            try:
                date = dt.date.fromisoformat(value.strip())
            except ValueError:
                date = None
        if date is None:
            shown = f'"{value}"' if isinstance(value, str) else describe(value)
            self.error(
                key,
                f"Give a real date as YYYY-MM-DD, for example 2025-09-01, or null, not {shown}.",
                key,
            )
            return
        self._store(key, date, key)

    # -- nested objects -------------------------------------------------------------

    def _object(self, value: Any, path: str, allowed: frozenset[str] | None) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, f"Give an object ({{...}}), not {describe(value)}.")
            return None
        prefix = f"{path}."

        def report(key: str, message: str) -> None:
            self.error(prefix + key, message)

        if allowed is not None:
            _check_keys(value, allowed, report)
        else:
            for key in getattr(value, "duplicate_keys", []):
                report(key, "Given more than once here; give it once.")
        return value

    def _senco(self, value: Any) -> None:
        senco = self._object(value, "senco", frozenset(SENCO_FIELDS))
        if senco is None:
            return
        for key, model_field in SENCO_FIELDS.items():
            if key in senco:
                self._text_field(senco[key], f"senco.{key}", model_field)

    def _terms(self, value: Any, path: str, vocabulary: Vocabulary) -> list | None:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(
                path, f"Give a list of {vocabulary.identifier}s in [...], not {describe(value)}."
            )
            return None
        terms: list = []
        ok = True
        for position, item in enumerate(value):
            where = f"{path}[{position}]"
            if not isinstance(item, str):
                self.error(where, f"Give each {vocabulary.identifier} as text in quotes.")
                ok = False
                continue
            term = vocabulary.find(item)
            if term is None:
                self.error(where, vocabulary.unknown_message(item))
                ok = False
            elif term not in terms:
                terms.append(term)
        return terms if ok else None

    def _provisions(self, value: Any) -> None:
        path = "specialist_provision"
        if value is None:
            value = []
        if not isinstance(value, list):
            self.error(path, f"Give a list of provisions in [...], not {describe(value)}.")
            return
        provisions: list[ProvisionData] = []
        for position, item in enumerate(value):
            provision = self._provision(item, f"{path}[{position}]")
            if provision is not None:
                provisions.append(provision)
        if len(provisions) == len(value):
            self.record.provisions = provisions

    def _provision(self, value: Any, path: str) -> ProvisionData | None:
        data = self._object(value, path, PROVISION_KEYS)
        if data is None:
            return None
        before = len(self.problems)
        kind = None
        if "kind" not in data:
            kinds = ", ".join(ProvisionKind.values)
            self.error(f"{path}.kind", f"Required: one of {kinds}.")
        else:
            kind = self._choice(data["kind"], f"{path}.kind", SpecialistProvision, "kind")
        needs = self._terms(data.get("needs", []), f"{path}.needs", self.lookups.needs)
        places = self._provision_number(data, "places", path)
        on_roll = self._provision_number(data, "on_roll", path)
        description = self._text(data.get("description", ""), f"{path}.description")
        if len(self.problems) > before or kind is None or needs is None or description is None:
            return None
        return ProvisionData(kind, tuple(needs), places, on_roll, description)

    def _provision_number(self, data: dict[str, Any], key: str, path: str) -> int | None:
        ok, number = self._whole_number(data.get(key), f"{path}.{key}", None)
        if ok:
            ok, number = self._clean(SpecialistProvision, key, number, f"{path}.{key}")
        return number if ok else None

    def _report(self, value: Any) -> None:
        report = self._object(value, "report", None)
        if report is None:
            return
        statutory = self.lookups.statutory_keys
        council = self.lookups.council_questions
        for key, answer in report.items():
            path = f"report.{key}"
            if key.startswith("_"):
                continue
            if key in statutory:
                text = self._text(answer, path, key)
                if text is not None:
                    self.record.values[key] = plain_text_to_rich_text(text)
            elif key == "senco_contact":
                self.error(
                    path,
                    'The SENCO\'s contact details go in the "senco" object '
                    '({"name": ..., "email": ..., "phone": ...}), not in "report".',
                )
            elif key in council:
                self.error(
                    path,
                    f'"{key}" is one of the council\'s own questions: put it under '
                    '"council_questions".',
                )
            else:
                suggestion = closest(key, statutory)
                hint = f' Did you mean "{suggestion}"?' if suggestion else ""
                self.error(
                    path,
                    f'"{key}" is not a report question.{hint} The report keys are listed in '
                    "docs/import-format.md.",
                )

    def _council_questions(self, value: Any) -> None:
        answers = self._object(value, "council_questions", None)
        if answers is None:
            return
        council = self.lookups.council_questions
        for key, answer in answers.items():
            path = f"council_questions.{key}"
            if key.startswith("_"):
                continue
            if key in council:
                text = self._text(answer, path)
                if text is not None:
                    self.record.council_answers[key] = (council[key], plain_text_to_rich_text(text))
            elif key in self.lookups.statutory_keys:
                self.error(path, f'"{key}" is a statutory question: put it under "report".')
            else:
                suggestion = closest(key, council)
                hint = f' Did you mean "{suggestion}"?' if suggestion else ""
                known = (
                    f"The council's questions are: {', '.join(sorted(council))}."
                    if council
                    else "The council has not added any questions of its own "
                    "(Snippets > Report questions in the admin)."
                )
                self.error(path, f'"{key}" is not one of the council\'s questions.{hint} {known}')
