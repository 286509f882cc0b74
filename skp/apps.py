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

        # The inbox kept between requests (core/peran.py) is recomputed after any change to an
        # SKP row: its status and penilai are only ever written with save() (core/alur.py).
        from core.versi import ikuti_perubahan, ikuti_perubahan_per_orang
        from skp.models import EksporSkp, Notifikasi, Skp

        ikuti_perubahan("skp", Skp)
        # The navbar's unread count (core/peran.py) is kept per person until theirs change.
        ikuti_perubahan_per_orang("notifikasi", Notifikasi, "penerima_id")
        # The dashboards kept between requests (core/bagian.py) read the SKP's content too. Not
        # followed: notifications (marked read by merely opening a page) and export jobs.
        ikuti_perubahan(
            "kinerja", *(m for m in self.get_models() if m not in (Notifikasi, EksporSkp))
        )

        # A background job of this app whose worker died: the export says so (core/ekspor.py),
        # the preview page stops waiting (skp/tugas.py).
        from django_tasks.signals import task_finished

        from core import ekspor
        from skp import tugas
        from skp.models import EksporSkp

        ekspor.daftarkan(tugas.TUGAS_EKSPOR, EksporSkp)
        task_finished.connect(tugas.saat_selesai, dispatch_uid="skp_tugas_selesai")

        # The Renstra import names the SKP that link an item it changes; perencanaan sits below
        # skp and cannot import it, so skp tells it how to find them.
        from perencanaan import pemakai
        from skp.tautan_perencanaan import skp_penaut

        pemakai.daftarkan(skp_penaut)
