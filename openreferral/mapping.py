"""School pages as Open Referral UK 3.0 records.

Each school is an organization (identified by its DfE URN) that provides one service,
its special educational needs provision, at one physical location. The mapping is
documented field by field in ``docs/open-data.md``. ORUK rejects ``null``: a field
with nothing to say is left out, never sent empty or as null.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http import HttpRequest
from django.utils.html import strip_tags

from schools.kinds import school_description
from schools.models import SchoolPage

from . import ids
from .taxonomies import Term, accessibility_term, need_term, outreach_term

GIAS_DETAILS_URL = (
    "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/{urn}"
)
URN_SCHEME = "GB-EDU"  # org-id.guide: the DfE register of schools (Edubase/GIAS)

# How each vocabulary's terms describe the service (ORUK attribute.link_type).
LINK_NEED = "eligibility"
LINK_OUTREACH = "service_type"
LINK_ACCESSIBILITY = "accessibility"

_COUNCIL_SUFFIX = re.compile(r"\s+((county|city|borough|district|metropolitan)\s+)*council$", re.I)
_url = URLValidator(schemes=["http", "https"])
_email = EmailValidator()


@dataclass(frozen=True)
class Context:
    """What every record needs beyond the page itself."""

    request: HttpRequest
    council_name: str

    @property
    def area_name(self) -> str:
        """The council's area ("North Yorkshire" for "North Yorkshire Council")."""
        return _COUNCIL_SUFFIX.sub("", self.council_name.strip()) or self.council_name


def _valid_url(value: str) -> str | None:
    try:
        _url(value)
    except ValidationError:
        return None
    return value


def _valid_email(value: str) -> str | None:
    try:
        _email(value)
    except ValidationError:
        return None
    return value


def _timestamp(moment: dt.datetime) -> str:
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def last_modified(page: SchoolPage) -> str | None:
    moment = page.last_published_at or page.first_published_at
    return _timestamp(moment) if moment else None


def organization(page: SchoolPage, context: Context, *, identifiers: bool = True) -> dict:
    """The school as an ORUK organization."""
    org_id = ids.organization_id(page.urn)
    description = f"{_kind_of_school(page)} in {page.town}." if page.town else ""
    record = _compact(
        {
            "id": org_id,
            "name": page.title,
            "description": description or f"{_kind_of_school(page)}.",
            "email": _valid_email(page.email),
            "website": _valid_url(page.website),
            "uri": GIAS_DETAILS_URL.format(urn=page.urn),
        }
    )
    if identifiers:
        record["organization_identifiers"] = [
            {
                "id": ids.organization_identifier_id(page.urn),
                "organization_id": org_id,
                "identifier_scheme": URN_SCHEME,
                "identifier_type": "DfE unique reference number (URN)",
                "identifier": page.urn,
            }
        ]
    return record


def service_summary(page: SchoolPage, context: Context) -> dict[str, Any]:
    """The service's own fields and its organization: an item of ``/services``."""
    record = _compact(
        {
            "id": ids.service_id(page.urn),
            "organization_id": ids.organization_id(page.urn),
            "name": f"Special educational needs support at {page.title}",
            "description": _service_description(page),
            "url": page.get_full_url(context.request),
            "email": _valid_email(page.senco_email) or _valid_email(page.email),
            "status": "active",
            "minimum_age": page.age_low,
            "maximum_age": page.age_high,
            "assured_date": page.last_reviewed.isoformat() if page.last_reviewed else None,
            "last_modified": last_modified(page),
        }
    )
    record["organization"] = organization(page, context, identifiers=False)
    return record


def service(page: SchoolPage, context: Context) -> dict[str, Any]:
    """The fully nested service: ``/services/{id}``."""
    record = service_summary(page, context)
    record["organization"] = organization(page, context)
    service_id = record["id"]
    if page.senco_name.strip():
        record["contacts"] = [
            {
                "id": ids.contact_id(page.urn, "senco"),
                "service_id": service_id,
                "name": page.senco_name.strip(),
                "title": "SENCO (special educational needs co-ordinator)",
            }
        ]
    record["service_at_locations"] = [service_at_location(page, context, with_service=False)]
    attributes = [
        _attribute(page.urn, "service", service_id, term, LINK_NEED) for term in _needs(page)
    ] + [
        _attribute(page.urn, "service", service_id, outreach_term(item), LINK_OUTREACH)
        for item in page.outreach_services.all()
    ]
    if attributes:
        record["attributes"] = attributes
    return record


def service_at_location(
    page: SchoolPage, context: Context, *, with_service: bool = True
) -> dict[str, Any]:
    """The link between the school's service and its site, with the site."""
    record: dict[str, Any] = {
        "id": ids.service_at_location_id(page.urn),
        "service_id": ids.service_id(page.urn),
        "location_id": ids.location_id(page.urn),
        "location": location(page, context),
    }
    if with_service:
        record["service"] = service_summary(page, context)
    return record


def location(page: SchoolPage, context: Context) -> dict[str, Any]:
    """The school's site: address, position and accessibility."""
    location_id = ids.location_id(page.urn)
    record: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "name": page.title,
    }
    if page.latitude is not None and page.longitude is not None:
        record["latitude"] = page.latitude
        record["longitude"] = page.longitude
    address = _address(page, context, location_id)
    if address:
        record["addresses"] = [address]
    features = list(page.accessibility_features.all())
    if features:
        record["accessibility"] = [
            _compact(
                {
                    "id": ids.accessibility_id(page.urn, feature.slug),
                    "location_id": location_id,
                    "description": feature.label,
                    "details": feature.description.strip(),
                }
            )
            for feature in features
        ]
        record["attributes"] = [
            _attribute(
                page.urn, "location", location_id, accessibility_term(feature), LINK_ACCESSIBILITY
            )
            for feature in features
        ]
    return record


def _address(page: SchoolPage, context: Context, location_id: str) -> dict[str, Any] | None:
    lines = [line.strip() for line in page.address.splitlines() if line.strip()]
    town = page.town.strip()
    if not page.postcode.strip() or not (lines or town):
        # ORUK requires a first line, a town and a postcode; a partial address is left out.
        return None
    return {
        "id": ids.address_id(page.urn),
        "location_id": location_id,
        "address_1": ", ".join(lines) if lines else page.title,
        "city": town or lines[-1],
        # ORUK requires a state or province: for an English school, the council's area.
        "state_province": context.area_name,
        "postal_code": page.postcode.strip().upper(),
        "country": "GB",
        "address_type": "physical",
    }


def _attribute(urn: str, owner: str, link_id: str, term: Term, link_type: str) -> dict:
    return {
        "id": ids.attribute_id(urn, owner, term.id),
        "link_id": link_id,
        "link_type": link_type,
        "taxonomy_term_id": term.id,
        "taxonomy_term": term.as_oruk(),
    }


def _needs(page: SchoolPage) -> list[Term]:
    """The needs the school provides for, including those of its specialist provision."""
    terms: dict[str, Term] = {}
    for need in page.needs.all():
        terms.setdefault(need.code, need_term(need))
    for provision in page.specialist_provisions.all():
        for need in provision.needs.all():
            terms.setdefault(need.code, need_term(need))
    return list(terms.values())


def _kind_of_school(page: SchoolPage) -> str:
    # The website's words (schools/kinds.py), so a consumer's listing and the school's
    # page describe it alike: "Maintained special school", "Primary school, academy".
    return school_description(page.phase, page.establishment_type) or "School"


def _service_description(page: SchoolPage) -> str:
    sentences = [f"{_kind_of_school(page)}."]
    if page.age_range:
        sentences.append(f"Ages {page.age_range}.")
    needs = [term.name for term in _needs(page)]
    if needs:
        sentences.append("Provides for: " + "; ".join(needs) + ".")
    for provision in page.specialist_provisions.all():
        sentences.append(_provision_sentence(provision))
    # The school's own words on the needs it provides for, as plain text.
    summary = " ".join(html.unescape(strip_tags(page.kinds_of_need or "")).split())
    if summary:
        sentences.append(summary)
    return " ".join(sentences)


def _provision_sentence(provision: Any) -> str:
    needs = [need.label for need in provision.needs.all()]
    text = provision.get_kind_display()
    if needs:
        text += " for " + "; ".join(needs)
    figures = []
    if provision.places is not None:
        figures.append(f"{provision.places} places")
    if provision.on_roll is not None:
        figures.append(f"{provision.on_roll} pupils on roll")
    if figures:
        text += " (" + ", ".join(figures) + ")"
    return text + "."
