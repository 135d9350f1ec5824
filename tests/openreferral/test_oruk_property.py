"""Whatever a school writes on its page, its ORUK records still validate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openreferral import ids
from schools.factories import SchoolPageFactory, school_index
from schools.models import (
    AccessibilityFeature,
    EstablishmentType,
    NeedArea,
    OutreachService,
    Phase,
    ProvisionKind,
    SchoolPage,
    SpecialistProvision,
)

from .conftest import publish
from .oruk_schemas import problems

# Any printable text, including emoji and other scripts; the database rejects NUL and
# lone surrogates, and so do the page's forms.
TEXT = st.characters(blacklist_categories=("Cs", "Cc"))


def text(max_size: int) -> st.SearchStrategy[str]:
    return st.text(TEXT, max_size=max_size)


def optional(strategy: st.SearchStrategy[Any], empty: Any = "") -> st.SearchStrategy[Any]:
    return st.one_of(st.just(empty), strategy)


postcodes = st.from_regex(r"[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}", fullmatch=True)
websites = st.from_regex(r"https://[a-z]{1,12}\.example\.org/[a-z0-9-]{0,20}", fullmatch=True)
emails = st.from_regex(r"[a-z]{1,12}@[a-z]{1,12}\.example\.org", fullmatch=True)


@st.composite
def school_pages(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(st.one_of(st.none(), st.integers(0, 19)))
    high = draw(st.one_of(st.none(), st.integers(low or 0, 25)))
    placed = draw(st.booleans())
    return {
        "title": draw(st.text(TEXT, min_size=1, max_size=255).filter(str.strip)),
        "phase": draw(st.sampled_from(Phase.values)),
        "establishment_type": draw(optional(st.sampled_from(EstablishmentType.values))),
        "age_low": low,
        "age_high": high,
        "address": draw(optional(st.lists(text(80), max_size=4).map("\n".join))),
        "town": draw(optional(text(100))),
        "postcode": draw(optional(postcodes)),
        "website": draw(optional(websites)),
        "email": draw(optional(emails)),
        "head_teacher": draw(optional(text(120))),
        "senco_name": draw(optional(text(120))),
        "senco_email": draw(optional(emails)),
        "last_reviewed": draw(
            st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)))
        ),
        "latitude": draw(st.floats(49.8, 60.9)) if placed else None,
        "longitude": draw(st.floats(-8.7, 1.8)) if placed else None,
        # A long answer, as rich text with whatever characters the school typed.
        "kinds_of_need": draw(optional(text(5000).map(lambda t: f"<p>{t}</p>"))),
    }


vocabulary_picks = st.tuples(
    st.sets(st.integers(0, 11), max_size=12),
    st.sets(st.integers(0, 10), max_size=11),
    st.sets(st.integers(0, 17), max_size=18),
)
provision_picks = st.lists(
    st.tuples(
        st.sampled_from(ProvisionKind.values),
        st.one_of(st.none(), st.integers(0, 500)),
        st.one_of(st.none(), st.integers(0, 500)),
        st.sets(st.integers(0, 11), max_size=4),
    ),
    max_size=3,
)


def pick(items: list[Any], positions: set[int]) -> list[Any]:
    return [item for position, item in enumerate(items) if position in positions]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(facts=school_pages(), picks=vocabulary_picks, provisions=provision_picks)
def test_any_valid_school_page_gives_valid_oruk_records(
    client: Client, db: None, facts: dict[str, Any], picks: Any, provisions: Any
) -> None:
    needs = list(NeedArea.objects.order_by("pk"))
    features = list(AccessibilityFeature.objects.order_by("pk"))
    services = list(OutreachService.objects.order_by("pk"))
    page = SchoolPageFactory.build(urn="990999", slug="generated-school", **facts)
    page.needs = pick(needs, picks[0])
    page.accessibility_features = pick(features, picks[1])
    page.outreach_services = pick(services, picks[2])
    rows = []
    for kind, places, on_roll, need_positions in provisions:
        row = SpecialistProvision(kind=kind, places=places, on_roll=on_roll)
        row.needs = pick(needs, need_positions)
        rows.append(row)
    page.specialist_provisions = rows
    # Saving runs the page's own validation: only content an editor could save is tried.
    school_index().add_child(instance=page)
    page = publish(page)
    try:
        service = client.get(f"/api/oruk/services/{ids.service_id(page.urn)}").json()
        location = client.get(
            f"/api/oruk/service_at_locations/{ids.service_at_location_id(page.urn)}"
        ).json()
        organization = client.get(f"/api/oruk/organizations/{ids.organization_id(page.urn)}")
        listing = client.get("/api/oruk/services", {"full": "true"}).json()

        assert problems(service, "service") == []
        assert problems(location, "service_at_location") == []
        assert problems(organization.json(), "organization") == []
        assert problems(listing, "service_list") == []
        assert service["name"].endswith(page.title)
    finally:
        SchoolPage.objects.filter(pk=page.pk).delete()
