"""django-tasks-db's `db_worker` with a lease: the same options and loop, plus the worker's
heartbeat and the collection of jobs whose worker died (core/pekerja.py). It replaces the
library's command because `core` comes before `django_tasks_db` in INSTALLED_APPS."""

import logging
import signal

from django.conf import settings
from django_tasks_db.management.commands import db_worker as asli

from core import pekerja

logger = logging.getLogger("django_tasks_db")


class WorkerBerdetak(asli.Worker):
    """Holds a lease while it runs: registered before the first job is claimed (so a job is
    never RUNNING under a worker without a lease), renewed by a thread, given up on a clean
    exit. A killed worker leaves its lease to expire. Jobs of dead workers are collected first,
    those left under this very id included (a restart with a fixed --worker-id)."""

    def shutdown(self, signum: int, frame) -> None:  # noqa: ANN001 - a signal frame
        """The first SIGTERM (or Ctrl+C) only ends the loop: the worker finishes its job or
        its nap of `--interval` seconds, then stops and gives up its lease.

        The library exits at once from the signal handler when no job runs, which raises
        SystemExit wherever the main thread happens to be, e.g. halfway through opening a
        database connection before Django has put it back in autocommit. The lease's delete
        then ran in a transaction nobody committed, and the lease stayed behind for others to
        wait out. A second signal still ends the worker at once, as the library does."""
        if not self.running:
            super().shutdown(signum, frame)
            return
        logger.warning(
            "Menerima %s: berhenti setelah tugas atau jeda ini (sinyal lagi untuk paksa)",
            signal.strsignal(signum),
        )
        self.running = False

    def run(self) -> None:
        diulang, gagal = pekerja.pungut_tugas_yatim(baru_mulai=self.worker_id)
        pekerja.daftar(self.worker_id)
        if diulang or gagal:
            logger.warning("%d tugas diantrekan ulang, %d gagal permanen", diulang, gagal)
        detak = pekerja.Detak(self.worker_id, settings.PEKERJA_DETAK_DETIK)
        detak.start()
        try:
            super().run()
        finally:
            detak.hentikan()
            try:
                pekerja.keluar(self.worker_id)
            except Exception:  # the database is gone: the lease expires by itself
                logger.exception("Lease pekerja %s tidak dapat dilepas", self.worker_id)


class Command(asli.Command):
    help = (
        "Menjalankan pekerja latar belakang (ekspor PDF, pratinjau besar, email) dengan lease: "
        "tugas dari pekerja yang mati dijalankan ulang oleh pekerja lain."
    )

    def handle(self, *args, **options) -> None:
        # The library's handle builds its Worker by this module-level name.
        bawaan = asli.Worker
        asli.Worker = WorkerBerdetak
        try:
            super().handle(*args, **options)
        finally:
            asli.Worker = bawaan
