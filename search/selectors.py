"""Read queries for the directory."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import CharField, F, IntegerField, Value
from django.http import QueryDict

from schools.models import AccessibilityFeature, BroadArea, NeedArea, OutreachService

from . import vocabulary as v
from .backends import DirectoryBackend, DirectoryQuery, DirectoryResult, get_backend
from .listing import Listing, build_listing
from .params import ParsedSearch, parse_search
from .tagged import words_as_filters
from .vocabulary import Group, Term, Vocabulary

_COLUMNS = (
    "pk",
    "kind",
    "value",
    "label",
    "synonyms",
    "sort_order",
    "group_slug",
    "group_label",
    "group_order",
)


def load_vocabulary() -> Vocabulary:
    """Every filter option and its synonyms, in one query, as the council has them now.

    The three vocabularies and the broad areas come back from a single UNION, so a
    directory request spends one query on them whatever their size.
    """
    no_text = Value(None, output_field=CharField())
    no_number = Value(None, output_field=IntegerField())
    needs = NeedArea.objects.annotate(
        kind=Value(v.NEED, output_field=CharField()),
        value=F("code"),
        group_slug=F("broad_area__slug"),
        group_label=F("broad_area__label"),
        group_order=F("broad_area__sort_order"),
    )
    features = AccessibilityFeature.objects.annotate(
        kind=Value(v.ACCESSIBILITY, output_field=CharField()),
        value=F("slug"),
        group_slug=no_text,
        group_label=no_text,
        group_order=no_number,
    )
    services = OutreachService.objects.annotate(
        kind=Value(v.OUTREACH, output_field=CharField()),
        value=F("slug"),
        group_slug=no_text,
        group_label=no_text,
        group_order=no_number,
    )
    # Broad areas without any need yet still make a (then empty) group.
    areas = BroadArea.objects.annotate(
        kind=Value("group", output_field=CharField()),
        value=F("slug"),
        synonyms=Value("", output_field=CharField()),
        group_slug=F("slug"),
        group_label=F("label"),
        group_order=F("sort_order"),
    )
    parts = [qs.order_by().values_list(*_COLUMNS) for qs in (needs, features, services, areas)]
    rows = parts[0].union(*parts[1:], all=True)
    rows = sorted(rows, key=lambda row: (row[5], row[3].casefold()))

    groups: dict[str, tuple[int, Group]] = {}
    terms: list[Term] = []
    for pk, kind, value, label, synonyms, _order, group_slug, group_label, group_order in rows:
        if group_slug and group_slug not in groups:
            groups[group_slug] = (group_order or 0, Group(group_slug, group_label))
        if kind == "group":
            continue
        terms.append(
            Term(
                facet=kind,
                value=value,
                label=label,
                synonyms=tuple(_split_synonyms(synonyms)),
                group=group_slug or (v.OTHER_GROUP if kind == v.NEED else ""),
                pk=pk,
            )
        )
    ordered_groups = [group for _order, group in sorted(groups.values(), key=lambda g: g[0])]
    if any(term.group == v.OTHER_GROUP for term in terms):
        ordered_groups.append(Group(v.OTHER_GROUP, v.OTHER_GROUP_LABEL))
    return Vocabulary(terms=[*terms, *v.choice_terms()], groups=ordered_groups)


def _split_synonyms(synonyms: str) -> list[str]:
    # The same rule as VocabularyTerm.synonym_list, applied to the raw column.
    return NeedArea(synonyms=synonyms or "").synonym_list


def search_directory(
    query: DirectoryQuery, backend: DirectoryBackend | None = None
) -> DirectoryResult:
    """Run ``query`` on the configured backend (or ``backend``)."""
    return (backend or get_backend()).search(query)


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
    """Read a search from request parameters and run it: two queries in all.

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
        listing.words_as_filters = words_as_filters(
            parsed, result.count, vocabulary, backend.search
        )
    return listing, parsed
