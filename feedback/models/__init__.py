"""Feedback from families, the council's themes and quotes, and "You said, we did"."""

from .inbox import Feedback, FeedbackStatus, Quote, Theme, Usefulness
from .pages import FeedbackResponse, Progress, YouSaidWeDidPage
from .settings import FeedbackSettings

__all__ = [
    "Feedback",
    "FeedbackResponse",
    "FeedbackSettings",
    "FeedbackStatus",
    "Progress",
    "Quote",
    "Theme",
    "Usefulness",
    "YouSaidWeDidPage",
]
