"""``make run`` shows census figures for the demo schools, labelled as made-up examples."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from census.models import SchoolCensus
from schools.models import SchoolPage

pytestmark = pytest.mark.django_db


def test_the_demo_loads_example_figures_for_every_demo_school(
    client: Client, settings: Any
) -> None:
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())
    call_command("setup_demo", stdout=io.StringIO())  # idempotent

    schools = SchoolPage.objects.live()
    assert set(SchoolCensus.objects.values_list("year", flat=True)) == {2023, 2024}
    assert SchoolCensus.objects.filter(year=2024).count() == schools.count()
    assert not SchoolCensus.objects.filter(example=False).exists()

    main = BeautifulSoup(client.get(schools.first().url).content, "html.parser").find("main")
    section = main.find("section", class_="app-census")
    assert "These are example figures" in section.get_text()
    assert "(January 2025 census)" in section.get_text()
