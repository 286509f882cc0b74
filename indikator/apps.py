from django.apps import AppConfig


class IndikatorConfig(AppConfig):
    """Indicator quality analysis. No models: the analyser is plain Python (analisis.py)."""

    name = "indikator"
    verbose_name = "Kualitas Indikator"
    default_auto_field = "django.db.models.BigAutoField"
