"""The feedback part of the JSON API; the project mounts it under ``/api/v1/``."""

from django.urls import path

from .api import FeedbackResponseListView

api_patterns = [
    path("feedback-responses/", FeedbackResponseListView.as_view(), name="feedback_responses"),
]
