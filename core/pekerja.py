"""Background jobs that survive their worker.

django-tasks-db claims a job by setting it RUNNING with the worker's id, and nothing ever looks
at it again: a worker killed mid-job (an out-of-memory kill, a deployment, SIGKILL) leaves the job
RUNNING forever. So every worker (our `db_worker`, core/management/commands/db_worker.py) keeps a
lease: a row in `PekerjaLatar` whose `detak` a thread renews every PEKERJA_DETAK_DETIK seconds.
A worker whose lease is older than PEKERJA_LEASE_DETIK is dead, and `pungut_tugas_yatim` (run by
every worker when it starts and at every beat) puts each job it was running back in the queue,
to be run by any worker, at most PEKERJA_MAKS_PERCOBAAN times in all (counted by the claims in
the job's `worker_ids`); after that the job is failed for good with the reason, and
`task_finished` is sent as the worker would have, so the owner of the job (e.g. the bulk export)
can record why.

Times are the database's (`Now()`), never a machine's clock: workers on several machines would
otherwise judge each other by clocks that disagree. The lease belongs to the process, not the
job: a job that hangs in a live worker is not taken away from it (a second copy would hang too).

Every job must therefore be safe to run twice: a worker may die after its job's effect but
before it recorded success, and a worker whose lease expired while the database was unreachable
may still finish the job that another worker has meanwhile started again."""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import DateTimeField, ExpressionWrapper, Value
from django.db.models.functions import Now
from django.dispatch import Signal
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from core.models import PekerjaLatar

logger = logging.getLogger(__name__)

# Sent (after the commit) for every job put back in the queue because its worker died:
# task_result, percobaan (the attempts made so far), maks (PEKERJA_MAKS_PERCOBAAN).
tugas_diulang = Signal()


class PekerjaBerhenti(Exception):
    """Recorded as the error of a job whose worker died too often while running it."""


def alasan_gagal(percobaan: int) -> str:
    return (
        f"Pekerja latar belakang berhenti di tengah tugas ini {percobaan} kali (dimatikan, "
        "kehabisan memori atau mesinnya dimulai ulang); tugas tidak dicoba lagi secara otomatis."
    )


def _lease() -> timedelta:
    return timedelta(seconds=settings.PEKERJA_LEASE_DETIK)


def _batas_hidup() -> ExpressionWrapper:
    """The oldest beat of a live worker, on the database's clock."""
    return ExpressionWrapper(Now() - Value(_lease()), output_field=DateTimeField())


def daftar(worker_id: str) -> None:
    """Records (or renews) the lease of this worker process."""
    diperbarui = PekerjaLatar.objects.filter(worker_id=worker_id).update(detak=Now())
    if not diperbarui:
        PekerjaLatar.objects.create(
            worker_id=worker_id,
            host=socket.gethostname()[:255],
            pid=os.getpid(),
            mulai=Now(),
            detak=Now(),
        )


def keluar(worker_id: str) -> None:
    """A worker that stops cleanly gives up its lease (its jobs have finished)."""
    PekerjaLatar.objects.filter(worker_id=worker_id).delete()


def pungut_tugas_yatim(*, baru_mulai: str | None = None) -> tuple[int, int]:
    """Puts back in the queue every RUNNING job whose worker's lease expired (or that has none),
    or fails it for good once it was claimed PEKERJA_MAKS_PERCOBAAN times. Safe to run by many
    workers at once: each job is locked (others skip it). Returns (re-queued, failed).

    `baru_mulai`: the id of a worker process starting now. It runs nothing yet, so a job still
    RUNNING under that id was left by an earlier process given the same `--worker-id` (a
    supervisor restarting it at once, before that lease expired)."""
    maks = settings.PEKERJA_MAKS_PERCOBAAN
    diulang, gagal = [], []
    with transaction.atomic():
        hidup = set(
            PekerjaLatar.objects.filter(detak__gte=_batas_hidup()).values_list(
                "worker_id", flat=True
            )
        )
        hidup.discard(baru_mulai)
        berjalan = DBTaskResult.objects.running().select_for_update(skip_locked=True)
        for tugas in berjalan:
            pemilik = tugas.worker_ids[-1] if tugas.worker_ids else None
            if pemilik in hidup:
                continue
            percobaan = len(tugas.worker_ids)
            if percobaan < maks:
                tugas.status = TaskResultStatus.READY
                tugas.save(update_fields=["status"])
                diulang.append((tugas, percobaan))
                logger.warning(
                    "Tugas %s (%s): pekerja %s berhenti; diantrekan ulang (percobaan %d dari %d)",
                    tugas.id, tugas.task_path, pemilik, percobaan, maks,
                )  # fmt: skip
            else:
                tugas.set_failed(PekerjaBerhenti(alasan_gagal(percobaan)))
                gagal.append(tugas)
                logger.error(
                    "Tugas %s (%s) gagal: pekerjanya berhenti %d kali",
                    tugas.id, tugas.task_path, percobaan,
                )  # fmt: skip
        # Leases long expired whose jobs are dealt with above.
        PekerjaLatar.objects.filter(detak__lt=_batas_hidup()).delete()

        def kabarkan() -> None:
            for tugas, percobaan in diulang:
                _kirim(tugas_diulang, tugas, percobaan=percobaan, maks=maks)
            for tugas in gagal:
                _kirim(task_finished, tugas)

        transaction.on_commit(kabarkan)
    return len(diulang), len(gagal)


def _kirim(sinyal: Signal, tugas: DBTaskResult, **lain: int) -> None:
    try:
        hasil = tugas.task_result
    except Exception:  # the job's function is gone (renamed in a new release): nobody to tell
        logger.exception("Tugas %s tidak dapat dibaca", tugas.id)
        return
    for penerima, galat in sinyal.send_robust(
        sender=type(hasil.task.get_backend()), task_result=hasil, **lain
    ):
        if isinstance(galat, Exception):
            logger.error("Penerima %s gagal untuk tugas %s: %r", penerima, tugas.id, galat)


class Detak(threading.Thread):
    """Renews the lease of `worker_id` and collects the jobs of dead workers, every `jeda`
    seconds, on its own database connection, while the worker runs its jobs. A database that
    is unreachable for a while is logged and tried again at the next beat."""

    def __init__(self, worker_id: str, jeda: float) -> None:
        super().__init__(name=f"detak-{worker_id[:8]}", daemon=True)
        self.worker_id = worker_id
        self.jeda = jeda
        self.berhenti = threading.Event()

    def run(self) -> None:
        try:
            while not self.berhenti.wait(self.jeda):
                close_old_connections()  # this thread's own connection
                self.sekali()
        finally:
            connection.close()

    def sekali(self) -> None:
        try:
            daftar(self.worker_id)
            pungut_tugas_yatim()
        except Exception:
            logger.exception("Detak pekerja %s gagal; dicoba lagi", self.worker_id)
            connection.close()

    def hentikan(self) -> None:
        self.berhenti.set()
        self.join(timeout=self.jeda + 10)


def alasan(task_result) -> str:  # noqa: ANN001 - a django_tasks TaskResult
    """Why a failed job failed, in one line: the message of its last error (for a job failed by
    `pungut_tugas_yatim`, the Indonesian reason), else its exception's class name."""
    if not task_result.errors:
        return ""
    galat = task_result.errors[-1]
    baris = [b for b in galat.traceback.strip().splitlines() if b.strip()]
    terakhir = baris[-1] if baris else galat.exception_class_path
    if galat.exception_class_path.endswith("PekerjaBerhenti"):
        return terakhir.split(": ", 1)[-1]
    return terakhir
