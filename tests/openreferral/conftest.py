"""The data the ORUK API tests read: the demo schools, and a school with every detail."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from schools.factories import SchoolPageFactory
from schools.models import (
    AccessibilityFeature,
    NeedArea,
    OutreachService,
    ProvisionKind,
    SchoolIndexPage,
    SchoolPage,
    SpecialistProvision,
)

DEMO_SCHOOLS = Path(settings.BASE_DIR) / "schools" / "fixtures" / "demo_schools.json"


def publish(page: SchoolPage) -> SchoolPage:
    page.save_revision().publish()
    return SchoolPage.objects.get(pk=page.pk)


@pytest.fixture
def demo_schools(schools_index: SchoolIndexPage) -> list[SchoolPage]:
    """The demo site's schools, loaded as `make run` loads them."""
    call_command("import_schools", str(DEMO_SCHOOLS), stdout=io.StringIO())
    return list(SchoolPage.objects.live())


@pytest.fixture
def rich_school(schools_index: SchoolIndexPage) -> SchoolPage:
    """A school with every detail the API publishes filled in."""
    needs = {need.code: need for need in NeedArea.objects.all()}
    page = SchoolPageFactory(
        parent=schools_index,
        title="Ryedale Example Academy",
        urn="990003",
        phase="secondary",
        establishment_type="academy",
        age_low=11,
        age_high=18,
        address="Swainsea Lane",
        town="Pickering",
        postcode="YO18 7ZZ",
        website="https://www.ryedale-example.org.uk/",
        phone="01751 470000",
        email="office@ryedale-example.org.uk",
        head_teacher="Dr Amélie Durand",
        senco_name="Mr J Senco",
        senco_email="senco@ryedale-example.org.uk",
        last_reviewed=dt.date(2025, 9, 1),
        latitude=54.245525,
        longitude=-0.781494,
        kinds_of_need="<p>We support pupils with hearing &amp; vision impairments.</p>",
        needs=[needs["SEMH"]],
        accessibility_features=list(
            AccessibilityFeature.objects.filter(slug__in=["lift", "hearing-loop"])
        ),
        outreach_services=list(
            OutreachService.objects.filter(slug="specialist-teachers-sensory-physical")
        ),
    )
    provision = SpecialistProvision(kind=ProvisionKind.SEN_UNIT, places=10, on_roll=9)
    provision.needs = [needs["HI"], needs["VI"]]
    page.specialist_provisions = [provision]
    return publish(page)


@pytest.fixture
def hidden_schools(schools_index: SchoolIndexPage) -> list[SchoolPage]:
    """A draft that was never published and a page behind a password."""
    draft = SchoolPageFactory(parent=schools_index, title="Draft School", urn="990901", live=False)
    private = publish(SchoolPageFactory(parent=schools_index, title="Private School", urn="990902"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return [draft, private]
