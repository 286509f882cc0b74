from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penilaian"
    verbose_name = "Penilaian kinerja"

    def ready(self) -> None:
        # The signed evaluation form is one kind of signed document (core.dokumen: issue,
        # public page, verifikasi_pdf).
        from core.dokumen import daftarkan
        from penilaian.dokumen import JENIS

        daftarkan(JENIS)
