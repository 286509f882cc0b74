from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "organisasi"
    verbose_name = "Organisasi dan Pegawai"

    def ready(self) -> None:
        from core.versi import ikuti_perubahan
        from organisasi import akun  # noqa: F401 (connects: a deleted pegawai's login closes)
        from organisasi.models import (
            AdminInstansi,
            Instansi,
            Jabatan,
            Pegawai,
            PenugasanSementara,
            UnitKerja,
        )

        # Answers kept between requests that read the organisation (who leads whom, who acts
        # in which position, who administers what) are recomputed after any change to it.
        ikuti_perubahan(
            "organisasi", Instansi, UnitKerja, Jabatan, Pegawai, PenugasanSementara, AdminInstansi
        )
