"""The directory's entry point: a search's parameters in, its results out.

The directory page, its JSON API and the Open Referral UK API call this module and no
other module of ``search``. Below it, one way down: ``params`` (reading parameters),
``text`` (parents' words), ``backends`` (running the search), ``listing`` and ``tagged``
(presenting it), all standing on ``vocabulary`` and ``words``. The types a caller needs
for what goes in and comes out are named here too, so callers import nothing else of
``search`` (tests/test_architecture.py checks both rules).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.functions import Lower
from django.http import QueryDict

from postcodes.selectors import Location, postcode_data
from schools.models import SchoolPage

from .backends import Point, get_backend
from .backends.conditions import matches_concepts
from .geo import with_distance
from .listing import Listing, ResultItem, build_listing
from .params import DirectoryParams, ParameterProblem, ParsedSearch, parse_search
from .tagged import words_as_filters
from .text import Interpretation, clean_query, interpret
from .typed_postcode import postcode_from_words
from .vocabulary import FACETS, load_vocabulary

__all__ = [
    "DirectoryParams",
    "Interpretation",
    "Listing",
    "ParameterProblem",
    "ParsedSearch",
    "ResultItem",
    "filters_as_sets",
    "find_schools",
    "nearest_first",
    "postcode_from_words",
    "schools_matching_words",
    "site_relative_urls",
    "understand",
]


def filters_as_sets(query: QueryDict) -> list[tuple[str, list[str]]]:
    """A query's parameters in one order, for keying kept answers.

    The directory treats each filter's values as a set, so ``need=ASD&need=SLCN``,
    ``need=SLCN&need=ASD`` and ``need=ASD&need=ASD&need=SLCN&need=`` ask the same thing:
    their values come back sorted, without repeats or blanks. Every other parameter keeps
    its values in the order sent (the compare page's schools are columns in that order).
    """
    return [
        (name, sorted({value for value in values if value}) if name in FACETS else values)
        for name, values in sorted(query.lists())
    ]


def site_relative_urls(site_root_url_path: str) -> Callable[[str], str]:
    """A function giving a page's URL on the site whose root page has this ``url_path``.

    Pages in the directory all lie under the site root, so their URLs follow from
    their tree paths without Wagtail's site-root lookup (a query when its cache is cold).
    """
    root = site_root_url_path.rstrip("/") + "/"

    def url_for_path(url_path: str) -> str:
        if url_path.startswith(root):
            return "/" + url_path[len(root) :]
        return url_path

    return url_for_path


def find_schools(
    data: QueryDict | Mapping[str, Any],
    *,
    lenient: bool,
    scope_path: str,
    site_root_url_path: str,
    base_url: str = "",
    page_size: int | None = None,
) -> tuple[Listing | None, ParsedSearch]:
    """Read a search from request parameters and run it: two queries in all, one more
    for a postcode, and on the page one more to know whether postcodes are loaded.

    Returns the listing, or None with the problems when a strict search was invalid.
    """
    vocabulary = load_vocabulary()
    parsed = parse_search(
        data, vocabulary, lenient=lenient, scope_path=scope_path, page_size=page_size
    )
    if not parsed.is_valid:
        return None, parsed
    backend = get_backend()
    result = backend.search(parsed.query)
    listing = build_listing(
        parsed, result, vocabulary, site_relative_urls(site_root_url_path), base_url
    )
    if lenient:
        # The page says how many results are tagged with what the words mean.
        listing.words_as_filters = words_as_filters(parsed, result, vocabulary, backend.search)
        # The postcode box only when there is postcode data to search with.
        listing.postcode_data = postcode_data()
    return listing, parsed


def nearest_first(
    schools: QuerySet[SchoolPage], near: Location, within_miles: float | None = None
) -> QuerySet[SchoolPage]:
    """``schools`` nearest ``near`` first (those without a location last, ties by name),
    only those within ``within_miles`` when given: the directory's rule, for callers that
    page schools themselves (the Open Referral UK API)."""
    schools = with_distance(schools, Point(near.latitude, near.longitude), within_miles)
    return schools.order_by(F("distance").asc(nulls_last=True), Lower("title"), "pk")


def understand(words: str) -> Interpretation:
    """What the directory makes of ``words``: synonyms, misspellings and stop words read
    as in the search box, repeated ideas counted once, at most ``text.MAX_CONCEPTS``."""
    return interpret(clean_query(words), load_vocabulary())


def schools_matching_words(words: str) -> QuerySet[SchoolPage]:
    """School pages that match ``words`` as the directory reads them (``understand``).

    For callers that page and filter schools themselves (the Open Referral UK API):
    one query for the vocabulary, then a lazy queryset whose matching runs as
    subqueries of the caller's statement. It matches by the rule every directory
    backend follows, so it finds the schools the directory finds for the same words;
    visibility (live, public, under a site) is the caller's.
    """
    return SchoolPage.objects.filter(matches_concepts(understand(words).concepts))
