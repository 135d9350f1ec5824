from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "localoffer"
    verbose_name = "Local Offer"

    def ready(self) -> None:
        from . import (
            checks,  # noqa: F401  (registers the deployment checks)
            data_version,
            frontend_cache,
        )

        data_version.connect_signals()
        frontend_cache.connect_signals()
