"""The council's feedback inbox in the admin, and each school's view for its editors."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from feedback.factories import FeedbackFactory, ThemeFactory
from feedback.models import Feedback, Quote
from schools.factories import site_home
from schools.models import SchoolPage
from tests.moderation.admin_forms import form_fields
from tests.moderation.conftest import logged_in

pytestmark = pytest.mark.django_db

INBOX = reverse("feedback_inbox:index")
LONDON = ZoneInfo("Europe/London")


def rows(response) -> list[list[str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"])]
        for row in soup.select("table.listing tbody tr")
    ]


def comments(response) -> set[str]:
    texts = set()
    for row in rows(response):
        texts |= {cell for cell in row if cell.startswith("Comment ") or "SENCO" in cell}
    return texts


@pytest.fixture
def inbox(school: SchoolPage, other_school: SchoolPage) -> dict[str, Feedback]:
    transport = ThemeFactory(name="Transport")
    items = {
        "school": FeedbackFactory(
            page=school, school=school, comment="Comment about the SENCO", useful="no"
        ),
        "other": FeedbackFactory(
            page=other_school,
            school=other_school,
            comment="Comment about Brompton",
            email="parent@example.org",
            useful="yes",
        ),
        "home": FeedbackFactory(page=site_home(), comment="Comment about buses", useful=""),
    }
    items["home"].themes.add(transport)
    items["other"].status = "answered"
    items["other"].save()
    return items


def test_moderators_see_every_piece_of_feedback(
    moderator: AbstractBaseUser, inbox: dict[str, Feedback]
) -> None:
    response = logged_in(moderator).get(INBOX)

    assert response.status_code == 200
    table = {row[4]: row for row in rows(response)}
    assert set(table) == {
        "Comment about the SENCO",
        "Comment about Brompton",
        "Comment about buses",
    }
    assert table["Comment about Brompton"][2:] == [
        "Brompton Academy",
        "Yes",
        "Comment about Brompton",
        "",
        "Answered",
        "Wants a reply",
    ]
    assert table["Comment about buses"][5] == "Transport"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "answered"}, {"Comment about Brompton"}),
        ({"status": "new"}, {"Comment about the SENCO", "Comment about buses"}),
        ({"useful": "no"}, {"Comment about the SENCO"}),
        ({"reply": "wanted"}, {"Comment about Brompton"}),
        ({"q": "buses"}, {"Comment about buses"}),
        ({"q": "parent@example"}, {"Comment about Brompton"}),
    ],
)
def test_the_inbox_filters_and_searches(
    moderator: AbstractBaseUser, inbox: dict[str, Feedback], query: dict[str, str], expected
) -> None:
    response = logged_in(moderator).get(INBOX, query)

    assert {row[4] for row in rows(response)} == expected


def test_the_inbox_filters_by_school_page_and_theme(
    moderator: AbstractBaseUser, inbox: dict[str, Feedback], school: SchoolPage
) -> None:
    client = logged_in(moderator)
    theme = inbox["home"].themes.get()

    by_school = client.get(INBOX, {"school": school.pk})
    by_page = client.get(INBOX, {"page": site_home().pk})
    by_theme = client.get(INBOX, {"theme": theme.pk})
    untagged = client.get(INBOX, {"no_theme": "true"})

    assert {row[4] for row in rows(by_school)} == {"Comment about the SENCO"}
    assert {row[4] for row in rows(by_page)} == {"Comment about buses"}
    assert {row[4] for row in rows(by_theme)} == {"Comment about buses"}
    assert {row[4] for row in rows(untagged)} == {
        "Comment about the SENCO",
        "Comment about Brompton",
    }


def edit(client, feedback: Feedback, **changes: object):
    url = reverse("feedback_inbox:edit", args=[feedback.pk])
    data = form_fields(client.get(url).content, "w-editor-form")
    data.update({key: value for key, value in changes.items()})
    return client.post(url, data)


def test_a_moderator_tags_answers_and_approves_a_redacted_quote(
    moderator: AbstractBaseUser, school: SchoolPage
) -> None:
    feedback = FeedbackFactory(
        page=school,
        school=school,
        comment="My son Tom could not find the SENCO. Call me on 07700 900123 or tom@example.org",
    )
    theme = ThemeFactory(name="Contacting schools")
    client = logged_in(moderator)

    page = BeautifulSoup(
        client.get(reverse("feedback_inbox:edit", args=[feedback.pk])).content, "html.parser"
    )
    suggested = page.find("textarea", attrs={"name": "quote_text"}).get_text().strip()
    assert suggested == (
        "My son Tom could not find the SENCO. Call me on [phone number removed] or "
        "[email address removed]"
    )

    response = edit(
        client,
        feedback,
        themes=[str(theme.pk)],
        status="answered",
        notes="Phoned the school; contact details fixed.",
        quote_text="My son could not find the SENCO's contact details.",
        approve_quote="on",
    )

    assert response.status_code == 302
    feedback.refresh_from_db()
    assert list(feedback.themes.all()) == [theme]
    assert (feedback.status, feedback.answered_by) == ("answered", moderator)
    assert feedback.answered_at is not None
    quote = Quote.objects.get()
    assert quote.text == "My son could not find the SENCO's contact details."
    assert (quote.source, quote.theme, quote.approved_by) == (feedback, theme, moderator)
    assert quote.said_on == feedback.received_at.astimezone(LONDON).date()
    # The raw comment is untouched: redaction makes a separate, publishable text.
    assert feedback.comment.startswith("My son Tom")

    edit(client, feedback, approve_quote="")
    assert not Quote.objects.exists()


def test_approving_needs_the_redacted_text(moderator: AbstractBaseUser, school: SchoolPage) -> None:
    feedback = FeedbackFactory(page=school, school=school)

    response = edit(logged_in(moderator), feedback, quote_text="", approve_quote="on")

    assert response.status_code == 200
    assert "Write the redacted text to approve." in response.content.decode()
    assert not Quote.objects.exists()


def test_the_export_has_every_column_and_defuses_formulas(
    moderator: AbstractBaseUser, school: SchoolPage
) -> None:
    FeedbackFactory(
        page=school,
        school=school,
        comment=' =HYPERLINK("http://evil.example","click")',
        email="parent@example.org",
        received_at=dt.datetime(2026, 2, 3, 10, 0, tzinfo=LONDON),
    )
    client = logged_in(moderator)

    response = client.get(INBOX, {"export": "csv"})
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    workbook = client.get(INBOX, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(workbook.streaming_content))).active

    assert 'filename="feedback-' in response["Content-Disposition"]
    assert table[0] == [
        "Received",
        "Page",
        "Page address",
        "School",
        "Is the page useful?",
        "Comment",
        "Email for a reply",
        "Themes",
        "Status",
        "Council notes",
        "Answered",
    ]
    assert table[1][3:7] == [
        school.title,
        "No",
        '\' =HYPERLINK("http://evil.example","click")',
        "parent@example.org",
    ]
    values = [cell.value for cell in next(sheet.iter_rows(min_row=2))]
    assert values[5] == ' =HYPERLINK("http://evil.example","click")'
    assert sheet.cell(2, 6).data_type == "s"


def test_school_editors_cannot_open_the_inbox(
    editor: AbstractBaseUser, inbox: dict[str, Feedback]
) -> None:
    client = logged_in(editor)

    assert client.get(INBOX).status_code in (302, 403)
    feedback = inbox["school"]
    assert client.get(reverse("feedback_inbox:edit", args=[feedback.pk])).status_code in (302, 403)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "School feedback" in menu
    assert reverse("feedback_inbox:index") not in menu


def test_school_editors_see_only_their_own_schools_feedback(
    editor: AbstractBaseUser,
    inbox: dict[str, Feedback],
    school: SchoolPage,
    other_school: SchoolPage,
) -> None:
    client = logged_in(editor)

    landing = client.get(reverse("feedback_my_schools"))
    assert landing.status_code == 302
    response = client.get(landing["Location"])

    assert landing["Location"] == reverse("feedback_school", args=[school.pk])
    assert [row[3] for row in rows(response)] == ["Comment about the SENCO"]
    assert "Brompton" not in response.content.decode()
    refused = client.get(reverse("feedback_school", args=[other_school.pk]), follow=True)
    assert refused.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert "Sorry, you do not have permission" in refused.content.decode()
    assert "Comment about Brompton" not in refused.content.decode()
    export = client.get(reverse("feedback_school", args=[school.pk]), {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert "Comment about the SENCO" in text and "Brompton" not in text


def test_school_editors_never_see_the_senders_email(
    editor: AbstractBaseUser, school: SchoolPage
) -> None:
    FeedbackFactory(page=school, school=school, email="private@example.org")
    client = logged_in(editor)

    page = client.get(reverse("feedback_school", args=[school.pk])).content.decode()
    export = client.get(reverse("feedback_school", args=[school.pk]), {"export": "csv"})

    assert "private@example.org" not in page
    assert "private@example.org" not in b"".join(export.streaming_content).decode()


def test_the_school_page_links_its_editors_to_its_feedback(
    editor: AbstractBaseUser, moderator: AbstractBaseUser, school: SchoolPage, other_school
) -> None:
    feedback_url = reverse("feedback_school", args=[school.pk])

    for user in (editor, moderator):
        edit_page = logged_in(user).get(reverse("wagtailadmin_pages:edit", args=[school.pk]))
        assert feedback_url in edit_page.content.decode()
    assert logged_in(moderator).get(feedback_url).status_code == 200


def test_someone_who_edits_no_school_has_no_school_feedback(db: None) -> None:
    from tests.moderation.conftest import make_user

    nobody = make_user("nobody")

    assert logged_in(nobody).get(reverse("feedback_my_schools")).status_code in (302, 403)
