"""Factories for feedback, themes, quotes and the "You said, we did" page (tests and demo)."""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from .models import Feedback, FeedbackResponse, Quote, Theme, YouSaidWeDidPage


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")

    class Meta:
        model = Theme
        django_get_or_create = ("name",)


class FeedbackFactory(factory.django.DjangoModelFactory):
    """Feedback as a visitor sends it: pass ``page=`` (and ``school=`` for a school page)."""

    received_at = factory.LazyFunction(timezone.now)
    page = None
    page_title = factory.LazyAttribute(lambda o: o.page.title if o.page else "")
    page_path = factory.LazyAttribute(lambda o: (o.page.url or "") if o.page else "")
    useful = "no"
    comment = factory.Sequence(lambda n: f"Comment number {n}")

    class Meta:
        model = Feedback


class QuoteFactory(factory.django.DjangoModelFactory):
    text = factory.Sequence(lambda n: f"Approved words number {n}")
    said_on = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = Quote


class YouSaidWeDidPageFactory(wagtail_factories.PageFactory):
    """A live "You said, we did" page; pass ``parent=`` the home page."""

    title = "You said, we did"
    slug = "you-said-we-did"
    intro = "<p>What families told us, and what we did.</p>"

    class Meta:
        model = YouSaidWeDidPage


class FeedbackResponseFactory(factory.django.DjangoModelFactory):
    """One response on ``page=``; saved straight to the page's rows (what a publish does)."""

    period_start = dt.date(2026, 1, 1)
    period_end = dt.date(2026, 3, 31)
    theme = factory.SubFactory(ThemeFactory)
    you_said = "Families told us something."
    we_did = "<p>We did something about it.</p>"
    action_date = dt.date(2026, 4, 15)

    class Meta:
        model = FeedbackResponse
