from django.apps import AppConfig


class ExtractionConfig(AppConfig):
    """Reads a school's existing SEN report document and proposes a structured draft."""

    name = "extraction"
    verbose_name = "Report document import"
