"""Education, health and care (EHC) plans in what parents type.

A parent who searches the directory for "EHCP" is not asking for a kind of school: a plan
is agreed with the council, and any school may teach a child who has one. The directory
searches schools' reports for the words, and says where to get help with a plan.
"""

from __future__ import annotations

import re

# "EHCP", "EHCPs", "EHC plan", "education, health and care plan" (any case, with or
# without the commas and "and").
_EHC_PLAN = re.compile(
    r"\behc(?:ps?)?\b|\beducation,?\s+health,?\s+(?:and\s+|&\s+)?care\b", re.IGNORECASE
)


def asks_about_ehc_plans(text: str) -> bool:
    """Whether ``text`` (a search) mentions an education, health and care plan."""
    return bool(_EHC_PLAN.search(text or ""))
