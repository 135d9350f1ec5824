"""Parents put up to three schools side by side: key facts, then each statutory item.

The choice lives in the URL (``compare/?urn=...&urn=...``), so the page works without
JavaScript and has its own link to share. Whatever a visitor puts there gets a plain
message, never an error page: unknown, repeated, too many or malformed URNs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from .checklist import STATUTORY_ITEMS, AnsweredBy
from .models import ReportQuestion, SchoolIndexPage, SchoolPage, SpecialistProvision

MAX_COMPARED = 3
# More URNs than this are not even read: a URL can carry thousands.
MAX_READ = 50
MAX_URN_LENGTH = 8
# Schools offered to add at once; beyond this the parent types part of a name or town.
MAX_LISTED = 20
MAX_FIND_LENGTH = 100
MAX_FIND_WORDS = 8


@dataclass(frozen=True)
class ComparedAnswer:
    """One school's answer to one statutory item ("" when the school is silent)."""

    school: SchoolPage
    body: str
    answered: bool


@dataclass(frozen=True)
class ComparedItem:
    """A row of the comparison: one statutory item and each school's answer."""

    key: str
    heading: str
    answers: tuple[ComparedAnswer, ...]


@dataclass
class Comparison:
    """The schools being compared, their answers item by item, and what was left out."""

    schools: list[SchoolPage] = field(default_factory=list)
    items: list[ComparedItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def urns(self) -> list[str]:
        return [school.urn for school in self.schools]

    @property
    def can_add(self) -> bool:
        return len(self.schools) < MAX_COMPARED


def read_urns(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """The URNs to compare, in the order given, and a message for each one left out."""
    urns: list[str] = []
    problems: list[str] = []
    values = list(values)
    for value in values[:MAX_READ]:
        value = value.strip()
        shown = value[: MAX_URN_LENGTH + 2]
        if not value:
            continue
        if not value.isdigit() or not value.isascii() or len(value) > MAX_URN_LENGTH:
            problems.append(
                f"\u201c{shown}\u201d is not a school reference number (URN): "
                "a URN is a number of up to 8 digits."
            )
        elif value in urns:
            problems.append(f"You chose the school with URN {value} twice: it is shown once.")
        else:
            urns.append(value)
    if len(values) > MAX_READ or len(urns) > MAX_COMPARED:
        problems.append(
            f"You can compare up to {MAX_COMPARED} schools at a time: "
            f"these are the first {MAX_COMPARED} you chose."
        )
        urns = urns[:MAX_COMPARED]
    return urns, problems


def compare_schools(index: SchoolIndexPage, values: Iterable[str]) -> Comparison:
    """The published schools under ``index`` with the URNs in ``values``, side by side."""
    urns, problems = read_urns(values)
    found = {
        school.urn: school
        for school in SchoolPage.objects.child_of(index)
        .live()
        .public()
        .filter(urn__in=urns)
        .prefetch_related(
            "needs",
            "accessibility_features",
            "outreach_services",
            Prefetch(
                "specialist_provisions",
                SpecialistProvision.objects.prefetch_related("needs"),
            ),
        )
    }
    schools = [found[urn] for urn in urns if urn in found]
    problems += [
        f"We could not find a school with URN {urn} in this Local Offer."
        for urn in urns
        if urn not in found
    ]
    headings = dict(ReportQuestion.objects.statutory().values_list("key", "heading"))
    items = [
        ComparedItem(
            item.key,
            headings.get(item.key, item.heading),
            tuple(
                ComparedAnswer(
                    school,
                    getattr(school, item.key, ""),
                    item not in school.compliance.missing,
                )
                for school in schools
            ),
        )
        for item in STATUTORY_ITEMS
        # The SENCO's contact is a key fact, above the items.
        if item.answered_by != AnsweredBy.SENCO_CONTACT
    ]
    return Comparison(schools, items, problems)


@dataclass(frozen=True)
class SchoolsToAdd:
    """The schools a parent may add: those whose name or town has every word they typed,
    at most ``MAX_LISTED`` of them; with no words, every school when there are no more
    than that, otherwise none (``total`` says how many there are to choose from)."""

    words: str
    schools: list[tuple[str, str, str]]  # (URN, name, town)
    total: int

    @property
    def more(self) -> int:
        """How many more schools match than are listed."""
        return self.total - len(self.schools)


def schools_to_add(index: SchoolIndexPage, comparison: Comparison, words: str = "") -> SchoolsToAdd:
    """The published schools under ``index`` not yet compared whose name or town has all of
    ``words``. With no words and more schools than ``MAX_LISTED``, none are listed: a
    council may have hundreds, so the parent types part of a name instead."""
    words = " ".join(words.split())[:MAX_FIND_LENGTH]
    schools = SchoolPage.objects.child_of(index).live().public().exclude(urn__in=comparison.urns)
    for word in words.split()[:MAX_FIND_WORDS]:
        schools = schools.filter(Q(title__icontains=word) | Q(town__icontains=word))
    total = schools.count()
    listed: list[tuple[str, str, str]] = []
    if total and (words or total <= MAX_LISTED):
        listed = list(schools.order_by("title").values_list("urn", "title", "town")[:MAX_LISTED])
    return SchoolsToAdd(words, listed, total)
