"""The Open Referral UK 3.0 API at /api/oruk/: read-only JSON, open to every origin."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.views import View

from council.models import CouncilSettings
from postcodes.selectors import Location, locate_or_explain
from schools.models import SchoolPage

from . import ids, mapping, params, selectors
from .ids import Vocabulary
from .params import BadParameter
from .taxonomies import TAXONOMIES, TAXONOMY_BY_ID, Term, all_terms

ORUK_VERSION = "HSDS-UK-3.0"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
METRES_PER_MILE = 1609.344
# ``proximity`` is in metres; further than the directory's longest distance choice is
# still allowed, up to the length of Great Britain.
MAX_PROXIMITY_METRES = 1_500_000


class NotFound(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


class OrukView(View):
    """Turns problems into JSON errors and lets any web page read the API (CORS)."""

    http_method_names = ["get", "head", "options"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = super().dispatch(request, *args, **kwargs)
        except BadParameter as problem:
            response = _json(
                {"status": 400, "parameter": problem.parameter, "message": problem.message}, 400
            )
        except NotFound as missing:
            response = _json({"status": 404, "message": missing.message}, 404)
        if response.status_code == 405:
            response = _json({"status": 405, "message": "This API is read-only: use GET."}, 405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        return response

    def context(self) -> mapping.Context:
        council = CouncilSettings.load(self.request).council_name
        return mapping.Context(request=self.request, council_name=council)


def _paged(
    request: HttpRequest,
    items: Sequence[Any] | QuerySet,
    to_record: Callable[[Any], dict[str, Any]],
    *,
    prepare: Callable[[Any], Iterable[Any]] = lambda items: items,
) -> HttpResponse:
    """A page of records, or every record as NDJSON with ``format=ndjson``."""
    query = request.GET
    page = params.page(query)
    if params.response_format(query) == "ndjson":
        lines = (json.dumps(to_record(item), ensure_ascii=False) + "\n" for item in prepare(items))
        return StreamingHttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
    total = items.count() if isinstance(items, QuerySet) else len(items)
    window = items[page.offset : page.offset + page.size]
    contents = [to_record(item) for item in prepare(window)]
    total_pages = math.ceil(total / page.size)
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page.number,
            "size": page.size,
            "first_page": page.number == 1,
            "last_page": page.number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


class ApiDetailsView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _json({"version": ORUK_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL})


# --- Services and service-at-locations --------------------------------------------------


def _service_filters(request: HttpRequest) -> selectors.ServiceFilters:
    query = request.GET
    term_id = params.identifier(query.get("taxonomy_term_id"), "taxonomy_term_id")
    taxonomy_id = params.identifier(query.get("taxonomy_id"), "taxonomy_id")
    organization_id = params.identifier(query.get("organization_id"), "organization_id")
    params.flag(query, "full")
    params.flag(query, "minimal")
    term = _term(term_id) if term_id else None
    taxonomy = TAXONOMY_BY_ID.get(taxonomy_id) if taxonomy_id else None
    urn = selectors.organization_urn(organization_id) if organization_id else None
    near, within_miles = _near(query)
    return selectors.ServiceFilters(
        near=near,
        within_miles=within_miles,
        search=params.text(query, "search"),
        term=term,
        unknown_term=bool(term_id) and term is None,
        vocabulary=taxonomy.vocabulary if taxonomy else None,
        unknown_taxonomy=bool(taxonomy_id) and taxonomy is None,
        organization_urn=urn,
        unknown_organization=bool(organization_id) and urn is None,
        modified_after=params.moment(query, "modified_after"),
    )


def _near(query: Any) -> tuple[Location | None, float | None]:
    """``postcode`` (full or partial) and ``proximity`` (metres from its centre), as the
    ORUK specification describes them; a 400 naming the parameter when unusable."""
    postcode = params.text(query, "postcode")
    proximity = params.positive_number(query, "proximity", highest=MAX_PROXIMITY_METRES)
    if not postcode:
        if proximity is not None:
            raise BadParameter("proximity", "proximity needs a postcode to measure from.")
        return None, None
    found = locate_or_explain(postcode)
    if not isinstance(found, Location):
        raise BadParameter("postcode", found)
    return found, None if proximity is None else proximity / METRES_PER_MILE


def _term(term_id: str) -> Term | None:
    return next((term for term in all_terms() if term.id == term_id), None)


def _school(record_id: str, id_of: Callable[[str], str], what: str) -> SchoolPage:
    canonical = params.identifier(record_id, "id")
    assert canonical is not None
    urn = selectors.urn_for(canonical, id_of)
    page = None
    if urn is not None:
        page = selectors.with_details(selectors.published_schools().filter(urn=urn)).first()
    if page is None:
        raise NotFound(f"No {what} has the id {canonical}.")
    return page


class ServiceListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        schools = selectors.filtered_schools(_service_filters(request))
        context = self.context()
        full = params.flag(request.GET, "full")
        to_record = mapping.service if full else mapping.service_summary
        return _paged(
            request,
            schools,
            lambda page: to_record(page, context),
            prepare=selectors.with_details,
        )


class ServiceDetailView(OrukView):
    def get(self, request: HttpRequest, record_id: str) -> HttpResponse:
        page = _school(record_id, ids.service_id, "service")
        return _json(mapping.service(page, self.context()))


class ServiceAtLocationListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        schools = selectors.filtered_schools(_service_filters(request))
        context = self.context()
        return _paged(
            request,
            schools,
            lambda page: mapping.service_at_location(page, context),
            prepare=selectors.with_details,
        )


class ServiceAtLocationDetailView(OrukView):
    def get(self, request: HttpRequest, record_id: str) -> HttpResponse:
        page = _school(record_id, ids.service_at_location_id, "service at location")
        return _json(mapping.service_at_location(page, self.context()))


# --- Organizations ----------------------------------------------------------------------


class OrganizationListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET
        full_service = params.flag(query, "full_service")
        full = params.flag(query, "full")
        schools = selectors.filtered_schools(
            selectors.ServiceFilters(search=params.text(query, "search"))
        )
        context = self.context()

        def to_record(page: SchoolPage) -> dict[str, Any]:
            record = mapping.organization(page, context)
            if full_service:
                record["services"] = [mapping.service(page, context)]
            elif full:
                record["services"] = [mapping.service_summary(page, context)]
            return record

        return _paged(request, schools, to_record, prepare=selectors.with_details)


class OrganizationDetailView(OrukView):
    def get(self, request: HttpRequest, record_id: str) -> HttpResponse:
        full_service = params.flag(request.GET, "full_service")
        page = _school(record_id, ids.organization_id, "organization")
        context = self.context()
        record = mapping.organization(page, context)
        to_service = mapping.service if full_service else mapping.service_summary
        record["services"] = [to_service(page, context)]
        return _json(record)


# --- Taxonomies and terms ---------------------------------------------------------------


class TaxonomyListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        words = params.text(request.GET, "search").lower().split()
        taxonomies = [
            taxonomy
            for taxonomy in TAXONOMIES
            if all(word in f"{taxonomy.name} {taxonomy.description}".lower() for word in words)
        ]
        return _paged(request, taxonomies, lambda taxonomy: taxonomy.as_oruk())


class TaxonomyDetailView(OrukView):
    def get(self, request: HttpRequest, record_id: str) -> HttpResponse:
        canonical = params.identifier(record_id, "id")
        taxonomy = TAXONOMY_BY_ID.get(canonical or "")
        if taxonomy is None:
            raise NotFound(f"No taxonomy has the id {canonical}.")
        terms = [term.as_oruk() for term in all_terms() if term.vocabulary == taxonomy.vocabulary]
        return _json(taxonomy.as_oruk(terms))


class TaxonomyTermListView(OrukView):
    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET
        words = params.text(query, "search").lower().split()
        taxonomy_id = params.identifier(query.get("taxonomy_id"), "taxonomy_id")
        parent_id = params.identifier(query.get("parent_id"), "parent_id")
        top_only = params.flag(query, "top_only")
        vocabulary: Vocabulary | None = None
        if taxonomy_id is not None:
            taxonomy = TAXONOMY_BY_ID.get(taxonomy_id)
            vocabulary = taxonomy.vocabulary if taxonomy else None
        terms = [
            term
            for term in all_terms()
            if (taxonomy_id is None or term.vocabulary == vocabulary)
            and (parent_id is None or term.parent_id == parent_id)
            and not (top_only and term.parent_id)
            and term.matches(words)
        ]
        return _paged(request, terms, lambda term: term.as_oruk())


class TaxonomyTermDetailView(OrukView):
    def get(self, request: HttpRequest, record_id: str) -> HttpResponse:
        canonical = params.identifier(record_id, "id")
        term = _term(canonical or "")
        if term is None:
            raise NotFound(f"No taxonomy term has the id {canonical}.")
        return _json(term.as_oruk())
