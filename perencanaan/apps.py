from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "perencanaan"
    label = "perencanaan"
    verbose_name = "Perencanaan Kinerja"
