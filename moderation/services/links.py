"""One-click "still up to date": the signed link in each review reminder.

Each editor's reminder carries a link of their own, signed with Django's signing (the
site's secret key), naming the school, the editor, the report's latest version and its
review date. It needs no password, so it does as little as it can: it sends the
published report to the council as "reviewed, nothing changed" through the same
workflow as the admin's button (``services.confirm_reviewed_unchanged``), and the
council still approves it. It stops working:

* after ``LINK_DAYS`` days (the length of the review window; each reminder sends a new one);
* once used, or once the report changed in any other way (its latest version differs);
* once the review it was about is recorded (the review date differs);
* when the editor is no longer active or no longer an editor of the school;
* when anything in it is altered (the signature no longer matches).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.urls import reverse

from schools.models import SchoolPage
from schools.review import DUE_SOON_DAYS

from ..emails import absolute_admin_url
from .errors import ModerationError

SALT = "moderation.review-link"
LINK_DAYS = DUE_SOON_DAYS


class LinkRefused(ModerationError):
    """The link cannot be used; the message says why, for the person who clicked it."""


@dataclass(frozen=True)
class ReviewLink:
    """A valid link: who may confirm which school."""

    school: SchoolPage
    user: AbstractBaseUser


def make_token(school: SchoolPage, user: AbstractBaseUser) -> str:
    """The signed token for ``user`` to confirm ``school``'s report as it stands now."""
    latest = school.get_latest_revision()
    payload = {
        "s": school.pk,
        "u": user.pk,
        "r": latest.pk if latest else None,
        "d": school.last_reviewed.isoformat() if school.last_reviewed else None,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def review_link_url(school: SchoolPage, user: AbstractBaseUser) -> str:
    """The absolute one-click link for ``user``, on the site's address."""
    return absolute_admin_url(reverse("moderation_review_link", args=[make_token(school, user)]))


def read_token(token: str) -> ReviewLink:
    """The school and editor a token is for, or ``LinkRefused`` saying why not."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=dt.timedelta(days=LINK_DAYS))
    except signing.SignatureExpired:
        raise LinkRefused(
            f"This link has expired: links in review reminders work for {LINK_DAYS} days. "
            "Sign in to the Local Offer admin and use \u201cReviewed, nothing changed\u201d "
            "on your school instead."
        ) from None
    except signing.BadSignature:
        raise LinkRefused(
            "This link is not valid. Copy the whole link from the email, or sign in to the "
            "Local Offer admin instead."
        ) from None
    school = SchoolPage.objects.filter(pk=payload.get("s")).first()
    user = get_user_model().objects.filter(pk=payload.get("u"), is_active=True).first()
    if school is None or user is None:
        raise LinkRefused("This link is not valid any more. Sign in to the Local Offer admin.")
    latest = school.get_latest_revision()
    reviewed = school.last_reviewed.isoformat() if school.last_reviewed else None
    if payload.get("d") != reviewed:
        raise LinkRefused(
            f"This link was for an earlier review: {school.title}'s review has been recorded "
            "since it was sent."
        )
    if payload.get("r") != (latest.pk if latest else None):
        raise LinkRefused(
            "This link has already been used, or the report has changed since the email was "
            "sent. Sign in to the Local Offer admin to see where it stands."
        )
    return ReviewLink(school=school, user=user)
