"""A real `manage.py db_worker` process killed with SIGKILL in the middle of a bulk export: the
export stays "berjalan" until the dead worker's lease expires, then another worker process runs
it again and it finishes with every PDF exactly once in the ZIP, each document issued once.

The workers are separate processes on the test database, so the test runs on PostgreSQL with
committed data (SQLite's test database lives in this process's memory)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.dokumen import verifikasi_berkas
from core.models import PekerjaLatar
from skp import services
from skp.ekspor import ekspor_mulai
from skp.models import DokumenSkp, EksporSkp, StatusEkspor
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import setujui_skp, tambah_kkw
from tests.skp.test_ekspor import isi_zip

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parent.parent.parent
LEASE_DETIK = 3


@pytest.fixture(autouse=True)
def _hanya_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Pekerja sungguhan butuh basis data yang dapat dibuka proses lain: jalankan dengan "
            "DATABASE_URL=postgres://..."
        )


@pytest.fixture
def enam_disetujui(pemeran, skp_pegawai, skp_atasan, tahun, monkeypatch) -> list:
    """Six approved SKP in the seksi: the pegawai's and five colleagues', their documents not
    issued yet. Issuing one takes about a second, so the export that issues them runs long
    enough to be killed in the middle."""
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    setujui_skp(pemeran, skp_pegawai)
    daftar = [skp_pegawai]
    seksi = pemeran.pegawai.jabatan.unit_kerja
    for i in range(5):
        rekan = PegawaiFactory(
            nama=f"Rekan {i}",
            jabatan=JabatanFactory(unit_kerja=seksi, jenis="pelaksana",
                                   atasan=pemeran.atasan.jabatan),
        )  # fmt: skip
        skp = services.skp_buat(user=rekan.user, tahun=tahun)
        rhk = services.rhk_tambah(user=rekan.user, skp=skp, jenis="utama",
                                  uraian=f"Terverifikasinya data kasus wilayah {i + 1}",
                                  rhk_atasan=skp_atasan.rhk2)  # fmt: skip
        tambah_kkw(rekan.user, rhk)
        daftar.append(setujui_skp(pemeran, skp))
    assert not DokumenSkp.objects.exclude(sha256="").exists()
    return daftar


def _url_basis_data() -> str:
    d = connection.settings_dict
    sandi = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    return (
        f"postgres://{d['USER']}{sandi}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"
    )


def _mulai_pekerja(settings, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _url_basis_data(),
        "DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SKP_SIGN_P12": str(settings.SKP_SIGN_P12),
        "SKP_SIGN_P12_PASSPHRASE": settings.SKP_SIGN_P12_PASSPHRASE,
        "PEKERJA_DETAK_DETIK": "0.5",
        "PEKERJA_LEASE_DETIK": str(LEASE_DETIK),
        "EMAIL_URL": "dummymail://",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
         "--interval", "0.2", "-v", "2"],
        cwd=BASE_DIR, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def _tunggu(syarat, batas: float, pesan: str, log: Path):  # noqa: ANN001, ANN202
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        hasil = syarat()
        if hasil:
            return hasil
        time.sleep(0.05)
    pytest.fail(f"{pesan} (log pekerja:\n{log.read_text(errors='replace')[-4000:]})")


def _hentikan(proses: subprocess.Popen) -> None:
    if proses.poll() is None:
        proses.send_signal(signal.SIGTERM)
        try:
            proses.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proses.kill()
            proses.wait()


def test_pekerja_dibunuh_di_tengah_ekspor_pekerja_lain_menyelesaikannya(
    pemeran, enam_disetujui, sertifikat, tahun, settings, tmp_path
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    log = tmp_path / "pekerja.log"
    ekspor = ekspor_mulai(user=pemeran.admin.user, instansi=pemeran.instansi, unit=None,
                          tahun=tahun)  # fmt: skip
    pertama = _mulai_pekerja(settings, log)
    kedua = None
    try:

        def di_tengah() -> bool:
            e = EksporSkp.objects.get(pk=ekspor.pk)
            return e.status == StatusEkspor.BERJALAN and 1 <= e.selesai < e.jumlah

        _tunggu(di_tengah, 180, "Ekspor tidak pernah berjalan di pekerja pertama", log)
        pertama.send_signal(signal.SIGKILL)
        pertama.wait(timeout=30)
        ekspor.refresh_from_db()
        tugas = DBTaskResult.objects.get(pk=ekspor.task_id)
        # What the issue saw: the job stays RUNNING, the export "berjalan", short of the end.
        assert tugas.status == TaskResultStatus.RUNNING and len(tugas.worker_ids) == 1
        assert ekspor.status == StatusEkspor.BERJALAN and ekspor.selesai < ekspor.jumlah == 6
        assert PekerjaLatar.objects.filter(worker_id=tugas.worker_ids[0]).exists()

        kedua = _mulai_pekerja(settings, log)

        def selesai() -> bool:
            return EksporSkp.objects.get(pk=ekspor.pk).status in (
                StatusEkspor.SELESAI, StatusEkspor.GAGAL,
            )  # fmt: skip

        _tunggu(selesai, 240, "Ekspor tidak diselesaikan oleh pekerja kedua", log)
    finally:
        for proses in (pertama, kedua):
            if proses is not None:
                _hentikan(proses)

    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI, ekspor.pesan
    assert (ekspor.jumlah, ekspor.selesai, ekspor.pesan) == (6, 6, "")
    with ekspor.berkas.open("rb") as f:
        import zipfile

        nama = zipfile.ZipFile(f).namelist()
    # Every PDF once: no duplicate entry from the killed run.
    assert sorted(nama) == sorted(f"{s.pegawai_nip}_{tahun}_v1.pdf" for s in enam_disetujui)
    for data in isi_zip(ekspor).values():
        assert verifikasi_berkas(data).sah
    # Each document issued once: those issued before the kill were reused, not issued again.
    assert DokumenSkp.objects.exclude(sha256="").count() == 6
    tugas = DBTaskResult.objects.get(pk=ekspor.task_id)
    assert tugas.status == TaskResultStatus.SUCCESSFUL
    assert len(tugas.worker_ids) == 2 and tugas.worker_ids[0] != tugas.worker_ids[1]
    # The dead worker's lease was collected; the second stopped cleanly on SIGTERM and gave up
    # its own.
    assert not PekerjaLatar.objects.filter(worker_id=tugas.worker_ids[0]).exists()
    assert kedua.returncode == 0, log.read_text(errors="replace")[-4000:]
    assert not PekerjaLatar.objects.exists(), log.read_text(errors="replace")[-4000:]


def test_sigterm_kapan_pun_pekerja_berhenti_bersih_dan_melepas_lease(settings, tmp_path):
    """SIGTERM at any moment of an idle worker's loop (asleep, polling for a job, opening or
    closing its connection, which it does every round) stops it with status 0 and no lease
    left. The library's handler raised SystemExit wherever the loop was, which once left a
    lease behind (a CI run)."""
    log = tmp_path / "pekerja.log"
    for jeda in (0.0, 0.05, 0.13, 0.21, 0.37):
        proses = _mulai_pekerja(settings, log)
        try:
            _tunggu(lambda p=proses: PekerjaLatar.objects.filter(pid=p.pid).exists(), 60,
                    "Pekerja tidak pernah mendaftarkan lease", log)  # fmt: skip
            time.sleep(jeda)
            proses.send_signal(signal.SIGTERM)
            assert proses.wait(timeout=30) == 0, log.read_text(errors="replace")[-4000:]
        finally:
            _hentikan(proses)
        assert not PekerjaLatar.objects.exists(), log.read_text(errors="replace")[-4000:]
