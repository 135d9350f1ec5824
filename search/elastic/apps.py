from django.apps import AppConfig


class ElasticConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search.elastic"
    label = "search_elastic"
    verbose_name = "Directory search on Elasticsearch"

    def ready(self) -> None:
        from . import signals

        signals.connect()
