"""The moderator's review screen: only what changed, the submitted version's checklist,
and the decision, through the real admin URLs."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from schools.compliance import check_compliance
from schools.models import ReportQuestion, SchoolPage

from .admin_forms import post_edit
from .conftest import logged_in

PROGRESS_BEFORE = (
    "<p>We meet parents before a child starts.</p>"
    "<p>Every pupil's progress is checked each term by the class teacher.</p>"
)
PROGRESS_AFTER = (
    "<p>We meet parents before a child starts.</p>"
    "<p>Every pupil's progress is checked three times a year by the class teacher.</p>"
)


def review_url(page: SchoolPage) -> str:
    return reverse("moderation_review_changes", args=[page.pk])


def heading(key: str) -> str:
    return ReportQuestion.objects.get(key=key).heading


@pytest.fixture
def submitted(school_a: SchoolPage, editor_a: AbstractBaseUser) -> SchoolPage:
    school_a.assessing_progress = PROGRESS_BEFORE
    school_a.identification = "<p>Teachers tell the SENCO about any worry.</p>"
    school_a.save_revision().publish()
    post_edit(
        logged_in(editor_a),
        school_a,
        "submit",
        assessing_progress=rich_text(PROGRESS_AFTER),
        transitions=rich_text("<p>The SENCO visits each child's next school with them.</p>"),
        senco_phone="01653 600 600",
    )
    school_a.refresh_from_db()
    mail.outbox.clear()
    return school_a


def test_the_review_screen_shows_only_what_changed(
    submitted: SchoolPage, moderator: AbstractBaseUser
) -> None:
    response = logged_in(moderator).get(review_url(submitted))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    changed = [" ".join(h.get_text(" ").split()) for h in soup.select(".lo-diff h3")]
    assert changed == [heading("assessing_progress"), heading("transitions") + " new answer"]
    assert heading("identification") not in soup.get_text()

    # The changed answer keeps its paragraphs apart and marks only the changed words.
    progress = soup.select(".lo-diff")[0]
    paragraphs = progress.select(".lo-diff__paragraph")
    assert len(paragraphs) == 2
    assert "lo-diff__paragraph--same" in paragraphs[0]["class"]
    assert [d.get_text(" ", strip=True) for d in paragraphs[1].select("del")] == [
        "removed: each term"
    ]
    assert [i.get_text(" ", strip=True) for i in paragraphs[1].select("ins")] == [
        "added: three times a year"
    ]
    # Its plain-English help is the same as the editor's.
    assert "easy to read" in progress.select_one("[data-readability-for]").get_text()

    facts = {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.select("td")]
        for row in soup.select(".lo-facts tbody tr")
    }
    assert facts == {"SENCO phone": ["(none)", "01653 600 600"]}


def test_the_review_screen_has_the_submitted_versions_checklist(
    submitted: SchoolPage, moderator: AbstractBaseUser
) -> None:
    text = " ".join(
        BeautifulSoup(logged_in(moderator).get(review_url(submitted)).content, "html.parser")
        .get_text(" ")
        .split()
    )
    submitted_version = submitted.current_workflow_task_state.revision.as_object()
    missing = len(check_compliance(submitted_version).missing)
    assert missing == len(check_compliance(submitted).missing) - 1  # the live page's
    assert f"{missing} of 20 statutory items are not answered" in text
    assert "now answers 1 more statutory item" in text


def test_approving_on_the_review_screen_publishes_and_says_so(
    submitted: SchoolPage, moderator: AbstractBaseUser, editor_a: AbstractBaseUser
) -> None:
    client = logged_in(moderator)
    with time_machine.travel(
        dt.datetime(2026, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/London")), tick=False
    ):
        response = client.post(review_url(submitted), {"decision": "approve", "comment": ""})
    assert response.headers["Location"] == reverse("moderation_school_status")
    shown = " ".join(str(m) for m in client.get(response.headers["Location"]).context["messages"])
    assert "report approved and published; review date set to 3 March 2026" in shown

    submitted.refresh_from_db()
    assert "three times a year" in submitted.assessing_progress
    assert submitted.last_reviewed == dt.date(2026, 3, 3)
    assert [message.to for message in mail.outbox] == [[editor_a.email]]


def test_requesting_changes_needs_a_comment(
    submitted: SchoolPage, moderator: AbstractBaseUser
) -> None:
    client = logged_in(moderator)
    response = client.post(review_url(submitted), {"decision": "reject", "comment": " "})
    assert response.status_code == 200
    assert b"Say what the school should change" in response.content
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    client.post(review_url(submitted), {"decision": "reject", "comment": "Add the dates."})
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert "Add the dates." in mail.outbox[0].body


def test_editors_cannot_open_the_review_screen(
    submitted: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    response = logged_in(editor_a).get(review_url(submitted))
    assert response.status_code in (302, 403)


def test_a_report_not_in_moderation_has_nothing_to_review(
    school_a: SchoolPage, moderator: AbstractBaseUser
) -> None:
    response = logged_in(moderator).get(review_url(school_a))
    assert b"is not waiting for review" in response.content
    response = logged_in(moderator).post(review_url(school_a), {"decision": "approve"})
    assert response.status_code == 302
    assert not school_a.has_unpublished_changes
