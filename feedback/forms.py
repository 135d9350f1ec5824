"""The public feedback form: what a visitor may send, and the plain-English errors."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from .models import Usefulness
from .models.inbox import COMMENT_MAX_LENGTH

# Control characters (NUL, escape codes...) cannot be typed and some databases refuse
# them; they are dropped instead of refusing the comment around them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMAIL_MAX_LENGTH = 254
HONEYPOT = "website"


class PlainTextField(forms.CharField):
    """Text as typed, without invisible control characters."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return _CONTROL.sub("", text)


class FeedbackForm(forms.Form):
    """An answer to "Is this page useful?", a comment, or both; an email only for a reply.

    The page it is about is read by the view (``selectors.public_page``), and ``more``
    (the follow-up token) comes from the thank-you page, not the visitor: an unusable
    value of either is ignored, never refused, so the comment is kept.
    """

    more = forms.CharField(required=False)
    useful = forms.ChoiceField(
        required=False,
        choices=Usefulness.choices,
        error_messages={"invalid_choice": "Choose yes or no."},
    )
    comment = PlainTextField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": (
                f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer. "
                "It has %(show_value)s characters: shorten it and send it again."
            ),
        },
    )
    email = forms.EmailField(
        required=False,
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com.",
            "max_length": "Enter an email address in the correct format, like name@example.com.",
        },
    )
    # Hidden from people (and screen readers); programs that fill every field fill it.
    website = forms.CharField(required=False, max_length=500)

    def clean_more(self) -> str:
        return self.cleaned_data["more"][:200]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        comment = data.get("comment", "")
        if "comment" in self.errors or "email" in self.errors:
            return data
        if not data.get("useful") and not comment:
            alternatively = "" if data.get("more") else ", or choose whether the page was useful"
            self.add_error("comment", f"Tell us what is missing or wrong{alternatively}.")
        elif data.get("email") and not comment:
            self.add_error("comment", "Tell us what you would like a reply about.")
        return data

    @property
    def is_from_a_program(self) -> bool:
        """True when the hidden field a person cannot see was filled in."""
        return bool(self.data.get(HONEYPOT, ""))

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the order the fields appear."""
        order = ["useful", "comment", "email"]
        return [
            (f"feedback-{name}", str(message))
            for name in order
            for message in self.errors.get(name, [])
        ]
