from django.apps import AppConfig


class SkpConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "skp"
    verbose_name = "Sasaran Kinerja Pegawai"
