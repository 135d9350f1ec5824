"""Find the types of need, accessibility features and services a report mentions.

The terms and their synonyms are read from the council's vocabularies in the database
(``NeedArea``, ``AccessibilityFeature``, ``OutreachService``), so words a council adds
in the admin are found too. Matching is by whole words, tolerant of plurals and of
"therapy"/"therapist"-style endings; capitalised abbreviations (ASC, SALT, CAMHS) must
match in capitals.
"""

# ruff: noqa: RUF001 -- typographic apostrophes are what documents contain

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z0-9]+")
_SUFFIXES = ("ists", "ist", "ians", "ian", "ies", "ing", "y", "s")
# Single words that name a term only in the right place: "vision" is also a school's
# vision statement, "communication" also talking to parents, "lift" also a verb. They
# count only in a passage placed under the term's own report item.
AMBIGUOUS_WORDS = frozenset(
    [
        "other",
        "vision",
        "communication",
        "language",
        "speech",
        "emotional",
        "behaviour",
        "attendance",
        "outreach",
        "psychology",
        "lift",
        "lifts",
        "mobility",
        "counselling",
        "wellbeing",
        "slt",
        "access",
        # Parents' search words (issue 14): "sensory" also the broad area of need,
        # "EHCP" in every report, not only where it points parents to SENDIASS.
        "sensory",
        "ehcp",
        # Parents' search words for hearing and vision impairment: also "a hearing test",
        # "in sight".
        "hearing",
        "sight",
    ]
)
# The report items where an ambiguous word is taken to name a term of each vocabulary.
HOME_ITEMS = {
    "needs": frozenset({"kinds_of_need"}),
    "accessibility": frozenset({"accessibility", "equipment_facilities"}),
    "services": frozenset(
        {"other_bodies", "parent_support_services", "looked_after_children", "emotional_social"}
    ),
}


def stem(word: str) -> str:
    """A crude stem so "therapist"/"therapy" and "toilets"/"toilet" compare equal."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _is_abbreviation(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


@dataclass(frozen=True)
class Phrase:
    """One way of naming a term, as a sequence of word stems."""

    words: tuple[str, ...]
    case_sensitive: tuple[bool, ...]
    ambiguous: bool

    @classmethod
    def parse(cls, text: str) -> Phrase | None:
        raw = _WORD.findall(text.replace("'s", "").replace("’s", ""))
        if not raw:
            return None
        words = tuple(word if _is_abbreviation(word) else stem(word) for word in raw)
        sensitive = tuple(_is_abbreviation(word) for word in raw)
        ambiguous = len(raw) == 1 and raw[0].lower() in AMBIGUOUS_WORDS
        return cls(words, sensitive, ambiguous)


@dataclass(frozen=True)
class Term:
    """A vocabulary term: its identifier (census code or slug) and the phrases naming it."""

    identifier: str
    phrases: tuple[Phrase, ...]


@dataclass
class Vocabulary:
    """The three vocabularies a report's facets are ticked from."""

    needs: list[Term] = field(default_factory=list)
    accessibility: list[Term] = field(default_factory=list)
    services: list[Term] = field(default_factory=list)


def _phrases(label: str, synonyms: Iterable[str]) -> tuple[Phrase, ...]:
    names = [label, *synonyms]
    # "Child and adolescent mental health services (CAMHS)": the part in brackets is a
    # name of its own, and so is the label without it.
    for part in re.findall(r"\(([^)]*)\)", label):
        names.append(part)
    names.append(re.sub(r"\([^)]*\)", "", label))
    parsed = {Phrase.parse(name) for name in names if name.strip()}
    parsed.discard(None)
    # "Other" as a type of need would match any sentence: it is ticked by hand.
    return tuple(phrase for phrase in parsed if phrase and phrase.words != ("other",))


def term_from_row(identifier: str, label: str, synonyms: Iterable[str]) -> Term:
    """A term from a vocabulary row's label and synonyms."""
    return Term(identifier, _phrases(label, synonyms))


def seed_vocabulary() -> Vocabulary:
    """The vocabularies as first seeded (``schools.vocabulary_seed``), without a database."""
    from schools import vocabulary_seed as seed

    def split(synonyms: str) -> list[str]:
        return [word.strip() for word in synonyms.split(",") if word.strip()]

    return Vocabulary(
        needs=[term_from_row(code, label, split(syn)) for code, _, label, syn in seed.NEED_AREAS],
        accessibility=[
            term_from_row(slug, label, split(syn))
            for slug, label, syn in seed.ACCESSIBILITY_FEATURES
        ],
        services=[
            term_from_row(slug, label, split(syn)) for slug, label, syn in seed.OUTREACH_SERVICES
        ],
    )


def load_vocabulary() -> Vocabulary:
    """The council's current vocabularies, read from the database.

    A database without the tables yet (``extract_report`` run before ``migrate``) falls
    back to the seed vocabularies, so the command still answers.
    """
    from django.db import DatabaseError

    try:
        return _database_vocabulary()
    except DatabaseError:
        return seed_vocabulary()


def _database_vocabulary() -> Vocabulary:
    from schools.models import AccessibilityFeature, NeedArea, OutreachService

    return Vocabulary(
        needs=[term_from_row(n.code, n.label, n.synonym_list) for n in NeedArea.objects.all()],
        accessibility=[
            term_from_row(f.slug, f.label, f.synonym_list)
            for f in AccessibilityFeature.objects.all()
        ],
        services=[
            term_from_row(s.slug, s.label, s.synonym_list) for s in OutreachService.objects.all()
        ],
    )


class _Text:
    """A passage's words, stemmed and indexed once for all the phrases tried against it."""

    def __init__(self, text: str) -> None:
        raw = _WORD.findall(text.replace("'s", "").replace("’s", ""))
        self.raw = raw
        self.stems = [stem(word) for word in raw]
        self._starts: dict[tuple[str, bool], list[int]] = {}
        for position, (word, word_stem) in enumerate(zip(raw, self.stems, strict=True)):
            self._starts.setdefault((word_stem, False), []).append(position)
            self._starts.setdefault((word, True), []).append(position)

    def spans(self, phrase: Phrase) -> list[range]:
        """Where ``phrase`` occurs, as ranges of word positions."""
        size = len(phrase.words)
        pairs = tuple(zip(phrase.words, phrase.case_sensitive, strict=True))
        found = []
        for start in self._starts.get(pairs[0], ()):
            if start + size > len(self.raw):
                continue
            if all(
                (self.raw[start + i] == word) if sensitive else (self.stems[start + i] == word)
                for i, (word, sensitive) in enumerate(pairs[1:], start=1)
            ):
                found.append(range(start, start + size))
        return found

    def contains(self, phrase: Phrase) -> bool:
        return bool(self.spans(phrase))


@dataclass(frozen=True)
class PlacedText:
    """A passage as the facet rules see it: its text, the items it was placed under and
    the words around it (its headings and the sentence that introduces its list)."""

    text: str
    keys: tuple[str, ...] = ()
    context: str = ""
    # The sentence that introduces the list the passage is an entry of, even when the
    # document's layout broke the list in two (a wrapped entry in a PDF).
    introduced_by: str = ""


# A clear statement that the school provides for, or has pupils with, a need: "We
# provide support for the following SEND:", "Many of our pupils are autistic",
# "educating pupils with severe learning difficulties".
PROVISION_STATEMENT = re.compile(
    r"\b(?:we|our (?:school|academy|setting)|the (?:school|academy|setting)|this school|"
    r"[A-Z][\w’']+ (?:School|Academy))\b[^.:]{0,40}?\b(?:provides?|provided|cater(?:s|ing)?"
    r"|supports?|welcomes?|specialis\w*|educat\w*|commissioned|offers?|make provision|"
    r"makes provision|(?:has|have) (?:experience|expertise)|currently (?:has|have))\b"
    r"|\bprovid\w* (?:support )?for (?:pupils|children|students|learners|young people)\b"
    r"|\b(?:children|pupils|students|learners)(?: at [A-Z][\w’']+)? (?:have|has)\b"
    r"|\bmany of our (?:children|pupils|students|learners)\b"
    r"|\b(?:resourced|specialist|enhanced) (?:provision|base|unit|places?) for\b"
    r"|\b(?:base|unit|class|classes|provision|places) for (?:children|pupils|students)\b"
    r"|\bwe (?:currently )?have (?:a |an )?(?:\w+ )?(?:pupils|children|students|base|unit)\b"
    r"|\bprimarily supports\b|\bprovided for in (?:the )?(?:school|academy)\b",
    re.IGNORECASE,
)
# Words that make a passage about needs in general: the law's definitions, the Code of
# Practice's four broad areas, an example of what a need may be.
GENERAL_STATEMENT = re.compile(
    r"\bha(?:s|ve) (?:sen[d]?|special educational needs) if\b|\bdefinition\b|\bdefined\b"
    r"|\bequality act\b|\bbroad areas\b|\bcategori[sz]ed\b|\bcode of practice\b",
    re.IGNORECASE,
)


# A clear statement that the school works with, refers to, uses or has a service, in the
# sentence naming it: "We work closely with the educational psychologist", "the SENCo
# liaises with", "we can refer to CAMHS", "pupils are seen by", "the team visits the
# school".
# (The school's own service, "our school nurse", is ``_OWN_SERVICE`` before its name.)
SERVICE_STATEMENT = re.compile(
    r"\b(?:we|us|our|the (?:school|academy|setting|sen[d]?co)|this school|school staff|"
    r"staff|teachers?|sen[d]?cos?|[A-Z][\w’']+ (?:School|Academy))\b[^.;:]{0,60}?\b(?:"
    r"work(?:s|ed|ing)? (?:closely |together |in partnership )?(?:with|alongside)|"
    r"liais\w*|refer(?:s|red|ring|rals?)?|commission\w*|buys? in|bought in|purchas\w*|"
    r"employ\w*|access(?:es|ed|ing)?|uses?|used|call(?:s|ed)? (?:up)?on|draws? on|"
    r"seeks? (?:advice|support|help)|receiv\w*|involv\w*|consult\w*|request\w*|"
    r"invit\w*|(?:has|have|had) (?:established|links?|access|regular|close|good|"
    r"excellent|strong)|benefit\w* from|(?:is|are) supported by|gets? (?:support|advice)|"
    r"link(?:ed|s)? with|(?:has|have) (?:a|an|our own|its own) )"
    r"|\b(?:pupils|children|students|learners|they)\b[^.;:]{0,40}?\b(?:receiv\w*|"
    r"access(?:es|ed)?|(?:are|is|were|was) (?:seen|supported|assessed) by|get (?:support|"
    r"help|advice))\b"
    r"|\b(?:visits?|comes? (?:in)?to|works? (?:in|at)|(?:is|are) based (?:in|at)) "
    r"(?:the |our )?(?:school|academy|setting)\b"
    r"|\bthe following (?:agencies|services|professionals|specialists|external|outside)\b",
    re.IGNORECASE,
)
# The school pointing parents to a service for advice ("please contact SENDIASS"): a
# statement for a service whose item is the support for parents, not for any other.
CONTACT_STATEMENT = re.compile(
    r"\b(?:contact|speak to|talk to|get in touch with|call|ring|visit|approach|ask)\b",
    re.IGNORECASE,
)
# Someone else's offer or duty, not the school's: the council's Local Offer describing
# local services, what the law says schools should do.
NOT_THE_SCHOOLS = re.compile(
    r"\b(?:the )?(?:local authority|council|local offer|la)\b[^.;:]{0,40}\b(?:offers?|"
    r"provides?|describes?|lists?|includes?|sets out|has|funds?)\b"
    r"|\bschools (?:should|must|are expected|are required|will)\b",
    re.IGNORECASE,
)
# Service names that name a group of children, not the service: "looked after children"
# is who the virtual school helps; a designated teacher for them is not the service.
_GROUP_WORDS = frozenset({"child", "children", "pupil", "pupils", "student", "students"})
_OWN_SERVICE = frozenset(
    {"our", "link", "named", "attached", "allocated", "visiting", "own", "dedicated"}
)
# Where a passage breaks into the sentences (and clauses after ";") that each must state
# the service for itself.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")
# A list entry this short with no sentence of its own takes its statement from its lead-in.
_ENTRY_WORDS = 25


def find_services(
    passages: Iterable[PlacedText],
    terms: list[Term],
    home_items: frozenset[str],
    parent_services: frozenset[str] = frozenset(),
) -> list[str]:
    """Identifiers of the services a report clearly says the school uses, in vocabulary order.

    A service counts only in a sentence that says the school works with, refers to,
    uses or has it (``SERVICE_STATEMENT``), or, for a short list entry, when the
    sentence introducing the list says so ("We work with the following services:").
    Being placed under a service item is not enough: a passage placed there wrongly, a
    list of local services a parent may contact, an admission criterion or the council's
    Local Offer states nothing about the school. "Please contact SENDIASS" counts for a
    service whose item is the support for parents (``parent_services``). A service name
    that names a group of children ("looked after children") is not the service. Only
    passages placed under some item count; an ambiguous single word ("outreach") only
    under one of ``home_items``.
    """
    named = [Term(term.identifier, _service_phrases(term)) for term in terms]
    pieces: list[PlacedText] = []
    for passage in passages:
        if not passage.keys:
            continue
        sentences = [part for part in _SENTENCE_BREAK.split(passage.text) if part.strip()]
        for sentence in sentences:
            if _states_service(sentence, passage, named, parent_services):
                pieces.append(PlacedText(sentence, passage.keys))
    return find_terms(pieces, named, home_items)


def _service_phrases(term: Term) -> tuple[Phrase, ...]:
    return tuple(
        phrase
        for phrase in term.phrases
        if not _GROUP_WORDS.intersection(word.lower() for word in phrase.words)
    )


def _states_service(
    sentence: str, passage: PlacedText, terms: list[Term], parent_services: frozenset[str]
) -> bool:
    if NOT_THE_SCHOOLS.search(sentence):
        return False
    if SERVICE_STATEMENT.search(sentence):
        return True
    text = _Text(sentence)
    spans = [
        (term.identifier, span)
        for term in terms
        for phrase in term.phrases
        for span in text.spans(phrase)
    ]
    if any(span.start and text.raw[span.start - 1].lower() in _OWN_SERVICE for _, span in spans):
        return True
    if CONTACT_STATEMENT.search(sentence) and any(
        identifier in parent_services for identifier, _ in spans
    ):
        return True
    # A bare list entry ("• Educational psychologist") under a lead-in that says so.
    lead_in = passage.introduced_by
    return (
        is_entry(sentence)
        and bool(SERVICE_STATEMENT.search(lead_in))
        and not NOT_THE_SCHOOLS.search(lead_in)
    )


def is_entry(text: str) -> bool:
    """A list entry rather than a sentence: short, with no full stop inside it."""
    return len(_WORD.findall(text)) <= _ENTRY_WORDS and ". " not in text.strip()


def find_terms(
    passages: Iterable[PlacedText],
    terms: list[Term],
    home_items: frozenset[str],
    *,
    masks: Iterable[Term] = (),
    statement: re.Pattern[str] | None = None,
    home_only: bool = False,
) -> list[str]:
    """Identifiers of the terms named in placed ``passages``, in vocabulary order.

    Only passages placed under some item count: a passage that answers nothing (an
    introduction, a list of contents) states nothing about the school. An ambiguous
    single word counts only in a passage placed under one of ``home_items``. Words inside
    a longer name from ``masks`` do not count ("autism" in "autism outreach" names the
    service, not the need), nor words inside a longer phrase of another term ("learning
    difficulties" in "severe learning difficulties"). With ``statement``, a passage
    counts only when it, or its context for a passage under ``home_items``, says so
    clearly (and is not about needs in general). With ``home_only``, only passages
    placed under ``home_items`` count: a service named in the Local Offer's description
    or an admission criterion is not one the school says it works with.
    """
    found: set[str] = set()
    for passage in passages:
        if not passage.keys or not _states(passage, home_items, statement):
            continue
        if home_only and not home_items.intersection(passage.keys):
            continue
        text = _Text(passage.text)
        taken: set[int] = set()
        for mask in masks:
            for phrase in mask.phrases:
                if len(phrase.words) > 1:
                    for span in text.spans(phrase):
                        taken.update(span)
        matches = []
        for term in terms:
            for phrase in term.phrases:
                if phrase.ambiguous and not home_items.intersection(passage.keys):
                    continue
                matches.extend((len(span), term.identifier, span) for span in text.spans(phrase))
        # Longest phrases first: each word names one term only.
        for _size, identifier, span in sorted(matches, key=lambda match: -match[0]):
            if taken.isdisjoint(span):
                taken.update(span)
                found.add(identifier)
    return [term.identifier for term in terms if term.identifier in found]


def _states(
    passage: PlacedText, home_items: frozenset[str], statement: re.Pattern[str] | None
) -> bool:
    if statement is None:
        return True
    if GENERAL_STATEMENT.search(passage.text):
        return False
    if statement.search(passage.text):
        return True
    return bool(home_items.intersection(passage.keys)) and bool(
        statement.search(passage.context) and not GENERAL_STATEMENT.search(passage.context)
    )
