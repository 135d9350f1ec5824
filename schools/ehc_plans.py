"""Education, health and care (EHC) plans in what parents type.

A parent who searches the directory for "EHCP" is not asking for a kind of school: a plan
is agreed with the council, and any school may teach a child who has one. The directory
searches schools' reports for the words, in any of the ways a plan is written, and says
where to get help with a plan.
"""

from __future__ import annotations

import re

# "EHCP", "EHCPs", "EHC plan", "education, health and care plan" (any case, with or
# without the commas and "and").
_EHC_PLAN = re.compile(
    r"\behc(?:ps?)?\b|\beducation,?\s+health,?\s+(?:and\s+|&\s+)?care\b", re.IGNORECASE
)


# The ways reports and parents write "EHC plan": a search for any of them looks for all of
# them in schools' text. Not synonyms of a vocabulary term: a plan is not a filter
# (migration 0011). "&" is not a word, so "education, health & care plan" is the last.
EHC_PLAN_PHRASES: tuple[str, ...] = (
    "EHCP",
    "EHCPs",
    "EHC plan",
    "EHC plans",
    "education, health and care plan",
    "education, health and care plans",
    "education, health & care plan",
    "education, health & care plans",
)
# What else a parent may type for one: the phrases above find what these mean.
EHC_PLAN_SEARCHES: tuple[str, ...] = (
    "EHC",
    "education, health and care",
    "education, health & care",
)


def asks_about_ehc_plans(text: str) -> bool:
    """Whether ``text`` (a search) mentions an education, health and care plan."""
    return bool(_EHC_PLAN.search(text or ""))
