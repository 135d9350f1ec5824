"""Turn a report document into the structured draft: items, SENCO, facets, leftovers.

``extract_file`` and ``extract_bytes`` are what the command line, the admin upload and
the evaluation script call. Reading the file is in ``readers``, removing a proforma's
council guidance in ``guidance``, placing passages in ``placement``, the SENCO in
``contacts`` and the vocabulary terms in ``facets``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schools.checklist import STATUTORY_KEYS

from .contacts import SencoContact, find_senco, names_senco
from .document import Document
from .facets import (
    HOME_ITEMS,
    PROVISION_STATEMENT,
    PlacedText,
    Vocabulary,
    find_services,
    find_terms,
    is_entry,
    load_vocabulary,
)
from .guidance import remove_guidance
from .lexicon import Lexicon
from .passages import Passage, build_passages
from .placement import Placer, question_texts
from .readers import read_bytes, read_path
from .similarity import LearnedVocabulary

# The passage that names the SENCO answers "senco_contact" unless it clearly says more.
_SENCO_PASSAGE_BOOST = 4.0
# How many entries back a broken list's lead-in is looked for.
_LIST_LOOKBACK = 40
# The item whose services the school points parents to ("please contact SENDIASS").
_PARENT_ITEM = "parent_support_services"


@dataclass
class ExtractionResult:
    """What a report document says, arranged by the statutory checklist."""

    items: dict[str, str]
    senco: SencoContact | None
    needs: list[str]
    accessibility: list[str]
    services: list[str]
    unplaced: list[str]
    passages: list[Passage] = field(default_factory=list, repr=False)
    file_type: str = ""

    def as_contract(self) -> dict[str, Any]:
        """The JSON object ``extract_report`` prints (see docs/extraction.md)."""
        return {
            "items": dict(self.items),
            "senco": self.senco.as_dict() if self.senco else None,
            "needs": list(self.needs),
            "accessibility": list(self.accessibility),
            "services": list(self.services),
            "unplaced": list(self.unplaced),
        }


def extract_file(
    path: str | Path,
    vocabulary: Vocabulary | None = None,
    learned: LearnedVocabulary | None = None,
    lexicon: Lexicon | None = None,
) -> ExtractionResult:
    """Read and extract a report from disk; raises ``UnreadableDocument`` for bad files."""
    return extract_document(read_path(path), vocabulary, learned=learned, lexicon=lexicon)


def extract_bytes(
    data: bytes,
    filename: str = "",
    vocabulary: Vocabulary | None = None,
    questions: list[tuple[str, str]] | None = None,
) -> ExtractionResult:
    """Read and extract a report from its bytes; raises ``UnreadableDocument`` for bad files.

    This parses the file in the calling process: for an uploaded file, use
    ``extraction.worker.extract_in_worker``, which bounds its time and memory.
    """
    return extract_document(read_bytes(data, filename), vocabulary, questions)


def council_questions() -> list[tuple[str, str]]:
    """The council's wording of each statutory question (none if the database is not set up)."""
    from django.db import DatabaseError

    from schools.models import ReportQuestion

    try:
        return [
            (key, f"{question} {heading} {guidance}")
            for key, question, heading, guidance in ReportQuestion.objects.statutory().values_list(
                "key", "question", "heading", "guidance"
            )
        ]
    except DatabaseError:
        return []


def extract_document(
    document: Document,
    vocabulary: Vocabulary | None = None,
    questions: list[tuple[str, str]] | None = None,
    learned: LearnedVocabulary | None = None,
    lexicon: Lexicon | None = None,
) -> ExtractionResult:
    """Place a read document's passages and find its SENCO and facets.

    ``vocabulary`` and ``questions`` default to the council's, read from the database;
    ``learned`` to the shipped learned vocabulary and ``lexicon`` to every pattern (the
    evaluation's cross-validation passes a vocabulary learned without the report it
    scores, and a lexicon without the phrases only that report uses).
    """
    if vocabulary is None:
        vocabulary = load_vocabulary()
    if questions is None:
        questions = council_questions()
    blocks = remove_guidance(document.blocks)
    senco = find_senco(blocks)
    placer = Placer(vocabulary, question_texts(questions), learned, lexicon)
    passages = build_passages(blocks, placer.names_item)
    boosts: dict[int, dict[str, float]] = {}
    if senco is not None and senco.block_index is not None:
        named = {senco.block_index, *senco.contact_blocks}
        for number, passage in enumerate(passages):
            if named & set(passage.block_ids) or names_senco(passage.text, senco):
                boosts[number] = {"senco_contact": _SENCO_PASSAGE_BOOST}
    placer.place(passages, boosts)

    items: dict[str, str] = {}
    for key in STATUTORY_KEYS:
        if any(key in passage.keys for passage in passages):
            items[key] = _join(passages, key)
    placed = [
        PlacedText(
            passage.text,
            tuple(passage.keys),
            _context(passages, passage),
            _introduction(passages, number),
        )
        for number, passage in enumerate(passages)
        if not (passage.contents or passage.glossary)
    ]
    return ExtractionResult(
        items=items,
        senco=senco,
        needs=find_terms(
            placed,
            vocabulary.needs,
            HOME_ITEMS["needs"],
            masks=[*vocabulary.services, *vocabulary.accessibility],
            statement=PROVISION_STATEMENT,
        ),
        accessibility=find_terms(
            placed, vocabulary.accessibility, HOME_ITEMS["accessibility"], home_only=True
        ),
        services=find_services(
            placed,
            vocabulary.services,
            HOME_ITEMS["services"],
            frozenset(term.identifier for term in placer.service_items.get(_PARENT_ITEM, [])),
        ),
        unplaced=[passage.text for passage in passages if passage.key is None],
        passages=passages,
        file_type=document.file_type,
    )


def _context(passages: list[Passage], passage: Passage) -> str:
    """The headings above a passage and the sentence introducing its list."""
    lead_in = passages[passage.lead_in].text if passage.lead_in is not None else ""
    return "\n".join([lead_in, *passage.headings])


def _introduction(passages: list[Passage], number: int) -> str:
    """The sentence introducing the list that passage ``number`` is an entry of.

    A PDF's wrapped entry can break a list in two; the entries after the break still
    belong to the sentence before the first, so this looks back over the entries of the
    same section to the sentence ending in ":" that opens them.
    """
    passage = passages[number]
    if passage.lead_in is not None:
        return passages[passage.lead_in].text
    for earlier in reversed(passages[max(0, number - _LIST_LOOKBACK) : number]):
        if earlier.segment != passage.segment:
            break
        if earlier.lead_in is not None:
            return passages[earlier.lead_in].text
        if earlier.text.rstrip().endswith(":"):
            return earlier.text
        if not is_entry(earlier.text):
            break
    return ""


def _join(passages: list[Passage], key: str) -> str:
    """The passages placed under ``key``: list items line by line, paragraphs apart."""
    parts: list[str] = []
    previous: Passage | None = None
    for passage in passages:
        if key not in passage.keys:
            continue
        same_list = (
            previous is not None
            and passage.list_id is not None
            and previous.list_id == passage.list_id
        )
        parts.append(("\n" if same_list else "\n\n") + passage.text if parts else passage.text)
        previous = passage
    return "".join(parts)
