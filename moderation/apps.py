from django.apps import AppConfig


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
        from .notifiers import connect_notifiers

        connect_notifiers()
