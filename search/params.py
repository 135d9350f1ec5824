"""Reading a directory search from URL parameters, for the page and the API alike.

One Django REST framework serializer defines the parameters. The API uses it strictly
(an unknown value is a 400 naming the parameter and the valid values); the HTML page
uses it leniently (unknown values are left out and the page says so politely).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from rest_framework import serializers

from postcodes.selectors import Location, locate_or_explain

from . import vocabulary as v
from .backends import DirectoryQuery, Point, Sort
from .text import Interpretation, clean_query, interpret
from .vocabulary import Vocabulary, load_vocabulary

MAX_PAGE = 10_000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_VALUES = 50
# The words a sort was chosen for: the page's form sends them beside ``sort``, so a
# new search typed into the same form is not silently kept in an order chosen for
# other words (issue 14).
SORTED_FOR = "sorted_for"
# How far a parent will travel, in miles: the choices the page offers.
DISTANCES = (1, 3, 5, 10, 25)
NOT_SET_UP = "Searching by postcode is not set up on this site: no postcode data has been loaded."

# How each filter's values are described in messages ("... is not a type of need we know").
_VALUE_NOUNS = {
    v.NEED: ("type of need", "types of need", " Use a school census code, such as ASD."),
    v.ACCESSIBILITY: ("accessibility feature", "accessibility features", ""),
    v.OUTREACH: ("therapy or specialist service", "therapies or specialist services", ""),
    v.PHASE: ("school phase", "school phases", ""),
    v.SCHOOL_TYPE: ("type of school", "types of school", ""),
    v.PROVISION: ("kind of specialist provision", "kinds of specialist provision", ""),
}
_HELP = {
    v.NEED: "Type of need, as a school census code (case-insensitive), e.g. ASD. Repeatable.",
    v.ACCESSIBILITY: "Accessibility feature slug, e.g. step-free-access. Repeatable.",
    v.OUTREACH: "Outreach or specialist service slug, e.g. speech-and-language-therapy. "
    "Repeatable.",
    v.PHASE: "School phase, e.g. primary. Repeatable.",
    v.SCHOOL_TYPE: "Type of school, e.g. academy. Repeatable.",
    v.PROVISION: "Kind of specialist provision, e.g. resourced-provision. Repeatable.",
}


@dataclass(frozen=True)
class ParameterProblem:
    """A parameter value the directory could not use."""

    parameter: str
    message: str
    invalid: tuple[str, ...] = ()
    valid: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"parameter": self.parameter, "message": self.message}
        if self.invalid:
            data["invalid"] = list(self.invalid)
        if self.valid:
            data["valid"] = list(self.valid)
        return data


class SearchTextField(serializers.CharField):
    """Free text: control characters dropped, spaces collapsed, cut to a sane length."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, allow_blank=True, trim_whitespace=True, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        return clean_query(str(data))


class OptionsField(serializers.MultipleChoiceField):
    """Repeatable values of one filter, matched case-insensitively to the vocabulary."""

    def __init__(self, facet: str, **kwargs: Any) -> None:
        self.facet = facet
        super().__init__(choices=[], required=False, help_text=_HELP[facet], **kwargs)

    def to_internal_value(self, data: Any) -> frozenset[str]:
        if isinstance(data, str):
            data = [data]
        if not isinstance(data, list | tuple):
            self.fail("not_a_list", input_type=type(data).__name__)
        vocabulary: Vocabulary = self.parent.vocabulary
        valid: list[str] = []
        invalid: list[str] = []
        for item in data[:MAX_VALUES]:
            term = vocabulary.get(self.facet, str(item).strip())
            if term is None:
                invalid.append(clean_query(str(item))[:60])
            else:
                valid.append(term.value)
        if invalid:
            problem = ParameterProblem(
                parameter=self.field_name,
                message=_unknown_message(self.facet, invalid),
                invalid=tuple(invalid),
                valid=tuple(vocabulary.values(self.facet)),
            )
            if not self.parent.lenient:
                raise serializers.ValidationError(problem.as_dict())
            self.parent.problems.append(problem)
        return frozenset(valid)


def _unknown_message(facet: str, invalid: list[str]) -> str:
    shown = ", ".join(f"\u201c{value}\u201d" for value in invalid[:5])
    singular, plural, hint = _VALUE_NOUNS[facet]
    if len(invalid) == 1:
        return f"{shown} is not a {singular} we know.{hint}"
    return f"{shown} are not {plural} we know.{hint}"


def _whole_number(what: str, largest: int) -> dict[str, str]:
    message = f"{what} must be a whole number from 1 to {largest}."
    return dict.fromkeys(("invalid", "min_value", "max_value", "max_string_length"), message)


class DirectoryParams(serializers.Serializer):
    """The directory's URL parameters."""

    q = SearchTextField(
        help_text="Words to search for, as a parent would type them: 'autism', 'wheelchair', "
        "'speech therapy', a school's name or town."
    )
    need = OptionsField(v.NEED)
    accessibility = OptionsField(v.ACCESSIBILITY)
    outreach = OptionsField(v.OUTREACH)
    phase = OptionsField(v.PHASE)
    type = OptionsField(v.SCHOOL_TYPE)
    provision = OptionsField(v.PROVISION)
    postcode = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=True,
        max_length=20,
        help_text="Where to measure distances from: a full postcode (YO17 8RD) or its first "
        "part (YO17), in any case and spacing. Results then carry distance_miles.",
        error_messages={"max_length": "A postcode is at most 8 letters and numbers."},
    )
    distance = serializers.ChoiceField(
        choices=[(str(miles), f"{miles} miles") for miles in DISTANCES],
        required=False,
        help_text="Only schools within this many miles of the postcode (needs postcode).",
        error_messages={
            "invalid_choice": "\u201c{input}\u201d is not a distance we offer: use "
            + ", ".join(str(miles) for miles in DISTANCES)
            + " (miles)."
        },
    )
    sort = serializers.ChoiceField(
        choices=[(s.value, s.value) for s in Sort],
        required=False,
        help_text="relevance (the default when searching for words), name, or distance "
        "(needs postcode; the default with a postcode and no words).",
        error_messages={
            "invalid_choice": "\u201c{input}\u201d is not an order we know: use relevance, "
            "name or distance."
        },
    )
    page = serializers.IntegerField(
        min_value=1,
        max_value=MAX_PAGE,
        default=1,
        error_messages=_whole_number("The page number", MAX_PAGE),
    )
    page_size = serializers.IntegerField(
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        default=DEFAULT_PAGE_SIZE,
        error_messages=_whole_number("The number of results on a page", MAX_PAGE_SIZE),
    )

    def __init__(
        self,
        *args: Any,
        vocabulary: Vocabulary | None = None,
        lenient: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if vocabulary is None:
            # Only the OpenAPI generator builds this without one; it lists current values.
            vocabulary = load_vocabulary()
        self.vocabulary = vocabulary
        self.lenient = lenient
        self.problems: list[ParameterProblem] = []
        for name in v.FACETS:
            self.fields[name].choices = [
                (term.value, term.label) for term in vocabulary.options(name)
            ]

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        # DRF reads "?sort=" from a query string as "not given"; forms send that, but
        # the API says what it accepts, and "" is not one of those values.
        if not self.lenient and hasattr(data, "get"):
            empty = {
                name: ["Leave this parameter out for the default, or give a value."]
                for name in ("sort", "page", "page_size", "distance")
                if name in data and data.get(name) == ""
            }
            if empty:
                raise serializers.ValidationError(empty)
        return super().to_internal_value(data)


@dataclass
class ParsedSearch:
    """A search read from parameters, with what could not be used."""

    query: DirectoryQuery
    interpretation: Interpretation
    text: str
    problems: list[ParameterProblem] = field(default_factory=list)
    # The accepted parameters, for links that keep the search (pagination, sorting).
    params: dict[str, Any] = field(default_factory=dict)
    errors: list[ParameterProblem] = field(default_factory=list)
    # Where distances are measured from, when a postcode was given and found.
    location: Location | None = None
    # The postcode as typed, when it was not found (the page shows it back).
    postcode_typed: str = ""

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @classmethod
    def invalid(cls, errors: list[ParameterProblem]) -> ParsedSearch:
        """A search that cannot run, with the problems that stop it."""
        return cls(DirectoryQuery(), Interpretation(typed=""), "", errors=errors)


def parse_search(
    data: QueryDict | Mapping[str, Any],
    vocabulary: Vocabulary,
    *,
    lenient: bool,
    scope_path: str = "",
    page_size: int | None = None,
) -> ParsedSearch:
    """Read a search from ``data``.

    Strictly, any bad value makes ``errors`` non-empty. Leniently, bad values are left
    out, listed in ``problems``, and the rest of the search still runs.
    """
    if page_size is not None:
        # The page sets its own page size; a "page_size" in its URL is not an error.
        data = _without(data, {"page_size"})
    serializer = DirectoryParams(data=data, vocabulary=vocabulary, lenient=lenient)
    problems: list[ParameterProblem] = []
    if not serializer.is_valid():
        errors = [_problem(name, detail, serializer) for name, detail in serializer.errors.items()]
        if not lenient:
            return ParsedSearch.invalid(errors)
        problems.extend(errors)
        data = _without(data, set(serializer.errors))
        serializer = DirectoryParams(data=data, vocabulary=vocabulary, lenient=True)
        serializer.is_valid(raise_exception=True)
    problems.extend(serializer.problems)
    values = serializer.validated_data
    text = values.get("q", "")
    interpretation = interpret(text, vocabulary)
    location, location_problems = _location(values)
    if lenient:
        # The page's form may carry a sort from an earlier search; it is simply not used.
        location_problems = [p for p in location_problems if p.parameter != "sort"]
    if location_problems:
        if not lenient:
            return ParsedSearch.invalid(location_problems)
        problems.extend(location_problems)
    chosen_sort = values.get("sort")
    if chosen_sort and _sorted_for_other_words(data, text):
        chosen_sort = None
    if chosen_sort == Sort.DISTANCE and location is None:
        chosen_sort = None  # leniently: the problem is already listed
    if interpretation.concepts:
        default_sort = Sort.RELEVANCE
    else:
        default_sort = Sort.DISTANCE if location is not None else Sort.NAME
    sort = chosen_sort or default_sort
    within = int(values["distance"]) if location is not None and values.get("distance") else None
    filters = {name: values[name] for name in v.FACETS if values.get(name)}
    query = DirectoryQuery(
        concepts=interpretation.concepts,
        filters=filters,
        sort=Sort(sort),
        page=values["page"],
        page_size=page_size or values["page_size"],
        scope_path=scope_path,
        near=Point(location.latitude, location.longitude) if location else None,
        within_miles=within,
        vocabulary=vocabulary,
    )
    params: dict[str, Any] = {"q": text} if text else {}
    if location is not None:
        params["postcode"] = location.postcode
        if within is not None:
            params["distance"] = within
    params.update({name: sorted(selected) for name, selected in filters.items()})
    if chosen_sort:
        params["sort"] = chosen_sort
    if page_size is None and values["page_size"] != DEFAULT_PAGE_SIZE:
        params["page_size"] = values["page_size"]
    return ParsedSearch(
        query,
        interpretation,
        text,
        problems,
        params,
        location=location,
        postcode_typed="" if location else values.get("postcode", ""),
    )


def _location(values: Mapping[str, Any]) -> tuple[Location | None, list[ParameterProblem]]:
    """The point the search measures from, or the problems with ``postcode``/``distance``/``sort``.

    One query for a postcode; none without one.
    """
    typed = values.get("postcode", "")
    if typed:
        found = locate_or_explain(typed)
        if isinstance(found, Location):
            return found, []
        return None, [ParameterProblem("postcode", found, invalid=(typed[:20],))]
    problems = []
    if values.get("distance"):
        problems.append(
            ParameterProblem("distance", "Give a postcode to find schools within a distance.")
        )
    if values.get("sort") == Sort.DISTANCE:
        problems.append(ParameterProblem("sort", "Give a postcode to sort schools by distance."))
    return None, problems


def _sorted_for_other_words(data: QueryDict | Mapping[str, Any], text: str) -> bool:
    """True when ``sort`` came from a form showing other words than the ones searched for.

    Links (pages, a hand-written URL, the API) carry no ``sorted_for`` and keep their sort.
    """
    sorted_for = data.get(SORTED_FOR)
    if sorted_for is None:
        return False
    if isinstance(sorted_for, list | tuple):
        sorted_for = sorted_for[-1] if sorted_for else ""
    return clean_query(str(sorted_for)) != text


def _problem(name: str, detail: Any, serializer: DirectoryParams) -> ParameterProblem:
    if isinstance(detail, dict) and "message" in detail:
        return ParameterProblem(
            parameter=name,
            message=str(detail["message"]),
            invalid=tuple(str(item) for item in detail.get("invalid", [])),
            valid=tuple(str(item) for item in detail.get("valid", [])),
        )
    messages = " ".join(str(item) for item in (detail if isinstance(detail, list) else [detail]))
    valid: tuple[str, ...] = ()
    field_ = serializer.fields.get(name)
    if isinstance(field_, serializers.ChoiceField):
        valid = tuple(str(choice) for choice in field_.choices)
    elif isinstance(field_, serializers.IntegerField):
        valid = (f"a whole number from {field_.min_value} to {field_.max_value}",)
    return ParameterProblem(parameter=name, message=messages, valid=valid)


def _without(data: QueryDict | Mapping[str, Any], names: set[str]) -> QueryDict:
    kept = QueryDict(mutable=True)
    if isinstance(data, QueryDict):
        for key, values in data.lists():
            if key not in names:
                kept.setlist(key, values)
    else:
        for key, value in data.items():
            if key not in names:
                kept.setlist(key, value if isinstance(value, list) else [value])
    return kept
