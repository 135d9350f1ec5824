"""The labels the DfE writes in ``sen_provision`` and ``sen_primary_need``, mapped to codes.

Every edition's form is listed (the analysts' guide's standard labels, the 2024/25
preview's ``All pupils`` and the short forms of older files). Matching ignores case and
spacing; a label not listed here is refused, never guessed.
"""

from __future__ import annotations

import re
from enum import StrEnum

from ..models import NeedCode


class Provision(StrEnum):
    """A value of the ``sen_provision`` column."""

    TOTAL = "total"  # every pupil, whatever their provision
    EHC_PLAN = "ehc"
    SEN_SUPPORT = "support"
    NO_SEN = "none"


# In the need column, "Total" sums over needs; pupils without SEN have no primary need.
TOTAL = "TOTAL"
NO_NEED = "NONE"

_PROVISIONS: dict[str, Provision] = {
    "total": Provision.TOTAL,
    "all pupils": Provision.TOTAL,
    "education, health and care plan": Provision.EHC_PLAN,
    "ehc plan": Provision.EHC_PLAN,
    "ehcp": Provision.EHC_PLAN,
    "statement or ehc plan": Provision.EHC_PLAN,
    "sen support / sen without an ehc plan": Provision.SEN_SUPPORT,
    "sen support": Provision.SEN_SUPPORT,
    "sen without an ehc plan": Provision.SEN_SUPPORT,
    "no sen provision": Provision.NO_SEN,
    "no sen": Provision.NO_SEN,
}

_NEEDS: dict[str, str] = {
    "total": TOTAL,
    "all pupils": TOTAL,
    "no sen": NO_NEED,
    "no sen provision": NO_NEED,
    "no special educational need": NO_NEED,
    "not applicable": NO_NEED,
    "autistic spectrum disorder": NeedCode.ASD,
    "autism spectrum disorder": NeedCode.ASD,
    "autism": NeedCode.ASD,
    "asd": NeedCode.ASD,
    "asc": NeedCode.ASD,
    "speech, language and communication needs": NeedCode.SLCN,
    "speech, language and communication need": NeedCode.SLCN,
    "slcn": NeedCode.SLCN,
    "specific learning difficulty": NeedCode.SPLD,
    "spld": NeedCode.SPLD,
    "moderate learning difficulty": NeedCode.MLD,
    "mld": NeedCode.MLD,
    "severe learning difficulty": NeedCode.SLD,
    "sld": NeedCode.SLD,
    "profound and multiple learning difficulty": NeedCode.PMLD,
    "profound & multiple learning difficulty": NeedCode.PMLD,
    "pmld": NeedCode.PMLD,
    "social, emotional and mental health": NeedCode.SEMH,
    "semh": NeedCode.SEMH,
    "hearing impairment": NeedCode.HI,
    "hi": NeedCode.HI,
    "visual impairment": NeedCode.VI,
    "vision impairment": NeedCode.VI,
    "vi": NeedCode.VI,
    "multi-sensory impairment": NeedCode.MSI,
    "multi sensory impairment": NeedCode.MSI,
    "msi": NeedCode.MSI,
    "physical disability": NeedCode.PD,
    "pd": NeedCode.PD,
    "other difficulty/disability": NeedCode.OTH,
    "other difficulty or disability": NeedCode.OTH,
    "oth": NeedCode.OTH,
    "sen support but no specialist assessment of type of need": NeedCode.NSA,
    "no specialist assessment": NeedCode.NSA,
    "nsa": NeedCode.NSA,
}


def _key(label: str) -> str:
    return re.sub(r"\s*/\s*", "/", " ".join(label.split()).lower())


def _keyed(labels: dict[str, object]) -> dict[str, object]:
    return {_key(label): value for label, value in labels.items()}


# "SEN support / SEN without an EHC plan" and "Other difficulty/disability": one key each.
_PROVISION_KEYS = _keyed(_PROVISIONS)
_NEED_KEYS = _keyed(_NEEDS)


def provision(label: str) -> Provision | None:
    """The provision a ``sen_provision`` label means, or None if it is not a known label."""
    found = _PROVISION_KEYS.get(_key(label))
    return Provision(found) if found is not None else None


def need(label: str) -> str | None:
    """The census code (or ``TOTAL``/``NO_NEED``) a ``sen_primary_need`` label means."""
    found = _NEED_KEYS.get(_key(label))
    return str(found) if found is not None else None
