"""The council's vocabularies and report questions, loaded once per import."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from ...checklist import TEXT_ITEM_KEYS
from ...models import AccessibilityFeature, NeedArea, OutreachService, ReportQuestion
from ...models.vocabularies import VocabularyTerm

Term = TypeVar("Term", bound=VocabularyTerm)


@dataclass(frozen=True)
class Vocabulary(Generic[Term]):
    """Terms of one vocabulary by identifier (census code or slug), matched case-insensitively."""

    noun: str
    identifier: str
    snippet_menu: str
    terms: dict[str, Term]
    ids: tuple[str, ...]

    @classmethod
    def build(
        cls,
        noun: str,
        identifier: str,
        snippet_menu: str,
        terms: Iterable[Term],
        key: Callable[[Term], str],
    ) -> Vocabulary[Term]:
        listed = list(terms)
        return cls(
            noun=noun,
            identifier=identifier,
            snippet_menu=snippet_menu,
            terms={key(term).casefold(): term for term in listed},
            ids=tuple(key(term) for term in listed),
        )

    def find(self, value: str) -> Term | None:
        """The term with this code or slug, ignoring capitals and surrounding spaces."""
        return self.terms.get(value.strip().casefold())

    def unknown_message(self, value: str) -> str:
        """Why ``value`` was not found, suggesting the term a parent's word belongs to."""
        message = f'"{value}" is not a {self.identifier} in the council\'s {self.noun} list.'
        suggestion = self._suggest(value)
        if suggestion:
            message += f' Did you mean "{suggestion}"?'
        if len(self.ids) <= 15:
            message += f" Known {self.identifier}s: {', '.join(self.ids)}."
        else:
            message += f" See Snippets > {self.snippet_menu} in the admin."
        return message

    def _suggest(self, value: str) -> str | None:
        wanted = value.strip().casefold()
        for term_id in self.ids:
            term = self.terms[term_id.casefold()]
            if wanted in (word.casefold() for word in [term.label, *term.synonym_list]):
                return term_id
        return closest(value.strip(), self.ids)


@dataclass(frozen=True)
class Lookups:
    """Everything an import checks names against: three vocabularies and the questions."""

    needs: Vocabulary[NeedArea]
    accessibility: Vocabulary[AccessibilityFeature]
    outreach: Vocabulary[OutreachService]
    statutory_keys: frozenset[str]
    council_questions: dict[str, ReportQuestion]

    @classmethod
    def load(cls) -> Lookups:
        """Read the vocabularies and questions (four queries, whatever the file's size)."""
        questions = list(ReportQuestion.objects.all())
        return cls(
            needs=Vocabulary.build(
                "types of need", "code", "Types of need", NeedArea.objects.all(), lambda t: t.code
            ),
            accessibility=Vocabulary.build(
                "accessibility features",
                "slug",
                "Accessibility features",
                AccessibilityFeature.objects.all(),
                lambda t: t.slug,
            ),
            outreach=Vocabulary.build(
                "outreach and specialist services",
                "slug",
                "Outreach and specialist services",
                OutreachService.objects.all(),
                lambda t: t.slug,
            ),
            statutory_keys=frozenset(TEXT_ITEM_KEYS),
            council_questions={q.key: q for q in questions if not q.is_statutory},
        )


def closest(value: str, options: Iterable[str]) -> str | None:
    """The option most like ``value`` (a likely typo), if any is close."""
    by_folded = {option.casefold(): option for option in options}
    matches = difflib.get_close_matches(value.casefold(), list(by_folded), n=1, cutoff=0.75)
    return by_folded[matches[0]] if matches else None
