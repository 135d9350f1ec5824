"""``make run`` shows a populated "You said, we did" page, clearly invented."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client

from feedback.models import Feedback, FeedbackResponse, Quote, Theme, YouSaidWeDidPage
from moderation.selectors import longest_unreviewed_school

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_populated_you_said_we_did_page(client: Client, settings: Any) -> None:
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())
    counts = [model.objects.count() for model in (Feedback, FeedbackResponse, Quote, Theme)]

    page = YouSaidWeDidPage.objects.get()
    main = BeautifulSoup(client.get(page.url).content, "html.parser").find("main")
    periods = [heading.get_text() for heading in main.find_all("h2")][1:]
    responses = main.find_all("section", class_="app-response")
    listed = client.get("/api/v1/feedback-responses/").json()

    assert page.live
    assert "everything on this page is an invented example" in main.get_text()
    assert len(periods) == 2
    assert len(responses) == len(listed["results"]) == 3
    assert all(item["you_said"].startswith("Example:") for item in listed["results"])
    assert all(quote.text.startswith("Example:") for quote in Quote.objects.all())
    assert all(f.comment.startswith("Example:") for f in Feedback.objects.exclude(comment=""))
    # The demo editor's school has feedback to show them.
    assert Feedback.objects.filter(school=longest_unreviewed_school()).exists()

    call_command("setup_demo", stdout=io.StringIO())
    assert [model.objects.count() for model in (Feedback, FeedbackResponse, Quote, Theme)] == counts
