from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penilaian"
    verbose_name = "Penilaian kinerja"
