"""Public URLs of the moderation app: the one-click link in review reminders (no login)."""

from django.urls import path

from .views import ReviewLinkView

urlpatterns = [
    path("<str:token>/", ReviewLinkView.as_view(), name="moderation_review_link"),
]
