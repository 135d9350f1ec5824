from django.apps import AppConfig


class CensusConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "census"
    verbose_name = "SEN census"
