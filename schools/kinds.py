"""What kind of school it is, in the words a parent reads on a result card or a school page.

The phase ("Primary", "Special school") and the establishment type ("Academy", "Maintained
special school") come from Get Information about Schools, where they often say the same
thing twice: a special school's phase is "special" and its type "maintained special
school". :func:`school_description` writes them once ("Maintained special school") and
keeps both where the type adds something ("Primary school, academy").
"""

from __future__ import annotations

from functools import lru_cache

from django.db import models


class Phase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    INFANT = "infant", "Infant"
    JUNIOR = "junior", "Junior"
    PRIMARY = "primary", "Primary"
    MIDDLE = "middle", "Middle"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all-through", "All-through"
    SIXTEEN_TO_NINETEEN = "16-19", "16 to 19"
    SPECIAL = "special", "Special school"
    ALTERNATIVE_PROVISION = "alternative-provision", "Alternative provision"


class EstablishmentType(models.TextChoices):
    COMMUNITY = "community", "Community school"
    FOUNDATION = "foundation", "Foundation school"
    VOLUNTARY_AIDED = "voluntary-aided", "Voluntary aided school"
    VOLUNTARY_CONTROLLED = "voluntary-controlled", "Voluntary controlled school"
    ACADEMY = "academy", "Academy"
    FREE_SCHOOL = "free-school", "Free school"
    MAINTAINED_SPECIAL = "maintained-special", "Maintained special school"
    ACADEMY_SPECIAL = "academy-special", "Special academy"
    INDEPENDENT_SPECIAL = "independent-special", "Independent special school"
    MAINTAINED_NURSERY = "maintained-nursery", "Maintained nursery school"
    PUPIL_REFERRAL_UNIT = "pupil-referral-unit", "Pupil referral unit"
    OTHER = "other", "Other"


# Phases that are already a kind of school on their own ("Special school", not "Special
# school school").
_WHOLE_PHASES = frozenset({Phase.SPECIAL, Phase.ALTERNATIVE_PROVISION})

# Types that already say their phase: a parent reads the type alone.
_TYPE_SAYS_PHASE: dict[str, frozenset[str]] = {
    EstablishmentType.MAINTAINED_SPECIAL: frozenset({Phase.SPECIAL}),
    EstablishmentType.ACADEMY_SPECIAL: frozenset({Phase.SPECIAL}),
    EstablishmentType.INDEPENDENT_SPECIAL: frozenset({Phase.SPECIAL}),
    EstablishmentType.MAINTAINED_NURSERY: frozenset({Phase.NURSERY}),
    EstablishmentType.PUPIL_REFERRAL_UNIT: frozenset({Phase.ALTERNATIVE_PROVISION}),
}


def kind_of_school(phase: str) -> str:
    """The phase as parents say it: "Primary school", "Special school", "Alternative
    provision"; empty for no phase or one we do not know."""
    label = _label(Phase, phase)
    if not label or phase in _WHOLE_PHASES:
        return label
    return f"{label} school"


@lru_cache(maxsize=256)
def school_description(phase: str, establishment_type: str) -> str:
    """The phase and the type of school, each said once: "Maintained special school" (not
    "Special school, maintained special school"), "Pupil referral unit", "Primary school,
    academy", "Secondary school, voluntary aided school". A type of "Other" or none
    leaves the phase alone; codes we do not know are left out."""
    kind = kind_of_school(phase)
    type_label = (
        ""
        if establishment_type == EstablishmentType.OTHER
        else _label(EstablishmentType, establishment_type)
    )
    if not type_label:
        return kind
    if not kind or phase in _TYPE_SAYS_PHASE.get(establishment_type, ()):
        return type_label
    return f"{kind}, {type_label[0].lower()}{type_label[1:]}"


def _label(choices: type[models.TextChoices], value: str) -> str:
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return ""
