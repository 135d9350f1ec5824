from .closure import SchoolClosure
from .jargon import JargonTerm
from .pages import (
    EstablishmentType,
    ExtraAnswer,
    Phase,
    ProvisionKind,
    SchoolIndexPage,
    SchoolPage,
    SpecialistProvision,
)
from .questions import ReportQuestion
from .vocabularies import AccessibilityFeature, BroadArea, NeedArea, OutreachService

__all__ = [
    "AccessibilityFeature",
    "BroadArea",
    "EstablishmentType",
    "ExtraAnswer",
    "JargonTerm",
    "NeedArea",
    "OutreachService",
    "Phase",
    "ProvisionKind",
    "ReportQuestion",
    "SchoolClosure",
    "SchoolIndexPage",
    "SchoolPage",
    "SpecialistProvision",
]
