"""Invented feedback for the demo site (``make run``): themes, a few comments in the inbox,
approved quotes and a published "You said, we did" page.

Everything here is made up and says so, so that nobody mistakes it for what real
families said. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.models import Page

from schools.models import SchoolPage

from .models import Feedback, FeedbackResponse, Progress, Quote, Theme, YouSaidWeDidPage
from .services import ensure_you_said_we_did_page

DEMO_INTRO = (
    "<p><strong>This is a demonstration site: everything on this page is an invented "
    "example.</strong> On a council's site, this page says what families told the council "
    "about its Local Offer, and what the council did about it.</p>"
)
THEMES = {
    "Finding a school": "Searching the directory, filters, words that did not find anything.",
    "Contacting schools": "SENCO details, phone numbers and email addresses.",
    "Help for autism": "What schools offer autistic children, and how it is described.",
    "Transport": "Getting to school: home to school transport and travel training.",
}
# (theme, page to attach to, answer, comment, status): invented, for the inbox.
INBOX = [
    (
        "Finding a school",
        "directory",
        "no",
        "Example: I searched for 'ASC' and got nothing.",
        "answered",
    ),
    ("Contacting schools", "school", "no", "Example: the SENCO email bounced back.", "answered"),
    ("Help for autism", "school", "yes", "Example: the quiet room photo helped my son.", "new"),
    ("Transport", "home", "", "Example: where do I apply for school transport?", "in-progress"),
    ("", "home", "yes", "", "new"),
]
# (theme, quarters ago, you said, quotes, we did, progress, days from today)
RESPONSES = [
    (
        "Finding a school",
        1,
        "Example: some of you searched with words like 'ASC' or 'Asperger's' and found no "
        "schools, although several schools support autistic children.",
        ["Example: I typed ASC and the page said there were no schools."],
        "<p>Example: we taught the directory the words families use, so 'ASC', 'autistic' "
        "and 'Asperger's' now find the same schools as 'autism'.</p>",
        Progress.DONE,
        -20,
    ),
    (
        "Contacting schools",
        1,
        "Example: you told us that a few schools' SENCO contact details were out of date.",
        ["Example: the email address for the SENCO did not work."],
        "<p>Example: we asked every school to check its SENCO's details, and the directory now "
        "shows when each report was last reviewed.</p>",
        Progress.IN_PROGRESS,
        45,
    ),
    (
        "Transport",
        2,
        "Example: you could not find how to apply for home to school transport.",
        [],
        "<p>Example: we will add a link to the transport application on every school's page.</p>",
        Progress.PLANNED,
        100,
    ),
]


def quarter(today: dt.date, quarters_ago: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the calendar quarter ``quarters_ago`` before today's."""
    index = today.year * 4 + (today.month - 1) // 3 - quarters_ago
    year, number = divmod(index, 4)
    start = dt.date(year, number * 3 + 1, 1)
    next_start = dt.date(year + (number == 3), (number * 3 + 3) % 12 + 1, 1)
    return start, next_start - dt.timedelta(days=1)


def _themes() -> dict[str, Theme]:
    return {
        name: Theme.objects.get_or_create(name=name, defaults={"description": description})[0]
        for name, description in THEMES.items()
    }


def _inbox(themes: dict[str, Theme], pages: dict[str, Page]) -> None:
    now = timezone.now()
    for days_ago, (theme, where, useful, comment, status) in enumerate(INBOX, start=3):
        page = pages[where]
        feedback = Feedback.objects.create(
            received_at=now - dt.timedelta(days=days_ago * 5),
            page=page,
            page_title=page.title,
            page_path=page.url or "",
            school=page if isinstance(page, SchoolPage) else None,
            useful=useful,
            comment=comment,
            status=status,
        )
        if theme:
            feedback.themes.add(themes[theme])


def _responses(themes: dict[str, Theme]) -> list[FeedbackResponse]:
    today = timezone.localdate()
    responses = []
    for theme, quarters_ago, you_said, quotes, we_did, progress, days in RESPONSES:
        start, end = quarter(today, quarters_ago)
        response = FeedbackResponse(
            period_start=start,
            period_end=end,
            theme=themes[theme],
            you_said=you_said,
            we_did=we_did,
            progress=progress,
            action_date=today + dt.timedelta(days=days),
        )
        response.quotes = [
            Quote.objects.create(
                text=text, theme=themes[theme], said_on=start + dt.timedelta(days=40)
            )
            for text in quotes
        ]
        responses.append(response)
    return responses


def load_demo_feedback(
    home: Page, school: SchoolPage | None, directory: Page | None
) -> YouSaidWeDidPage:
    """Invented themes, inbox and "You said, we did" page for the demo (once)."""
    themes = _themes()
    if not Feedback.objects.exists():
        pages = {"home": home, "school": school or home, "directory": directory or home}
        _inbox(themes, pages)
    if YouSaidWeDidPage.objects.child_of(home).exists():
        return YouSaidWeDidPage.objects.child_of(home).get()
    return ensure_you_said_we_did_page(home, responses=_responses(themes), intro=DEMO_INTRO)
