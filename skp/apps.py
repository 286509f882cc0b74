from django.apps import AppConfig


class SkpConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "skp"
    verbose_name = "Sasaran Kinerja Pegawai"

    def ready(self) -> None:
        # The Renstra import names the SKP that link an item it changes; perencanaan sits below
        # skp and cannot import it, so skp tells it how to find them.
        from perencanaan import pemakai
        from skp.tautan_perencanaan import skp_penaut

        pemakai.daftarkan(skp_penaut)
