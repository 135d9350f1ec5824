"""Editing a school page in the Wagtail admin: validation messages, guidance, checklist."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from moderation.selectors import missing_item_headings
from schools.checklist import STATUTORY_ITEMS
from schools.factories import SchoolPageFactory
from schools.models import ReportQuestion, SchoolIndexPage, SchoolPage


@pytest.fixture
def admin_client(db: None) -> Client:
    user = get_user_model().objects.create_superuser("council", "council@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def school_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Heslerton Primary School",
        "slug": "heslerton-primary-school",
        "urn": "121404",
        "phase": "primary",
        "senco_name": "Mrs R Wells",
        "senco_email": "senco@example.org",
        "identification": rich_text("<p>Teachers and parents raise concerns with the SENCO.</p>"),
        "extra_answers": inline_formset([]),
        "specialist_provisions": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(index: SchoolIndexPage) -> str:
    return reverse("wagtailadmin_pages:add", args=("schools", "schoolpage", index.pk))


def errors_of(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


def test_a_valid_school_can_be_created_in_the_admin(
    admin_client: Client, schools_index: SchoolIndexPage
) -> None:
    response = admin_client.post(add_url(schools_index), school_form())
    assert response.status_code == 302
    school = SchoolPage.objects.get(urn="121404")
    assert school.senco_name == "Mrs R Wells"
    assert not school.live  # saved as a draft until published


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("urn", "12345", "6-digit"),
        ("urn", "ABCDEF", "6-digit"),
        ("senco_email", "not-an-email", "valid email"),
        ("postcode", "AB12", "UK postcode"),
        ("phone", "call me", "phone number"),
    ],
)
def test_bad_input_gets_a_plain_english_error(
    admin_client: Client, schools_index: SchoolIndexPage, field: str, value: str, message: str
) -> None:
    response = admin_client.post(add_url(schools_index), school_form(**{field: value}))
    assert response.status_code == 200
    assert message in " ".join(errors_of(response)[field])
    assert not SchoolPage.objects.exists()


def test_a_duplicate_urn_is_refused_with_a_clear_message(
    admin_client: Client, schools_index: SchoolIndexPage
) -> None:
    SchoolPageFactory(parent=schools_index, urn="121404")
    response = admin_client.post(
        add_url(schools_index), school_form(slug="another-school", title="Another School")
    )
    assert response.status_code == 200
    assert errors_of(response)["urn"] == ["Another school page already uses this URN."]
    assert SchoolPage.objects.filter(urn="121404").count() == 1


def test_age_range_must_run_upwards(admin_client: Client, schools_index: SchoolIndexPage) -> None:
    response = admin_client.post(add_url(schools_index), school_form(age_low="11", age_high="4"))
    assert response.status_code == 200
    assert "oldest age" in " ".join(errors_of(response)["age_high"])


def test_the_editor_loads_with_council_guidance_and_the_checklist(
    admin_client: Client, school: SchoolPage
) -> None:
    question = ReportQuestion.objects.get(key="complaints")
    question.guidance = "Tell parents they can ask the council for mediation."
    question.question = "How can parents complain about SEN provision?"
    question.save()

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(school.pk,)))
    html = response.content.decode()

    assert response.status_code == 200
    # Guidance is read from the council's editable questions, not fixed in code.
    assert "Tell parents they can ask the council for mediation." in html
    assert "How can parents complain about SEN provision?" in html
    # The school has a SENCO but no report answers: 19 items are missing.
    assert "19 of 20 statutory items are not answered yet" in html


def test_the_checklist_reflects_the_draft_being_edited(
    admin_client: Client, school: SchoolPage
) -> None:
    school.complaints = "<p>Speak to the head teacher first.</p>"
    school.save_revision()  # a draft; the live page still has no answer

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(school.pk,)))

    assert "18 of 20 statutory items are not answered yet" in response.content.decode()


def test_council_questions_can_be_answered_by_schools(
    admin_client: Client, schools_index: SchoolIndexPage
) -> None:
    iqm = ReportQuestion.objects.create(
        key="inclusion_quality_mark",
        heading="Inclusion Quality Mark",
        question="Does the school hold the Inclusion Quality Mark?",
    )
    data = school_form(
        extra_answers=inline_formset(
            [{"question": iqm.pk, "answer": rich_text("<p>We have held the IQM since 2022.</p>")}]
        )
    )
    response = admin_client.post(add_url(schools_index), data)
    assert response.status_code == 302
    school = SchoolPage.objects.get(urn="121404")
    assert "IQM since 2022" in school.extra_answers.get().answer


def test_statutory_questions_cannot_be_offered_as_council_extras(
    admin_client: Client, schools_index: SchoolIndexPage
) -> None:
    statutory = ReportQuestion.objects.get(key="complaints")
    data = school_form(
        extra_answers=inline_formset([{"question": statutory.pk, "answer": rich_text("<p>x</p>")}])
    )
    response = admin_client.post(add_url(schools_index), data)
    assert response.status_code == 200
    assert not SchoolPage.objects.exists()


def test_an_empty_council_heading_falls_back_to_the_checklists_everywhere(
    client: Client, school: SchoolPage
) -> None:
    # One rule for headings: the public report and the moderator's missing list agree.
    ReportQuestion.objects.filter(key="complaints").update(heading="")
    checklist_heading = next(item.heading for item in STATUTORY_ITEMS if item.key == "complaints")

    sections = {section.key: section.heading for section in school.report_sections()}
    page = client.get(school.url).content.decode()

    assert sections["complaints"] == checklist_heading
    assert checklist_heading in missing_item_headings(school)
    assert checklist_heading in page


def test_the_tick_boxes_say_that_parents_search_by_them(
    admin_client: Client, school: SchoolPage
) -> None:
    # A SENCO ticking needs, accessibility and services learns why it matters: the
    # directory's searches and filters find schools by these ticks.
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(school.pk,)))
    soup = BeautifulSoup(response.content, "html.parser")

    for field in ("needs", "accessibility_features", "outreach_services"):
        box = soup.select_one(f"[data-field-wrapper]:has(#id_{field}_0)")
        assert box is not None, field
        help_text = box.select_one(".w-field__help").get_text(" ", strip=True)
        assert "Parents" in help_text and "'Find a school'" in help_text, field
