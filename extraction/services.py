"""Import a school's report document into a new draft of its page.

Shared by the admin's "Import from document" page and ``manage.py import_report``.
The rules: nothing is published; extracted text goes only into items the draft leaves
empty; the SENCO's details only into empty fields; facets are only ever added; and a
new revision is saved only when the document filled something (otherwise nothing is
saved, and the summary says so). The summary lists what the document filled, what it
could not place, and which statutory items the page still lacks after the import.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction

from moderation.services import check_can_write
from schools.checklist import ITEMS_BY_KEY, STATUTORY_ITEMS, TEXT_ITEM_KEYS
from schools.compliance import is_blank
from schools.models import AccessibilityFeature, NeedArea, OutreachService, SchoolPage
from schools.models.pages import PHONE_VALIDATOR
from schools.selectors import missing_headings

from .extractor import ExtractionResult
from .readers import UnreadableDocument, max_file_size, size_message
from .worker import extract_in_worker


@dataclass(frozen=True)
class ItemOutcome:
    """What happened to one statutory item."""

    key: str
    heading: str
    # "filled": the draft was empty and now has the document's text;
    # "kept": the school had an answer, which was kept (the document's text is shown);
    # "not_in_document": the document says nothing we could place under it.
    status: str
    extracted: str = ""
    existing: str = ""


@dataclass
class ImportSummary:
    """The outcome of one import, for the summary page and the command's output."""

    page_title: str
    revision_id: int | None
    file_type: str
    outcomes: list[ItemOutcome]
    senco_filled: dict[str, str] = field(default_factory=dict)
    senco_kept: dict[str, tuple[str, str]] = field(default_factory=dict)
    facets_added: dict[str, list[str]] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    # Headings of the statutory items the page does not answer after the import.
    still_missing: list[str] = field(default_factory=list)

    @property
    def saved(self) -> bool:
        """Whether a draft was saved (only when the document filled something)."""
        return self.revision_id is not None

    @property
    def ticked(self) -> dict[str, list[str]]:
        """The facets the import ticked, by vocabulary, leaving out the empty ones."""
        return {facet: labels for facet, labels in self.facets_added.items() if labels}

    def _with(self, status: str) -> list[ItemOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def filled(self) -> list[ItemOutcome]:
        return self._with("filled")

    @property
    def kept(self) -> list[ItemOutcome]:
        return self._with("kept")

    @property
    def not_in_document(self) -> list[ItemOutcome]:
        return self._with("not_in_document")

    @property
    def headline(self) -> str:
        still = len(self.still_missing)
        missing = (
            "every statutory item is answered"
            if not still
            else f"{still} statutory item{'' if still == 1 else 's'} still missing on the page"
        )
        if not self.saved:
            return (
                f"Nothing was imported into {self.page_title!r}: the document did not fill any "
                f"empty answer, SENCO detail or tick box, so no draft was saved ({missing})."
            )
        filled = len(self.filled)
        return (
            f"Saved a draft of {self.page_title!r} (not published): {filled} "
            f"item{'' if filled == 1 else 's'} filled from the document; {missing}."
        )

    def lines(self) -> list[str]:
        """A plain-text account of the import, one line each."""
        lines = [f"Filled: {o.heading} ({o.key})" for o in self.filled]
        lines += [f"SENCO {name}: {value}" for name, value in self.senco_filled.items()]
        lines += [f"Ticked {facet}: {', '.join(labels)}" for facet, labels in self.ticked.items()]
        if self.unplaced:
            lines.append(f"{len(self.unplaced)} passages fit no statutory item (not imported).")
        lines += [f"Still missing on the page: {heading}" for heading in self.still_missing]
        return lines


def plain_to_rich_text(text: str) -> str:
    """Extracted plain text as rich text: paragraphs, and bullet lines as a list."""
    parts: list[str] = []
    for chunk in text.split("\n\n"):
        items: list[str] = []
        for line in chunk.split("\n"):
            line = line.strip()
            if not line:
                continue
            if line.startswith("• "):
                items.append(f"<li>{html.escape(line[2:].strip())}</li>")
                continue
            if items:
                parts.append(f"<ul>{''.join(items)}</ul>")
                items = []
            parts.append(f"<p>{html.escape(line)}</p>")
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)


def read_upload(uploaded_file: IO[bytes]) -> bytes:
    """The upload's bytes, refusing a file over the size cap before reading it all."""
    size = getattr(uploaded_file, "size", None)
    limit = max_file_size()
    if size is not None and size > limit:
        raise UnreadableDocument(size_message(size))
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise UnreadableDocument(size_message(len(data)))
    return data


def import_document_into_draft(
    page: SchoolPage, uploaded_file: IO[bytes], user: Any, *, filename: str | None = None
) -> ImportSummary:
    """Save a new draft of ``page`` with what the document says; publish nothing.

    Raises ``UnreadableDocument`` (nothing saved) for a file that cannot be read,
    ``PermissionDenied`` when ``user`` may not edit the page, and ``ModerationError``
    when the page may not be changed now: locked, or its review under way
    (``moderation.services.check_can_write``; ``user`` ``None`` is a server command).
    """
    if user is not None and not page.permissions_for_user(user).can_edit():
        raise PermissionDenied("You do not have permission to edit this school's page.")
    name = filename if filename is not None else getattr(uploaded_file, "name", "") or ""
    result = extract_in_worker(read_upload(uploaded_file), name)
    with transaction.atomic():
        # Holding the page's row, so a review cannot start between this check and the save.
        page = SchoolPage.objects.select_for_update().get(pk=page.pk)
        check_can_write(page, user)
        draft = page.get_latest_revision_as_object()
        outcomes = _fill_items(draft, result)
        senco_filled, senco_kept = _fill_senco(draft, result)
        facets_added = _add_facets(draft, result)
        outcomes.insert(
            [item.key for item in STATUTORY_ITEMS].index("senco_contact"),
            ItemOutcome(
                "senco_contact",
                ITEMS_BY_KEY["senco_contact"].heading,
                _senco_status(result, senco_filled),
                extracted=result.items.get("senco_contact", ""),
            ),
        )
        filled_anything = (
            any(outcome.status == "filled" for outcome in outcomes)
            or bool(senco_filled)
            or any(facets_added.values())
        )
        # An import that fills nothing saves nothing: no empty revision in the history.
        revision = draft.save_revision(user=user, log_action=True) if filled_anything else None
    return ImportSummary(
        page_title=draft.title,
        revision_id=revision.pk if revision else None,
        file_type=result.file_type,
        outcomes=outcomes,
        senco_filled=senco_filled,
        senco_kept=senco_kept,
        facets_added=facets_added,
        unplaced=result.unplaced,
        still_missing=missing_headings(draft),
    )


def _fill_items(draft: SchoolPage, result: ExtractionResult) -> list[ItemOutcome]:
    outcomes = []
    for key in TEXT_ITEM_KEYS:
        heading = ITEMS_BY_KEY[key].heading
        extracted = result.items.get(key, "")
        existing = getattr(draft, key) or ""
        if not extracted:
            outcomes.append(ItemOutcome(key, heading, "not_in_document", existing=existing))
        elif is_blank(existing):
            setattr(draft, key, plain_to_rich_text(extracted))
            outcomes.append(ItemOutcome(key, heading, "filled", extracted=extracted))
        else:
            outcomes.append(ItemOutcome(key, heading, "kept", extracted, existing))
    return outcomes


def _valid(value: str, field_name: str) -> bool:
    validators = {"senco_email": validate_email, "senco_phone": PHONE_VALIDATOR}
    max_length = SchoolPage._meta.get_field(field_name).max_length or 0
    if not value or len(value) > max_length:
        return False
    try:
        validators.get(field_name, lambda value: None)(value)
    except ValidationError:
        return False
    return True


def _fill_senco(
    draft: SchoolPage, result: ExtractionResult
) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    filled: dict[str, str] = {}
    kept: dict[str, tuple[str, str]] = {}
    if result.senco is None:
        return filled, kept
    found = {
        "senco_name": result.senco.name,
        "senco_email": result.senco.email,
        "senco_phone": result.senco.phone,
    }
    for field_name, value in found.items():
        if not _valid(value, field_name):
            continue
        existing = getattr(draft, field_name)
        if is_blank(existing):
            setattr(draft, field_name, value)
            filled[field_name.removeprefix("senco_")] = value
        elif existing.strip() != value:
            kept[field_name.removeprefix("senco_")] = (existing, value)
    return filled, kept


def _senco_status(result: ExtractionResult, filled: dict[str, str]) -> str:
    if filled:
        return "filled"
    if result.senco is not None and result.senco.name:
        return "kept"
    return "not_in_document"


def _add_facets(draft: SchoolPage, result: ExtractionResult) -> dict[str, list[str]]:
    added: dict[str, list[str]] = {}
    sources = [
        ("types of need", draft.needs, NeedArea.objects.filter(code__in=result.needs)),
        (
            "accessibility features",
            draft.accessibility_features,
            AccessibilityFeature.objects.filter(slug__in=result.accessibility),
        ),
        (
            "services",
            draft.outreach_services,
            OutreachService.objects.filter(slug__in=result.services),
        ),
    ]
    for label, relation, found in sources:
        current = {term.pk for term in relation.all()}
        new = [term for term in found if term.pk not in current]
        if new:
            # modelcluster keeps this in memory; it is saved with the revision only.
            relation.add(*new)
        added[label] = [term.label for term in new]
    return added
