"""Rules that change feedback: recording it, the council's handling, quotes, retention."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from council.models import CouncilSettings

from .models import (
    Feedback,
    FeedbackResponse,
    FeedbackStatus,
    Quote,
    YouSaidWeDidPage,
)
from .selectors import retention_cutoff, retention_months, school_for_page

logger = logging.getLogger(__name__)

# A visitor who answered "Is this page useful?" may add a comment to that answer from
# the thank-you page for this long; after that a comment is recorded on its own.
FOLLOW_UP_SALT = "feedback.follow-up"
FOLLOW_UP_MAX_AGE = dt.timedelta(hours=1)

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE_LIKE = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")
_PHONE_MIN_DIGITS = 9  # a date such as 2026-01-31 has 8


@dataclass(frozen=True)
class Received:
    """What a visitor sent, checked by the form."""

    page: Page | None
    useful: str = ""
    comment: str = ""
    email: str = ""


def follow_up_token(feedback: Feedback) -> str:
    """A signed, short-lived token that lets the sender add a comment to ``feedback``."""
    return signing.TimestampSigner(salt=FOLLOW_UP_SALT).sign(str(feedback.pk))


def _followed_up(token: str) -> Feedback | None:
    if not token:
        return None
    try:
        pk = signing.TimestampSigner(salt=FOLLOW_UP_SALT).unsign(token, max_age=FOLLOW_UP_MAX_AGE)
    except signing.BadSignature:
        return None
    # Only an answer without a comment can be added to, so a token cannot rewrite anything.
    return Feedback.objects.filter(pk=pk, comment="").first()


def feedback_awaiting_comment(token: str) -> Feedback | None:
    """The answer ``token`` allows a comment to be added to, if it still does."""
    return _followed_up(token)


@transaction.atomic
def record_feedback(received: Received, follow_up: str = "") -> Feedback:
    """Save what a visitor sent, with the page and school it is about.

    With a valid ``follow_up`` token the comment is added to the visitor's earlier
    answer instead of making a second record; an expired or altered token is ignored
    and the comment is saved on its own, so nothing the visitor wrote is lost.
    """
    earlier = _followed_up(follow_up)
    if earlier is not None and received.comment:
        earlier.comment = received.comment
        earlier.email = received.email
        earlier.save(update_fields=["comment", "email"])
        return earlier
    page = received.page
    return Feedback.objects.create(
        page=page,
        page_title=page.title[:255] if page else "",
        page_path=(page.get_url() or "")[:500] if page else "",
        school=school_for_page(page),
        useful=received.useful,
        comment=received.comment,
        email=received.email,
    )


def suggest_redaction(text: str) -> str:
    """``text`` with email addresses and phone numbers taken out: a start for a moderator,
    who must still remove names and anything else that identifies a family."""
    text = _EMAIL.sub("[email address removed]", text)

    def phone(match: re.Match[str]) -> str:
        digits = sum(character.isdigit() for character in match.group())
        return "[phone number removed]" if digits >= _PHONE_MIN_DIGITS else match.group()

    return _PHONE_LIKE.sub(phone, text)


def set_status(feedback: Feedback, status: str, user: Any) -> None:
    """Record who answered and when, the first time feedback is marked answered."""
    feedback.status = status
    if status == FeedbackStatus.ANSWERED:
        if feedback.answered_at is None:
            feedback.answered_at = timezone.now()
            feedback.answered_by = user
    else:
        feedback.answered_at = None
        feedback.answered_by = None


@transaction.atomic
def approve_quote(feedback: Feedback, text: str, user: Any) -> Quote:
    """Approve ``text``, a moderator's redaction of ``feedback``, for publication.

    The quote keeps the first theme of the feedback and the month it was sent. It is not
    published by this: a moderator chooses it on the "You said, we did" page.
    """
    quote = Quote.objects.filter(source=feedback).first() or Quote(source=feedback)
    quote.text = text.strip()
    quote.theme = quote.theme or feedback.themes.order_by("name").first()
    quote.said_on = timezone.localdate(feedback.received_at)
    quote.approved_by = user
    quote.approved_at = timezone.now()
    quote.save()
    return quote


def withdraw_quote(feedback: Feedback) -> bool:
    """Withdraw the quote made from ``feedback``, removing it from any page at once."""
    deleted, _ = Quote.objects.filter(source=feedback).delete()
    return bool(deleted)


@dataclass(frozen=True)
class RetentionRun:
    """What ``delete_expired_feedback`` did."""

    deleted: int
    months: int
    cutoff: dt.datetime


def delete_expired_feedback(now: dt.datetime | None = None) -> RetentionRun:
    """Delete feedback (with any email address) older than the council's retention period.

    Quotes approved from it stay, without their link to it: they hold no personal data.
    Safe to run as often as you like.
    """
    now = now or timezone.now()
    months = retention_months()
    cutoff = retention_cutoff(now, months)
    with transaction.atomic():
        _, per_model = Feedback.objects.filter(received_at__lt=cutoff).delete()
    deleted = per_model.get(Feedback._meta.label, 0)
    if deleted:
        logger.info("Deleted %d piece(s) of feedback received before %s", deleted, cutoff)
    return RetentionRun(deleted=deleted, months=months, cutoff=cutoff)


YOU_SAID_WE_DID_TITLE = "You said, we did"
YOU_SAID_WE_DID_SLUG = "you-said-we-did"
YOU_SAID_WE_DID_INTRO = (
    "<p>Families tell us what is missing or wrong on the Local Offer, and what would help. "
    "Each season we publish what you told us and what we did about it.</p>"
)


def link_you_said_we_did_page(page: YouSaidWeDidPage) -> None:
    """Link ``page`` from the footer and the home page, unless another page already is."""
    council_settings = CouncilSettings.load()
    if council_settings.you_said_we_did_page_id is None:
        council_settings.you_said_we_did_page = page
        council_settings.save(update_fields=["you_said_we_did_page"])


@transaction.atomic
def ensure_you_said_we_did_page(
    home: Page, responses: list[FeedbackResponse] | None = None, intro: str = YOU_SAID_WE_DID_INTRO
) -> YouSaidWeDidPage:
    """The "You said, we did" page under ``home``, created and published if it has none
    (with ``responses``, if given). An existing page, live or not, is returned unchanged.
    A new page is linked from the footer by ``signals.page_created``."""
    existing = YouSaidWeDidPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = YouSaidWeDidPage(
        title=YOU_SAID_WE_DID_TITLE,
        slug=find_available_slug(home, YOU_SAID_WE_DID_SLUG),
        intro=intro,
    )
    page.responses = responses or []
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
