"""The "You said, we did" page and its JSON list: only what a moderator redacted, chose and
published ever reaches the public."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from feedback.factories import (
    FeedbackFactory,
    FeedbackResponseFactory,
    QuoteFactory,
    ThemeFactory,
    YouSaidWeDidPageFactory,
)
from feedback.models import FeedbackResponse, Quote, YouSaidWeDidPage
from schools.factories import site_home
from schools.models import SchoolPage
from tests.moderation.admin_forms import edit_url, form_fields
from tests.moderation.conftest import logged_in

pytestmark = pytest.mark.django_db

API = "/api/v1/feedback-responses/"
RAW = "My son Tom Smith at Heslerton could not find the SENCO's email anywhere."
REDACTED = "My son could not find the SENCO's email anywhere."


def draftail(text: str) -> str:
    """What the admin's rich text editor posts for one paragraph of ``text``."""
    block = {
        "key": "a1b2c",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def add_response(client: Client, page: YouSaidWeDidPage, action: str | None, **fields: str):
    """Add a response on the page's edit form and press ``action`` (None: save a draft)."""
    data = form_fields(client.get(edit_url(page)).content, "page-edit-form")
    number = int(data["responses-TOTAL_FORMS"][0])
    data["responses-TOTAL_FORMS"] = [str(number + 1)]
    prefix = f"responses-{number}-"
    values = {
        "id": "",
        "ORDER": str(number + 1),
        "DELETE": "",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "you_said": "Families could not find contact details.",
        "we_did": draftail("We asked every school to check them."),
        "progress": "done",
        "action_date": "2026-04-15",
        **fields,
    }
    for name, value in values.items():
        data[prefix + name] = value if isinstance(value, list) else [value]
    if action:
        data[f"action-{action}"] = ["1"]
    return client.post(edit_url(page), data)


def public_text(client: Client, page: YouSaidWeDidPage) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main").get_text(" ", strip=True)


@pytest.fixture
def you_said_we_did(db: None) -> YouSaidWeDidPage:
    return YouSaidWeDidPageFactory(parent=site_home())


def test_a_moderators_redaction_is_what_the_public_page_shows(
    moderator: AbstractBaseUser,
    school: SchoolPage,
    you_said_we_did: YouSaidWeDidPage,
    client: Client,
) -> None:
    theme = ThemeFactory(name="Contacting schools")
    feedback = FeedbackFactory(page=school, school=school, comment=RAW)
    admin = logged_in(moderator)
    inbox_edit = reverse("feedback_inbox:edit", args=[feedback.pk])
    data = form_fields(admin.get(inbox_edit).content, "w-editor-form")
    data.update(themes=[str(theme.pk)], quote_text=[REDACTED], approve_quote=["on"])
    assert admin.post(inbox_edit, data).status_code == 302
    quote = Quote.objects.get()

    response = add_response(
        admin, you_said_we_did, "publish", theme=str(theme.pk), quotes=[str(quote.pk)]
    )

    assert response.status_code == 302
    text = public_text(client, you_said_we_did)
    assert f"“{REDACTED}”" in text
    assert "Tom" not in text and "Heslerton" not in text
    assert "We asked every school to check them." in text
    assert "Contacting schools" in text
    assert "January to March 2026" in text
    assert "Done on 15 April 2026" in text
    listed = client.get(API).json()
    assert listed["count"] == 1
    item = listed["results"][0]
    assert item["quotes"] == [{"text": REDACTED, "said_in": f"{quote.said_on:%Y-%m}"}]
    assert item["theme"] == "Contacting schools"
    assert BeautifulSoup(item["we_did"], "html.parser").get_text() == (
        "We asked every school to check them."
    )
    assert item["period"] == {
        "start": "2026-01-01",
        "end": "2026-03-31",
        "label": "January to March 2026",
    }
    assert item["url"] == f"http://testserver{you_said_we_did.url}#period-2026-01-01-2026-03-31"
    assert "Tom" not in json.dumps(listed)


def test_the_quotes_offered_are_only_approved_ones(
    moderator: AbstractBaseUser, school: SchoolPage, you_said_we_did: YouSaidWeDidPage
) -> None:
    FeedbackFactory(page=school, school=school, comment=RAW)
    approved = QuoteFactory(text=REDACTED)

    html = unescape(logged_in(moderator).get(edit_url(you_said_we_did)).content.decode())

    # The choices offered in the form for a new response.
    choices = re.findall(r'name="responses-__prefix__-quotes" value="(\d+)"', html)
    assert choices == [str(approved.pk)]
    assert REDACTED in html
    assert "Tom Smith" not in html


def test_a_draft_response_stays_out_of_the_page_and_the_api(
    moderator: AbstractBaseUser, you_said_we_did: YouSaidWeDidPage, client: Client
) -> None:
    published = FeedbackResponseFactory(page=you_said_we_did, you_said="Already published.")
    theme = ThemeFactory(name="Transport")

    response = add_response(
        logged_in(moderator),
        you_said_we_did,
        None,
        theme=str(theme.pk),
        you_said="A draft nobody has approved.",
    )

    assert response.status_code == 302
    you_said_we_did.refresh_from_db()
    assert you_said_we_did.has_unpublished_changes
    text = public_text(client, you_said_we_did)
    assert "Already published." in text
    assert "A draft nobody has approved." not in text
    listed = client.get(API).json()
    assert [item["you_said"] for item in listed["results"]] == [published.you_said]
    # The draft is there for the moderator to preview.
    preview = logged_in(moderator).get(
        reverse("wagtailadmin_pages:view_draft", args=[you_said_we_did.pk])
    )
    assert "A draft nobody has approved." in preview.content.decode()


def test_an_unpublished_or_private_page_leaks_nothing(
    you_said_we_did: YouSaidWeDidPage, client: Client
) -> None:
    FeedbackResponseFactory(page=you_said_we_did, you_said="Said in private.")
    assert client.get(API).json()["count"] == 1

    restriction = PageViewRestriction.objects.create(
        page=you_said_we_did, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert client.get(API).json() == {"count": 0, "results": []}
    assert "Said in private." not in client.get(you_said_we_did.url).content.decode()
    restriction.delete()

    you_said_we_did.unpublish()
    assert client.get(API).json() == {"count": 0, "results": []}
    assert client.get(you_said_we_did.url or "/you-said-we-did/").status_code == 404
    assert "You said, we did" not in client.get("/").content.decode()


def test_a_page_created_but_never_published_leaks_nothing(
    moderator: AbstractBaseUser, client: Client
) -> None:
    home = site_home()
    draft = YouSaidWeDidPage(title="You said, we did", slug="draft-yswd", live=False)
    response = FeedbackResponseFactory.build(theme=ThemeFactory(), you_said="Not yet published.")
    draft.responses = [response]
    home.add_child(instance=draft)

    assert FeedbackResponse.objects.filter(page=draft).exists()  # saved with the new page
    assert client.get(API).json()["count"] == 0


def test_a_withdrawn_quote_leaves_the_published_page_at_once(
    you_said_we_did: YouSaidWeDidPage, client: Client
) -> None:
    quote = QuoteFactory(text="Words we may no longer publish.")
    response = FeedbackResponseFactory(page=you_said_we_did)
    response.quotes.set([quote])
    response.save()
    assert "Words we may no longer publish." in public_text(client, you_said_we_did)

    quote.delete()

    assert "Words we may no longer publish." not in public_text(client, you_said_we_did)
    assert client.get(API).json()["results"][0]["quotes"] == []


def test_periods_are_newest_first_and_the_page_is_linked_from_home_and_footer(
    you_said_we_did: YouSaidWeDidPage, client: Client
) -> None:
    FeedbackResponseFactory(
        page=you_said_we_did, period_start=dt.date(2025, 10, 1), period_end=dt.date(2025, 12, 31)
    )
    FeedbackResponseFactory(
        page=you_said_we_did, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 1, 31)
    )

    page = BeautifulSoup(client.get(you_said_we_did.url).content, "html.parser")
    periods = [heading.get_text() for heading in page.find("main").find_all("h2")]
    assert periods == ["Periods on this page", "January 2026", "October to December 2025"]
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.find("main").find("a", href=you_said_we_did.url).get_text() == "You said, we did"
    assert home.find("footer").find("a", href=you_said_we_did.url).get_text() == (
        "You said, we did"
    )
    listed = client.get(API).json()
    assert [item["period"]["label"] for item in listed["results"]] == [
        "January 2026",
        "October to December 2025",
    ]


def test_moderators_may_edit_and_publish_the_page(
    moderator: AbstractBaseUser, editor: AbstractBaseUser, you_said_we_did: YouSaidWeDidPage
) -> None:
    assert you_said_we_did.permissions_for_user(moderator).can_publish()
    assert not you_said_we_did.permissions_for_user(editor).can_edit()


def test_the_api_is_described_and_ignores_parameters(
    you_said_we_did: YouSaidWeDidPage, client: Client
) -> None:
    FeedbackResponseFactory(page=you_said_we_did)
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/feedback-responses/"]["get"]
    assert operation["operationId"] == "feedback_responses_list"
    assert "/api/v1/directory/" in schema["paths"]
    for query in ("?format=xml", "?page=-1&q=%00", "?format=html"):
        response = client.get(API + query, HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json()["count"] == 1
    assert client.post(API).status_code == 405
