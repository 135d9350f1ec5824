"""Feedback and email addresses are deleted after the council's period, and nothing else."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command

from feedback.factories import FeedbackFactory, QuoteFactory
from feedback.models import Feedback, FeedbackSettings
from feedback.selectors import retention_cutoff
from feedback.tasks import delete_old_feedback_task
from localoffer.services import ensure_privacy_notice

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 3, 15, 9, 0, tzinfo=LONDON)


def received(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture
def feedback_by_age(db: None) -> dict[str, Feedback]:
    return {
        "ancient": FeedbackFactory(received_at=received(2024, 1, 2, 12), email="old@example.org"),
        "just-over": FeedbackFactory(received_at=received(2025, 3, 15, 8, 59)),
        "just-under": FeedbackFactory(received_at=received(2025, 3, 15, 9, 1)),
        "recent": FeedbackFactory(received_at=received(2026, 3, 1), email="new@example.org"),
    }


@time_machine.travel(NOW, tick=False)
def test_the_command_deletes_what_is_older_than_twelve_months_and_nothing_else(
    feedback_by_age: dict[str, Feedback],
) -> None:
    quote = QuoteFactory(source=feedback_by_age["ancient"], text="Redacted words")
    out = StringIO()

    call_command("delete_old_feedback", stdout=out)

    left = set(Feedback.objects.values_list("pk", flat=True))
    assert left == {feedback_by_age["just-under"].pk, feedback_by_age["recent"].pk}
    assert not Feedback.objects.filter(email="old@example.org").exists()
    assert Feedback.objects.filter(email="new@example.org").exists()
    # The approved quote has no personal data: it stays, without its link.
    quote.refresh_from_db()
    assert (quote.text, quote.source) == ("Redacted words", None)
    assert out.getvalue().strip() == (
        "Deleted 2 piece(s) of feedback received before 15 March 2025 09:00 (kept for 12 months)."
    )


@time_machine.travel(NOW, tick=False)
def test_the_council_sets_the_period(feedback_by_age: dict[str, Feedback]) -> None:
    settings = FeedbackSettings.load()
    settings.retention_months = 1
    settings.save()

    call_command("delete_old_feedback", stdout=StringIO())

    assert list(Feedback.objects.values_list("pk", flat=True)) == [feedback_by_age["recent"].pk]


@time_machine.travel(NOW, tick=False)
def test_the_task_queue_runs_the_same_deletion(feedback_by_age: dict[str, Feedback]) -> None:
    result = delete_old_feedback_task.enqueue()

    assert result.return_value == {"deleted": 2, "months": 12}
    assert Feedback.objects.count() == 2
    # A second run finds nothing more to delete.
    assert delete_old_feedback_task.enqueue().return_value == {"deleted": 0, "months": 12}


@pytest.mark.parametrize(
    ("now", "months", "expected"),
    [
        (dt.datetime(2026, 3, 31, 12), 1, dt.datetime(2026, 2, 28, 12)),
        (dt.datetime(2024, 2, 29, 12), 12, dt.datetime(2023, 2, 28, 12)),
        (dt.datetime(2026, 1, 15, 0), 12, dt.datetime(2025, 1, 15, 0)),
        (dt.datetime(2026, 1, 15, 0), 13, dt.datetime(2024, 12, 15, 0)),
        (dt.datetime(2026, 12, 31), 120, dt.datetime(2016, 12, 31)),
    ],
)
def test_the_period_counts_calendar_months(
    now: dt.datetime, months: int, expected: dt.datetime
) -> None:
    assert retention_cutoff(now, months) == expected


def test_the_privacy_notice_states_the_period_and_is_linked(client, db: None) -> None:
    notice = ensure_privacy_notice()
    feedback_settings = FeedbackSettings.load()
    feedback_settings.retention_months = 18
    feedback_settings.save()

    text = " ".join(client.get(notice.url).content.decode().split())

    assert "and your email address if you gave one, 18 months after you send it" in text
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.find("footer").find("a", href=notice.url).get_text() == "Privacy notice"
    form = home.find(class_="app-page-feedback")
    assert form.find("a", href=notice.url).get_text() == "How we use and keep feedback"
