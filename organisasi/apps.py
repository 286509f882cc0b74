from django.apps import AppConfig


class OrganisasiConfig(AppConfig):
    name = "organisasi"
    verbose_name = "Organisasi dan Pegawai"

    def ready(self) -> None:
        # Connects the signal that closes a deleted pegawai's login.
        from organisasi import akun  # noqa: F401
