from django.apps import AppConfig


class PerencanaanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "perencanaan"
    label = "perencanaan"
    verbose_name = "Perencanaan Kinerja"

    def ready(self) -> None:
        # The SKP page kept between requests (core/bagian.py) names the Renstra/Renja item each
        # RHK is linked to: any change to the plan is recomputed. Not followed: the import log.
        from core.versi import ikuti_perubahan
        from perencanaan.models import ImporRenstra

        ikuti_perubahan("kinerja", *(m for m in self.get_models() if m is not ImporRenstra))
