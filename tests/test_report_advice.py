"""The editor's live checklist and plain-English help, through the real admin URLs."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser, Group
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from moderation.selectors import editor_group
from moderation.services import COUNCIL_MODERATORS
from schools.factories import SchoolPageFactory
from schools.models import JargonTerm, SchoolIndexPage, SchoolPage
from tests.moderation.admin_forms import edit_url, form_fields, post_edit
from tests.moderation.conftest import logged_in, make_user

HARD = (
    "<p>The school utilises a comprehensive, individualised and systematically evaluated "
    "programme of intervention, incorporating assessment in accordance with statutory "
    "requirements and the expectations articulated in the Code of Practice, ensuring "
    "appropriate differentiation for every SENCO referral.</p>"
)


@pytest.fixture
def editor(school: SchoolPage) -> AbstractBaseUser:
    return make_user("senco", editor_group(school))


def advice_url(page: SchoolPage) -> str:
    return reverse("schools_report_advice", args=[page.pk])


def test_the_checklist_follows_the_form_as_typed(school: SchoolPage, editor) -> None:
    client = logged_in(editor)
    data = form_fields(client.get(edit_url(school)).content, "page-edit-form")

    before = client.post(advice_url(school), data).json()
    data["transitions"] = [rich_text("<p>We visit every child before they start.</p>")]
    after = client.post(advice_url(school), data).json()

    assert after["missing"] == before["missing"] - 1
    checklist = BeautifulSoup(after["checklist"], "html.parser").get_text(" ")
    assert f"{after['missing']} of 20 statutory items are not answered yet" in checklist
    assert "support moves between phases" not in checklist
    # Ticking a type of need answers "which needs" too, as when the draft is saved.
    need_ids = [
        option["value"]
        for option in BeautifulSoup(client.get(edit_url(school)).content, "html.parser").select(
            'input[name="needs"]'
        )
    ]
    data["needs"] = need_ids[:1]
    assert client.post(advice_url(school), data).json()["missing"] == after["missing"] - 1
    # Nothing was saved.
    school.refresh_from_db()
    assert school.get_latest_revision_as_object().transitions == ""


def test_each_answer_gets_plain_english_help_as_typed(school: SchoolPage, editor) -> None:
    client = logged_in(editor)
    data = form_fields(client.get(edit_url(school)).content, "page-edit-form")
    data["identification"] = [rich_text(HARD)]

    advice = client.post(advice_url(school), data).json()["advice"]
    text = BeautifulSoup(advice["identification"], "html.parser").get_text(" ")
    assert "Many parents will find this hard to read" in text
    assert "long sentences" in text
    assert "SENCO" in text and "special educational needs co-ordinator (SENCO)" in text
    assert "lo-advice--none" in advice["complaints"]  # empty answers get none


def test_the_edit_screen_shows_the_help_and_says_the_list_is_live(
    school: SchoolPage, editor
) -> None:
    school.identification = HARD
    school.save_revision().publish()
    page = logged_in(editor).get(edit_url(school))
    soup = BeautifulSoup(page.content, "html.parser")

    help_box = soup.select_one('[data-readability-for="identification"]')
    assert "hard to read" in help_box.get_text(" ")
    checklist = soup.select_one("[data-live-checklist]")
    assert checklist["data-live-checklist"] == advice_url(school)
    # Without JavaScript the panel says how to refresh it; the script swaps the sentences.
    assert checklist.select_one("[data-checklist-static]").get("hidden") is None
    assert checklist.select_one("[data-checklist-live]").has_attr("hidden")
    assert soup.find("script", src=lambda src: src and "schools/js/live-checklist.js" in src)


def test_advice_never_blocks_saving_or_submitting(school: SchoolPage, editor, db: None) -> None:
    make_user("council", Group.objects.get(name=COUNCIL_MODERATORS))
    response = post_edit(logged_in(editor), school, "submit", identification=rich_text(HARD))
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "utilises" in school.get_latest_revision_as_object().identification


def test_an_editor_cannot_ask_about_another_schools_report(
    school: SchoolPage, schools_index: SchoolIndexPage
) -> None:
    other = SchoolPageFactory(parent=schools_index, title="Other School", urn="121999")
    outsider = make_user("outsider", editor_group(other))
    response = logged_in(outsider).post(advice_url(school), {})
    assert response.status_code in (302, 403)
    assert logged_in(outsider).get(advice_url(other)).status_code == 405


def test_the_council_edits_the_jargon_list(school: SchoolPage, editor) -> None:
    moderator = make_user("council", Group.objects.get(name=COUNCIL_MODERATORS))
    add_url = reverse(JargonTerm.snippet_viewset.get_url_name("add"))
    response = logged_in(moderator).post(
        add_url, {"term": "SENDCo-ish", "meaning": "our made-up word for the SENCO's office"}
    )
    assert response.status_code == 302
    client = logged_in(editor)
    data = form_fields(client.get(edit_url(school)).content, "page-edit-form")
    data["complaints"] = [rich_text("<p>Write to the SENDCo-ish first.</p>")]
    advice = client.post(advice_url(school), data).json()["advice"]["complaints"]
    assert "our made-up word for the SENCO&#x27;s office (SENDCo-ish)" in advice
