"""The evaluation-form job survives its worker too: six ratings queue six signed forms; a real
`manage.py db_worker` is killed with SIGKILL while one is being issued; another worker takes the
dead one's job over once its lease expires, and every evaluation ends with exactly one form,
which verifies. (PostgreSQL: the workers are other processes on the test database.)"""

import signal
from datetime import date

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.dokumen import baca_dokumen, verifikasi_berkas
from penilaian.kuadran import Rating
from penilaian.models import DokumenPenilaian
from penilaian.periode import periode_tahun
from penilaian.services import alur
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.conftest import pada
from tests.skp.test_pekerja_mati import _hanya_postgres, _hentikan, _mulai_pekerja, _tunggu

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
_ = _hanya_postgres  # the autouse fixture, imported so it applies here too


def test_pekerja_dibunuh_saat_menerbitkan_formulir_pekerja_lain_menyelesaikannya(
    pemeran, sertifikat, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    with pada(date(2026, 3, 30)):
        daftar = [isi_penilaian(p, tw1, pemeran.atasan) for p in tambah_bawahan(pemeran, 6)]
        with django_capture_on_commit_callbacks(execute=True):
            for p in daftar:
                alur.nilai(user=pemeran.atasan.user, penilaian=p,
                           rating_hasil_kerja=Rating.SESUAI, rating_perilaku=Rating.SESUAI)  # fmt: skip
    tugas = DBTaskResult.objects.filter(task_path__endswith="terbitkan_di_latar")
    assert tugas.count() == 6 and not DokumenPenilaian.objects.exists()

    log = tmp_path / "pekerja.log"
    pertama = _mulai_pekerja(settings, log)
    kedua = None
    try:

        def di_tengah() -> bool:
            berjalan = tugas.filter(status=TaskResultStatus.RUNNING).exists()
            return berjalan and DokumenPenilaian.objects.exclude(sha256="").count() >= 1

        _tunggu(di_tengah, 180, "Pekerja pertama tidak pernah menerbitkan formulir", log)
        pertama.send_signal(signal.SIGKILL)
        pertama.wait(timeout=30)
        assert tugas.exclude(status=TaskResultStatus.SUCCESSFUL).exists()

        kedua = _mulai_pekerja(settings, log)

        def semua_selesai() -> bool:
            return tugas.filter(status=TaskResultStatus.SUCCESSFUL).count() == 6

        _tunggu(semua_selesai, 240, "Pekerja kedua tidak menyelesaikan semua formulir", log)
    finally:
        for proses in (pertama, kedua):
            if proses is not None:
                _hentikan(proses)

    terbit = DokumenPenilaian.objects.exclude(sha256="")
    assert sorted(terbit.values_list("penilaian_id", flat=True)) == sorted(p.pk for p in daftar)
    for dokumen in terbit:
        assert verifikasi_berkas(baca_dokumen(dokumen)).sah
    # The job killed in the middle ran again, on the second worker.
    assert any(len(t.worker_ids) == 2 for t in tugas)
