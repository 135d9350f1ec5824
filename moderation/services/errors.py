"""The one error moderation's rules raise."""

from __future__ import annotations


class ModerationError(Exception):
    """A request that cannot be carried out; the message says why in plain English."""
