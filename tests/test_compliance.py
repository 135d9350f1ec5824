"""The statutory checklist: which items a report answers and which it misses."""

from __future__ import annotations

import datetime as dt

import pytest

from schools.checklist import STATUTORY_ITEMS, STATUTORY_KEYS, TEXT_ITEM_KEYS
from schools.compliance import check_compliance, is_blank
from schools.models import NeedArea, SchoolPage
from schools.review import ReviewStatus, next_review_due, review_status


def answer_everything(page: SchoolPage) -> None:
    for key in TEXT_ITEM_KEYS:
        setattr(page, key, f"<p>Our answer about {key}.</p>")


def test_the_checklist_has_every_item_in_the_regulations() -> None:
    assert len(STATUTORY_ITEMS) == 20
    assert len(set(STATUTORY_KEYS)) == 20
    assert "senco_contact" in STATUTORY_KEYS and "senco_contact" not in TEXT_ITEM_KEYS


def test_an_empty_report_misses_every_item(school: SchoolPage) -> None:
    school.senco_name = ""
    result = check_compliance(school)
    assert not result.is_compliant
    assert result.missing_keys == list(STATUTORY_KEYS)


def test_a_full_report_is_compliant(school: SchoolPage) -> None:
    answer_everything(school)
    result = check_compliance(school)
    assert result.is_compliant
    assert result.missing == ()
    assert len(result.answered) == 20


@pytest.mark.parametrize("blank", ["", "<p></p>", "<p>&nbsp;</p>", "<p> <br/> </p>", "   "])
def test_whitespace_and_empty_markup_do_not_count_as_an_answer(
    school: SchoolPage, blank: str
) -> None:
    answer_everything(school)
    school.complaints = blank
    assert check_compliance(school).missing_keys == ["complaints"]


def test_the_senco_needs_a_name_and_a_way_to_contact_them(school: SchoolPage) -> None:
    answer_everything(school)
    school.senco_email = ""
    school.senco_phone = ""
    assert check_compliance(school).missing_keys == ["senco_contact"]
    school.senco_phone = "01944 728277"
    assert check_compliance(school).is_compliant
    school.senco_name = ""
    assert check_compliance(school).missing_keys == ["senco_contact"]


def test_ticking_needs_answers_which_needs_the_school_provides_for(school: SchoolPage) -> None:
    answer_everything(school)
    school.kinds_of_need = ""
    assert check_compliance(school).missing_keys == ["kinds_of_need"]
    school.needs.add(NeedArea.objects.get(code="ASD"))
    assert check_compliance(school).is_compliant


@pytest.mark.parametrize(
    ("text", "blank"),
    [("", True), (None, True), ("<p>Yes</p>", False), ("<ul><li>x</li></ul>", False)],
)
def test_is_blank(text: str | None, blank: bool) -> None:
    assert is_blank(text) is blank


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (dt.date(2026, 3, 3), ReviewStatus.CURRENT),
        (dt.date(2027, 1, 31), ReviewStatus.CURRENT),
        (dt.date(2027, 2, 1), ReviewStatus.DUE_SOON),
        (dt.date(2027, 3, 3), ReviewStatus.DUE_SOON),
        (dt.date(2027, 3, 4), ReviewStatus.OVERDUE),
    ],
)
def test_reports_fall_due_twelve_months_after_review(today: dt.date, status: str) -> None:
    assert next_review_due(dt.date(2026, 3, 3)) == dt.date(2027, 3, 3)
    assert review_status(dt.date(2026, 3, 3), today) == status


def test_a_report_never_reviewed_says_so() -> None:
    assert review_status(None, dt.date(2026, 1, 1)) == ReviewStatus.NEVER_REVIEWED


def test_a_leap_day_review_falls_due_on_28_february() -> None:
    assert next_review_due(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
