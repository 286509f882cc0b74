from django.apps import AppConfig


class PenilaianConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "penilaian"
    verbose_name = "Penilaian kinerja"

    def ready(self) -> None:
        # skp may not import penilaian: it announces approvals, penilaian reacts (rencana aksi
        # follow a mid-year revision).
        from penilaian.services.rencana_aksi import saat_skp_disetujui
        from skp.signals import skp_disetujui

        skp_disetujui.connect(saat_skp_disetujui, dispatch_uid="penilaian_rencana_aksi_revisi")

        # The signed evaluation form is one kind of signed document (core.dokumen: issue,
        # public page, verifikasi_pdf).
        from core.dokumen import daftarkan
        from penilaian import evaluasi
        from penilaian.dokumen import JENIS
        from penilaian.penetapan import JENIS as JENIS_PENETAPAN

        daftarkan(JENIS)
        # The signed confirmation of a unit's predikat (penetapan predikat) is another kind.
        daftarkan(JENIS_PENETAPAN)
        # ... and so is the Dokumen Evaluasi Kinerja Pegawai (Format D.1.x).
        daftarkan(evaluasi.JENIS)

        # Its bulk export per unit and period runs through core/ekspor.py.
        from core import ekspor
        from penilaian.models import EksporEvaluasi

        ekspor.daftarkan("penilaian.ekspor.buat_zip", EksporEvaluasi)

        # The dashboards kept between requests (core/bagian.py) are worked out afresh after any
        # write to the evaluation (export jobs aside: nothing shown comes from them).
        from core.versi import ikuti_perubahan

        ikuti_perubahan("kinerja", *(m for m in self.get_models() if m is not EksporEvaluasi))
