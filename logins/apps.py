from django.apps import AppConfig


class LoginsConfig(AppConfig):
    """Signing in to the admin: failed-login throttling (django-axes) and its unlock screen."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "logins"
    verbose_name = "Logins"
