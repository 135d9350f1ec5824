from django.apps import AppConfig


class PostcodesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "postcodes"
    verbose_name = "Postcodes"
