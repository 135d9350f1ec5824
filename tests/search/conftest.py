"""Fixtures for the directory: a directory page and schools with known facets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from schools.factories import SchoolPageFactory
from schools.models import (
    AccessibilityFeature,
    NeedArea,
    OutreachService,
    SchoolIndexPage,
    SchoolPage,
    SpecialistProvision,
)
from search.models import DirectoryPage
from search.services import ensure_directory_page

FACETS = ("need", "accessibility", "outreach", "phase", "type", "provision")


@dataclass(frozen=True)
class Spec:
    """A school to create, and the facts the expected answers are computed from."""

    name: str
    phase: str = "primary"
    type: str = ""
    town: str = "Malton"
    need: frozenset[str] = frozenset()
    accessibility: frozenset[str] = frozenset()
    outreach: frozenset[str] = frozenset()
    provision: frozenset[str] = frozenset()
    report: dict[str, str] = field(default_factory=dict)

    def values(self, facet: str) -> frozenset[str]:
        if facet == "phase":
            return frozenset({self.phase})
        if facet == "type":
            return frozenset({self.type}) if self.type else frozenset()
        return getattr(self, facet)


def spec(name: str, **kwargs: Any) -> Spec:
    for facet in ("need", "accessibility", "outreach", "provision"):
        kwargs[facet] = frozenset(kwargs.get(facet, ()))
    return Spec(name=name, **kwargs)


# Eight published schools. The parent's question (primary, autism, step-free access,
# a lift, speech and language therapy) is answered by Ash and Gorse only.
KNOWN_SCHOOLS: tuple[Spec, ...] = (
    spec(
        "Ash Primary School",
        type="community",
        need={"ASD", "SLCN"},
        accessibility={"step-free-access", "lift"},
        outreach={"speech-and-language-therapy"},
    ),
    spec(
        "Birch Primary School",
        type="academy",
        need={"ASD"},
        accessibility={"step-free-access"},
        outreach={"speech-and-language-therapy", "educational-psychology"},
        town="Pickering",
    ),
    spec(
        "Cedar Academy",
        phase="secondary",
        type="academy",
        need={"ASD", "SPLD"},
        accessibility={"lift"},
        outreach={"camhs"},
        provision={"resourced-provision"},
    ),
    spec(
        "Damson Infant School",
        phase="infant",
        type="voluntary-aided",
        need={"HI"},
        accessibility={"hearing-loop", "step-free-access"},
        town="Pickering",
    ),
    spec(
        "Elm Primary School",
        type="community",
        need={"SEMH"},
        outreach={"speech-and-language-therapy"},
    ),
    spec(
        "Fir Special School",
        phase="special",
        type="maintained-special",
        need={"ASD", "SLD", "PMLD"},
        accessibility={"step-free-access", "lift", "hygiene-suite"},
        outreach={"speech-and-language-therapy", "physiotherapy"},
        provision={"sen-unit"},
    ),
    spec(
        "Gorse Primary School",
        type="voluntary-controlled",
        need={"ASD", "SPLD"},
        accessibility={"step-free-access", "lift"},
        outreach={"speech-and-language-therapy", "occupational-therapy"},
        provision={"resourced-provision", "enhanced-mainstream"},
    ),
    spec("Hazel Secondary School", phase="secondary", town="Whitby"),
)


def create_school(index: SchoolIndexPage, school: Spec, **fields: Any) -> SchoolPage:
    """A published school page with the facets of ``school``."""
    page = SchoolPageFactory(
        parent=index,
        title=school.name,
        phase=school.phase,
        establishment_type=school.type,
        town=school.town,
        **school.report,
        **fields,
    )
    page.needs.set(NeedArea.objects.filter(code__in=school.need))
    page.accessibility_features.set(
        AccessibilityFeature.objects.filter(slug__in=school.accessibility)
    )
    page.outreach_services.set(OutreachService.objects.filter(slug__in=school.outreach))
    page.save()
    for kind in sorted(school.provision):
        SpecialistProvision.objects.create(page=page, kind=kind)
    return page


def expected(
    schools: Iterable[Spec], filters: dict[str, set[str]]
) -> tuple[list[str], dict[str, Counter[str]]]:
    """The answer the directory should give, worked out from the specs alone.

    A school passes a filter when the filter is empty or the school has any of its
    values; it matches when it passes every filter. A filter's counts count the
    schools passing every *other* filter.
    """

    def passes(school: Spec, facet: str) -> bool:
        chosen = filters.get(facet)
        return not chosen or bool(school.values(facet) & chosen)

    schools = list(schools)
    names = sorted(s.name for s in schools if all(passes(s, f) for f in FACETS))
    counts = {
        facet: Counter(
            value
            for school in schools
            if all(passes(school, other) for other in FACETS if other != facet)
            for value in school.values(facet)
        )
        for facet in FACETS
    }
    return names, counts


@pytest.fixture
def directory(schools_index: SchoolIndexPage) -> DirectoryPage:
    return ensure_directory_page(schools_index)


@pytest.fixture
def known_schools(schools_index: SchoolIndexPage) -> dict[str, SchoolPage]:
    return {school.name: create_school(schools_index, school) for school in KNOWN_SCHOOLS}


@dataclass
class Answer:
    """A directory answer, read the same way from the page and from the API."""

    status: int
    count: int
    names: list[str]
    facets: dict[str, dict[str, int]]
    selected: dict[str, set[str]]
    body: Any = None


def ask_page(client: Client, directory: DirectoryPage, params: Any = "") -> Answer:
    response = client.get(directory.url, params)
    listing = response.context["directory"]
    return Answer(
        status=response.status_code,
        count=listing.count,
        names=[item.hit.name for item in listing.items],
        facets={f.name: {o.value: o.count for o in f.options} for f in listing.filters},
        selected={f.name: {o.value for o in f.options if o.selected} for f in listing.filters},
        body=response,
    )


def ask_api(client: Client, params: Any = "") -> Answer:
    response = client.get("/api/v1/directory/", params)
    data = response.json()
    if response.status_code != 200:
        return Answer(response.status_code, 0, [], {}, {}, data)
    return Answer(
        status=200,
        count=data["count"],
        names=[school["name"] for school in data["results"]],
        facets={
            name: {o["value"]: o["count"] for o in options}
            for name, options in data["facets"].items()
        },
        selected={
            name: {o["value"] for o in options if o["selected"]}
            for name, options in data["facets"].items()
        },
        body=data,
    )


@pytest.fixture(params=["page", "api"])
def ask(request: pytest.FixtureRequest, client: Client) -> Callable[..., Answer]:
    """Ask the directory page or the API (the test runs once for each)."""
    if request.param == "api":
        return lambda params="": ask_api(client, params)
    page = request.getfixturevalue("directory")
    return lambda params="": ask_page(client, page, params)


class _FormFields(HTMLParser):
    """The fields the directory's form sends as it stands, as a browser would."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            if kind not in {"submit", "button"}:
                self.fields.append((name, attributes.get("value") or ""))
        elif tag == "select":
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attributes.get("value") or "", "selected" in attributes))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select and self._options:
            chosen = [value for value, selected in self._options if selected]
            self.fields.append((self._select, chosen[0] if chosen else self._options[0][0]))
            self._select = None


def directory_form(response: Any) -> list[tuple[str, str]]:
    """What the directory page's search form would submit, untouched."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    start = main.index("<form")
    parser = _FormFields()
    parser.feed(main[start : main.index("</form>", start)])
    return parser.fields


def submit(client: Client, directory: DirectoryPage, fields: list[tuple[str, str]], **typed: str):
    """Submit the form ``fields`` with some fields typed over."""
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    for name, value in typed.items():
        data[name] = [value]
    return ask_page(client, directory, data)
