"""Background jobs survive their worker (core/pekerja.py): a job whose worker's lease expired goes
back to the queue, at most PEKERJA_MAKS_PERCOBAAN runs in all, then fails for good with the
reason; the export says so and the admin starts it again with *Coba lagi*. (A real worker
killed with SIGKILL: tests/skp/test_pekerja_mati.py.)"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import pekerja
from core.models import PekerjaLatar
from skp import pratinjau
from skp.ekspor import SUDAH_DIULANG, ekspor_mulai
from skp.models import EksporSkp, StatusEkspor
from tests.skp.test_ekspor import dua_disetujui, isi_zip  # noqa: F401 - fixture

PEKERJA_DB = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def antrean_db(settings):
    settings.TASKS = PEKERJA_DB
    settings.PEKERJA_LEASE_DETIK = 60
    settings.PEKERJA_MAKS_PERCOBAAN = 3


@pytest.fixture
def ekspor(pemeran, tahun, antrean_db) -> EksporSkp:
    return ekspor_mulai(user=pemeran.admin.user, instansi=pemeran.instansi, unit=None, tahun=tahun)


def klaim(ekspor: EksporSkp, worker_id: str, *, detak_lalu: float | None = None) -> DBTaskResult:
    """The job of `ekspor` as a worker leaves it when it claimed it and then (maybe) died:
    RUNNING, and the worker's lease renewed `detak_lalu` seconds ago (None: no lease at all)."""
    tugas = DBTaskResult.objects.get(pk=ekspor.task_id)
    tugas.claim(worker_id)
    if detak_lalu is not None:
        waktu = timezone.now() - timedelta(seconds=detak_lalu)
        PekerjaLatar.objects.create(worker_id=worker_id, host="h", pid=1, mulai=waktu, detak=waktu)
    EksporSkp.objects.filter(pk=ekspor.pk).update(status=StatusEkspor.BERJALAN, jumlah=2)
    return tugas


def pungut(django_capture_on_commit_callbacks) -> tuple[int, int]:
    with django_capture_on_commit_callbacks(execute=True):
        return pekerja.pungut_tugas_yatim()


def test_tugas_pekerja_tanpa_lease_diantrekan_ulang(ekspor, django_capture_on_commit_callbacks):
    tugas = klaim(ekspor, "mati")
    assert pungut(django_capture_on_commit_callbacks) == (1, 0)
    tugas.refresh_from_db()
    assert tugas.status == TaskResultStatus.READY and tugas.worker_ids == ["mati"]
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.MENUNGGU
    assert "ekspor diulang otomatis (percobaan 2 dari 3)" in ekspor.pesan


def test_lease_hidup_tidak_disentuh_lease_kedaluwarsa_diulang(
    ekspor, settings, django_capture_on_commit_callbacks
):
    tugas = klaim(ekspor, "hidup", detak_lalu=50)
    assert pungut(django_capture_on_commit_callbacks) == (0, 0)
    tugas.refresh_from_db()
    assert tugas.status == TaskResultStatus.RUNNING
    # The same worker silent for longer than the lease: dead, its lease row removed.
    settings.PEKERJA_LEASE_DETIK = 30
    assert pungut(django_capture_on_commit_callbacks) == (1, 0)
    tugas.refresh_from_db()
    assert tugas.status == TaskResultStatus.READY
    assert not PekerjaLatar.objects.filter(worker_id="hidup").exists()


def test_detak_memperbarui_lease(ekspor, settings, django_capture_on_commit_callbacks):
    tugas = klaim(ekspor, "berdetak", detak_lalu=120)
    pekerja.Detak("berdetak", 1).sekali()  # a beat: the lease is renewed first
    assert PekerjaLatar.objects.get(worker_id="berdetak").detak > timezone.now() - timedelta(
        seconds=10
    )
    tugas.refresh_from_db()
    assert tugas.status == TaskResultStatus.RUNNING


@pytest.mark.usefixtures("dua_disetujui")
def test_batas_percobaan_gagal_permanen_lalu_coba_lagi(
    client, pemeran, ekspor, sertifikat, django_capture_on_commit_callbacks
):
    tugas = klaim(ekspor, "a")
    for pemilik in ("b", "c"):
        assert pungut(django_capture_on_commit_callbacks) == (1, 0)
        tugas.refresh_from_db()
        tugas.claim(pemilik)
    assert pungut(django_capture_on_commit_callbacks) == (0, 1)
    tugas.refresh_from_db()
    assert tugas.status == TaskResultStatus.FAILED
    assert tugas.exception_class_path == "core.pekerja.PekerjaBerhenti"
    assert "berhenti di tengah tugas ini 3 kali" in tugas.traceback
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL
    assert ekspor.pesan.startswith("Ekspor gagal: Pekerja latar belakang berhenti")
    assert pungut(django_capture_on_commit_callbacks) == (0, 0)  # nothing left RUNNING

    client.force_login(pemeran.admin.user)
    html = client.get(reverse("skp:ekspor")).content.decode()
    ulangi = reverse("skp:ekspor_ulangi", args=[ekspor.pk])
    assert "Pekerja latar belakang berhenti" in html and f'action="{ulangi}"' in html
    # Another instansi's admin cannot start it; GET does nothing.
    client.force_login(pemeran.admin_lain.user)
    assert client.post(ulangi).status_code == 404
    client.force_login(pemeran.admin.user)
    assert client.get(ulangi).status_code == 405
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.GAGAL

    r = client.post(ulangi, follow=True)
    assert "Ekspor dijalankan lagi" in r.content.decode()
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.MENUNGGU and ekspor.task_id != str(tugas.pk)
    assert (ekspor.selesai, ekspor.pesan) == (0, "")
    # A double click: the export is running again already.
    r = client.post(ulangi, follow=True)
    assert SUDAH_DIULANG in r.content.decode()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("dua_disetujui")
def test_coba_lagi_dijalankan_pekerja_sampai_selesai(pemeran, sertifikat, tahun,
                                                     antrean_db, client):  # fmt: skip
    ekspor = EksporSkp.objects.create(
        instansi=pemeran.instansi, tahun=tahun, status=StatusEkspor.GAGAL, pesan="Ekspor gagal: x"
    )
    client.force_login(pemeran.admin.user)
    client.post(reverse("skp:ekspor_ulangi", args=[ekspor.pk]))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI and ekspor.selesai == 2
    assert len(isi_zip(ekspor)) == 2
    # A worker that stopped cleanly gave up its lease.
    assert not PekerjaLatar.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("dua_disetujui")
def test_pekerja_mengambil_tugas_yatim_saat_mulai(pemeran, sertifikat, tahun,
                                                   antrean_db):  # fmt: skip
    # What the issue saw: an export RUNNING under a worker that no longer exists. A new
    # worker collects it when it starts and finishes it.
    ekspor = ekspor_mulai(user=pemeran.admin.user, instansi=pemeran.instansi, unit=None,
                          tahun=tahun)  # fmt: skip
    klaim(ekspor, "dibunuh")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI, ekspor.pesan
    tugas = DBTaskResult.objects.get(pk=ekspor.task_id)
    assert tugas.status == TaskResultStatus.SUCCESSFUL and len(tugas.worker_ids) == 2


def test_pratinjau_gagal_permanen_halaman_menawarkan_coba_lagi(
    client, pemeran, skp_pegawai, antrean_db, settings, monkeypatch,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    monkeypatch.setattr(pratinjau, "PRATINJAU_SINKRON_MAKS_BARIS", 1)  # rendered by the worker
    client.force_login(pemeran.pegawai.user)
    url = reverse("skp:pratinjau", args=[skp_pegawai.pk])
    client.get(url)
    tugas = DBTaskResult.objects.get(task_path="skp.pratinjau.siapkan_pratinjau")
    tugas.claim("mati")
    settings.PEKERJA_MAKS_PERCOBAAN = 1
    assert pungut(django_capture_on_commit_callbacks) == (0, 1)
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Pratinjau gagal disiapkan" in html
    # Loading the page anew queues it again (the marker of the lost render is gone).
    client.get(url)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("dua_disetujui")
def test_pekerja_dimulai_ulang_dengan_id_sama_mengambil_tugasnya_lagi(
    pemeran, sertifikat, tahun, antrean_db
):
    # A supervisor restarting `db_worker --worker-id w1` at once: the killed process's lease
    # has not expired, but the new process runs nothing yet, so the job is its predecessor's.
    ekspor = ekspor_mulai(
        user=pemeran.admin.user, instansi=pemeran.instansi, unit=None, tahun=tahun
    )
    klaim(ekspor, "w1", detak_lalu=1)
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "w1",
        verbosity=0,
    )  # fmt: skip
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI, ekspor.pesan


def test_sigterm_pertama_hanya_mengakhiri_putaran_yang_kedua_memaksa():
    """The first SIGTERM never raises in the middle of whatever the worker does (a connection
    half opened, a transaction half closed): the loop ends and the lease is given up cleanly.
    A second one ends the worker at once, as the library's does."""
    import signal

    from core.management.commands.db_worker import WorkerBerdetak

    worker = WorkerBerdetak(queue_names=["default"], interval=0.2, batch=False,
                            backend_name="default", startup_delay=False, max_tasks=None,
                            worker_id="berhenti", excluded_queue_names=[])  # fmt: skip
    assert not worker.running_task  # idle: the library would sys.exit(0) right here
    worker.shutdown(signal.SIGTERM, None)
    assert worker.running is False
    # The forced stop resets this process's handlers: put pytest's back afterwards.
    semula = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        with pytest.raises(SystemExit) as keluar:
            worker.shutdown(signal.SIGTERM, None)
    finally:
        for s, penangan in semula.items():
            signal.signal(s, penangan)
    assert keluar.value.code == 1
