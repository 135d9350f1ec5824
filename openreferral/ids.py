"""Stable identifiers for everything the Open Referral UK API publishes.

ORUK needs a UUID for every record. Ours are derived (UUID version 5) from a fixed
namespace and the things that identify a record in the real world: a school's DfE URN,
a vocabulary term's census code or slug. So a school keeps its ids when its page is
deleted and re-imported, when the database is rebuilt, or on another server running
this software; nothing needs storing. The namespace must never change: consumers keep
these ids.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

NAMESPACE = uuid.UUID("028b9d77-f3e0-529a-b969-507324607803")


class Vocabulary(StrEnum):
    """The council's vocabularies, each published as one ORUK taxonomy."""

    NEEDS = "needs"
    ACCESSIBILITY = "accessibility-features"
    OUTREACH = "outreach-services"


def _id(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def organization_id(urn: str) -> str:
    return _id("organization", urn)


def organization_identifier_id(urn: str) -> str:
    return _id("organization_identifier", urn, "urn")


def service_id(urn: str) -> str:
    return _id("service", urn)


def location_id(urn: str) -> str:
    return _id("location", urn)


def address_id(urn: str) -> str:
    return _id("address", urn)


def service_at_location_id(urn: str) -> str:
    return _id("service_at_location", urn)


def contact_id(urn: str, role: str) -> str:
    return _id("contact", urn, role)


def accessibility_id(urn: str, slug: str) -> str:
    return _id("accessibility", urn, slug)


def attribute_id(urn: str, owner: str, term_id: str) -> str:
    return _id("attribute", urn, owner, term_id)


def taxonomy_id(vocabulary: Vocabulary) -> str:
    return _id("taxonomy", vocabulary.value)


def taxonomy_term_id(vocabulary: Vocabulary, key: str) -> str:
    """A term's id from its census code (needs) or slug (other vocabularies)."""
    return _id("taxonomy_term", vocabulary.value, key.lower())


def broad_area_term_id(slug: str) -> str:
    """The broad areas of need are the top level of the needs taxonomy."""
    return _id("taxonomy_term", Vocabulary.NEEDS.value, "broad-area", slug)
