from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Monitoring kinerja"

    def ready(self) -> None:
        # penilaian may not import monitoring: its pages ask through signals, monitoring answers
        # (the journal's proposed realisasi, the mid-year review notice for the atasan).
        from monitoring.receivers import spanduk_tinjauan_atasan, usulan_dari_jurnal
        from penilaian.signals import spanduk_penilaian_bawahan, usulan_realisasi

        usulan_realisasi.connect(usulan_dari_jurnal, dispatch_uid="monitoring_usulan_jurnal")
        spanduk_penilaian_bawahan.connect(
            spanduk_tinjauan_atasan, dispatch_uid="monitoring_spanduk_tinjauan"
        )

        # The dashboards kept between requests (core/bagian.py) read the journal, dialogues and
        # mid-year reviews. Not followed: the reminders' bookkeeping and the audit samples,
        # which no dashboard shows.
        from core.versi import ikuti_perubahan
        from monitoring.models import (
            ButirAudit,
            KunciPengingat,
            PengingatTerkirim,
            RiwayatButirAudit,
            SampelAudit,
        )

        bukan = (ButirAudit, KunciPengingat, PengingatTerkirim, RiwayatButirAudit, SampelAudit)
        ikuti_perubahan("kinerja", *(m for m in self.get_models() if m not in bukan))
