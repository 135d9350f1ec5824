"""Parents' words: turning what someone types into the ideas the directory searches for.

"autism", "autistic", "ASC" and "Asperger's" all mean the need with census code ASD;
"wheelchair" means step-free access; "autisim" is probably "autism". Every backend
receives the same ``Interpretation``, so they all understand the same words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from schools.ehc_plans import EHC_PLAN_PHRASES, EHC_PLAN_SEARCHES
from schools.stopwords import STOP_WORDS

from .vocabulary import Term, Vocabulary
from .words import phrase_key, tokens, word_key

MAX_QUERY_LENGTH = 200
MAX_CONCEPTS = 8


@dataclass(frozen=True)
class Concept:
    """One idea in a search: some filter options and/or words to find in the text.

    A school matches a concept when it is tagged with any of ``terms`` or its text
    contains any of ``phrases``. A search matches schools that match every concept.
    """

    text: str
    terms: tuple[tuple[str, str], ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    corrected_from: str = ""

    def fulltext_phrases(self) -> list[str]:
        """``phrases`` as plain strings for a full-text engine, apostrophes both ways.

        Full-text tokenisers split "asperger's" into "asperger" and "s"; people also
        type "aspergers". Both forms are given.
        """
        out: dict[str, None] = {}
        for phrase in self.phrases:
            out[" ".join(token.replace("'", " ") for token in phrase)] = None
            out[" ".join(word_key(token) for token in phrase)] = None
        return list(out)


@dataclass(frozen=True)
class Interpretation:
    """What the directory made of a search."""

    typed: str
    concepts: tuple[Concept, ...] = ()

    @property
    def corrections(self) -> list[Concept]:
        return [concept for concept in self.concepts if concept.corrected_from]

    @property
    def suggestion(self) -> str:
        """The search with misspellings corrected, for a "Did you mean" link."""
        if not self.corrections:
            return ""
        replacements = {
            word_key(c.corrected_from): c.text for c in self.corrections if c.corrected_from
        }
        return " ".join(replacements.get(word_key(token), token) for token in tokens(self.typed))

    @property
    def terms(self) -> list[tuple[str, str]]:
        """Every filter option the search words were taken to mean."""
        return [term for concept in self.concepts for term in concept.terms]


def clean_query(value: str) -> str:
    """The search text with control characters removed, at most ``MAX_QUERY_LENGTH`` long."""
    value = "".join(char if unicodedata.category(char)[0] != "C" else " " for char in value[:1000])
    return " ".join(value.split())[:MAX_QUERY_LENGTH]


def interpret(typed: str, vocabulary: Vocabulary) -> Interpretation:
    """Split ``typed`` into concepts: vocabulary phrases (longest first), corrected
    misspellings of vocabulary words, and other words to find in schools' text."""
    words = tokens(typed)
    keys = [word_key(word) for word in words]
    index = vocabulary.phrase_index
    concepts: dict[tuple, Concept] = {}
    position = 0
    while position < len(words) and len(concepts) < MAX_CONCEPTS:
        size = _ehc_plan_at(keys, position)
        if size:
            _add(concepts, _ehc_plan_concept(words[position : position + size]))
            position += size
            continue
        longest = min(vocabulary.longest_phrase, len(words) - position)
        for size in range(longest, 0, -1):
            terms = index.get(tuple(keys[position : position + size]))
            if terms:
                typed_words = " ".join(words[position : position + size])
                _add(concepts, _term_concept(typed_words, terms))
                position += size
                break
        else:
            word, key = words[position], keys[position]
            position += 1
            # Only dropped here, outside a longer phrase the vocabulary knows ("hard of hearing").
            if key in STOP_WORDS:
                continue
            correction = vocabulary.closest_word(key)
            if correction:
                concept = _term_concept(correction, index[(correction,)])
                concept = Concept(
                    text=correction,
                    terms=concept.terms,
                    # Keep the word as typed too: it may be a real word in someone's text.
                    phrases=(*concept.phrases, (word,)),
                    corrected_from=word,
                )
                _add(concepts, concept)
            else:
                _add(concepts, Concept(text=word, phrases=((word,),)))
    return Interpretation(typed=typed, concepts=tuple(concepts.values()))


def _term_concept(typed_words: str, terms: tuple[Term, ...]) -> Concept:
    phrases: dict[tuple[str, ...], None] = {}
    for term in terms:
        phrases.update(dict.fromkeys(term.text_phrases))
    return Concept(
        text=typed_words,
        terms=tuple((term.facet, term.value) for term in terms),
        phrases=tuple(phrases),
    )


# An EHC plan, however it is written ("EHCP", "education, health and care plan"): the
# phrases to look for, and what a parent may type for one (as comparison keys), longest
# first so that "EHC plan" is read as one idea, not "EHC" and "plan".
_EHC_PLAN_PHRASES = tuple(tuple(tokens(phrase)) for phrase in EHC_PLAN_PHRASES)
_EHC_PLAN_TYPED = sorted(
    {phrase_key(tokens(phrase)) for phrase in (*EHC_PLAN_PHRASES, *EHC_PLAN_SEARCHES)},
    key=lambda phrase: (-len(phrase), phrase),
)


def _ehc_plan_at(keys: list[str], position: int) -> int:
    """How many words from ``position`` name an EHC plan (0: none)."""
    for phrase in _EHC_PLAN_TYPED:
        if tuple(keys[position : position + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _ehc_plan_concept(typed: list[str]) -> Concept:
    # What was typed is looked for too ("EHC" also finds "EHC needs assessment").
    phrases = dict.fromkeys((*_EHC_PLAN_PHRASES, tuple(typed)))
    return Concept(text=" ".join(typed), phrases=tuple(phrases))


def _add(concepts: dict[tuple, Concept], concept: Concept) -> None:
    # "autism ASD" is one idea, not two.
    key = concept.terms or concept.phrases
    concepts.setdefault(key, concept)
