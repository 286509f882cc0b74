from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "organisasi"
    verbose_name = "Organisasi dan Pegawai"

    def ready(self) -> None:
        # Connects the signal that closes a deleted pegawai's login.
        # Answers kept between requests that read the organisation (who leads whom, who acts
        # in which position, who administers what) are recomputed after any change to it.
        from core.versi import ikuti_perubahan
        from organisasi import akun  # noqa: F401
        from organisasi.models import (
            AdminInstansi,
            Instansi,
            Jabatan,
            Pegawai,
            PenugasanSementara,
            UnitKerja,
        )

        ikuti_perubahan(
            "organisasi", Instansi, UnitKerja, Jabatan, Pegawai, PenugasanSementara, AdminInstansi
        )
