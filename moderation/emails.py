"""Sends the plain-text emails of the moderation app, rendered from templates.

Each email is one pair of templates under ``moderation/emails/``: ``NAME_subject.txt``
and ``NAME.txt``. Every recipient gets their own copy, so editors never see each
other's addresses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string


def absolute_admin_url(path: str) -> str:
    """``path`` on the admin's public address (``WAGTAILADMIN_BASE_URL``)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_templated_email(name: str, context: dict[str, Any], recipients: Iterable[str]) -> int:
    """Send email ``name`` to each address in ``recipients``; return how many were sent."""
    addresses = sorted({address for address in recipients if address})
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
