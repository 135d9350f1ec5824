"""Sends the plain-text emails of the moderation app, rendered from templates.

Each email is one pair of templates under ``moderation/emails/``: ``NAME_subject.txt``
and ``NAME.txt``. Every recipient gets their own copy, so editors never see each
other's addresses. Every link is built on ``WAGTAILADMIN_BASE_URL`` (the site's public
address, from the environment), never on the host name stored with the Wagtail site,
which is ``localhost`` on a fresh install.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from wagtail.models import Page


def absolute_admin_url(path: str) -> str:
    """``path`` on the site's public address (``WAGTAILADMIN_BASE_URL``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def public_page_url(page: Page) -> str:
    """The address parents use for ``page``, on ``WAGTAILADMIN_BASE_URL``; "" if it has none."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    _site_id, _root_url, path = parts
    return absolute_admin_url(path) if path else ""


def send_templated_email(name: str, context: dict[str, Any], recipients: Iterable[str]) -> int:
    """Send email ``name`` to each address in ``recipients``; return how many were sent.

    An address listed twice (say, a person who is both the submitter and one of the
    school's editors) gets one copy.
    """
    by_lowercase = {address.strip().lower(): address.strip() for address in recipients if address}
    addresses = sorted(by_lowercase.values())
    if not addresses:
        return 0
    subject = " ".join(render_to_string(f"moderation/emails/{name}_subject.txt", context).split())
    body = render_to_string(f"moderation/emails/{name}.txt", context)
    messages = [
        EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [address],
            headers={"Auto-Submitted": "auto-generated"},
        )
        for address in addresses
    ]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
