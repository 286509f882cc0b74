from django.apps import AppConfig


class SkpConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "skp"
    verbose_name = "Sasaran Kinerja Pegawai"

    def ready(self) -> None:
        # The signed SKP is one kind of signed document (core.dokumen: issue, public page,
        # verifikasi_pdf).
        from core.dokumen import daftarkan
        from skp.verifikasi import JENIS

        daftarkan(JENIS)
