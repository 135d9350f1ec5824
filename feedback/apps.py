from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "feedback"
    verbose_name = "Feedback from families"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
