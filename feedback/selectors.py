"""Read-only questions about feedback and the published "You said, we did" responses."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Page, Site

from schools.models import SchoolPage

from .models import Feedback, FeedbackResponse, FeedbackSettings, YouSaidWeDidPage


def public_page(page_id: Any, site: Site | None) -> Page | None:
    """The live, public page ``page_id`` of ``site``, or None for anything else.

    ``page_id`` comes from a visitor's form, so any value is possible: a draft, a page
    behind a password or on another site is treated like one that does not exist.
    """
    text = str(page_id or "").strip()
    # Only what our own forms send: ASCII digits (int() would also take "٣" or "1_0").
    if site is None or not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    pk = int(text)
    return (
        Page.objects.live()
        .public()
        .descendant_of(site.root_page, inclusive=True)
        .filter(pk=pk)
        .first()
    )


def school_for_page(page: Page | None) -> SchoolPage | None:
    """The school a page is about: the school's own page (schools have no sub-pages)."""
    if page is None:
        return None
    return SchoolPage.objects.filter(pk=page.pk).first()


def retention_months() -> int:
    """How many months the council keeps feedback (Settings > Feedback settings)."""
    return FeedbackSettings.load().retention_months


def retention_cutoff(now: dt.datetime, months: int) -> dt.datetime:
    """The moment ``months`` calendar months before ``now`` (the 31st becomes the 30th...)."""
    year, month_index = divmod(now.year * 12 + (now.month - 1) - months, 12)
    month = month_index + 1
    return now.replace(
        year=year, month=month, day=min(now.day, calendar.monthrange(year, month)[1])
    )


def schools_edited_by(user: Any) -> QuerySet[SchoolPage]:
    """The schools ``user`` is an editor of (through the school's editors' group)."""
    if not getattr(user, "is_authenticated", False):
        return SchoolPage.objects.none()
    return SchoolPage.objects.filter(editor_group_link__group__user=user).order_by("title")


def feedback_about(school: SchoolPage) -> QuerySet[Feedback]:
    """Every piece of feedback about ``school``, newest first."""
    return Feedback.objects.filter(school=school).prefetch_related("themes")


def published_responses(site: Site | None) -> QuerySet[FeedbackResponse]:
    """The responses parents can read: those on the site's live, public "You said, we
    did" pages, as last published (drafts live only in revisions, never in these rows).
    Newest period first, then in the editor's order."""
    if site is None:
        return FeedbackResponse.objects.none()
    pages = YouSaidWeDidPage.objects.live().public().descendant_of(site.root_page, inclusive=True)
    return (
        FeedbackResponse.objects.filter(page__in=pages)
        .select_related("theme", "page")
        .prefetch_related("quotes")
        .order_by("-period_end", "-period_start", "page__path", "sort_order", "pk")
    )
