"""Public feedback URLs, mounted at ``/feedback/`` by the project's URLs."""

from django.urls import path

from .views import FeedbackView, ThanksView

app_name = "feedback"

urlpatterns = [
    path("", FeedbackView.as_view(), name="send"),
    path("thanks/", ThanksView.as_view(), name="thanks"),
]
