from django.apps import AppConfig


class LoginsConfig(AppConfig):
    """Signing in: throttling (django-axes), two-factor authentication (django-allauth),
    and the administrators' screens for both."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "logins"
    verbose_name = "Logins"

    def ready(self) -> None:
        from . import signals  # noqa: F401
