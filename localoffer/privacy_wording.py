"""Starting wording for the council's privacy notice (UK GDPR articles 13 and 14).

The template writes the section about feedback itself, from the feedback settings, so
that the retention period it states is always the one the deletion command applies. The
council checks and completes these parts with its data protection officer: they are
defaults for a new page, not a finished notice. Each function is a field default, so
migrations refer to it rather than copying the text.
"""

from __future__ import annotations


def controller() -> str:
    """Who is responsible for the personal data ("who we are")."""
    return (
        "<p>The council is the data controller for the personal information this website "
        "collects. This means we decide how it is used and we are responsible for "
        "protecting it.</p>"
    )


def other_processing() -> str:
    """What else the website collects: accounts for school staff, cookies, server logs."""
    return (
        "<p>Staff at schools and at the council who edit this website have an account with "
        "their name and work email address. We keep it while they edit the website and "
        "delete it when they stop.</p>"
        "<p>This website sets a cookie called <strong>csrftoken</strong> on pages with a "
        "form, to check that forms sent to us come from this website. It does not contain "
        "any information about you and is not used to track you. Staff who sign in get a "
        "cookie that keeps them signed in. We do not use analytics or advertising "
        "cookies.</p>"
        "<p>Our web servers record the internet address of each request, to keep the "
        "website secure. We keep these records only as long as we need them for that.</p>"
    )
