"""What the SKP app does when one of its background jobs is put back in the queue or fails for
good because its worker died (core/pekerja.py sends the signals; connected in SkpConfig.ready).
Kept apart from skp/ekspor.py and skp/pratinjau.py so that connecting them does not load the
PDF renderer into every process."""

import logging

from django_tasks import TaskResultStatus

from core import pekerja
from skp.models import EksporSkp, StatusEkspor

logger = logging.getLogger(__name__)

TUGAS_EKSPOR = "skp.ekspor.buat_zip"
TUGAS_PRATINJAU = "skp.pratinjau.siapkan_pratinjau"
BELUM_SELESAI = (StatusEkspor.MENUNGGU, StatusEkspor.BERJALAN)


def _argumen(task_result, path: str) -> int | None:  # noqa: ANN001
    if task_result.task.module_path != path or not task_result.args:
        return None
    return task_result.args[0]


def saat_diulang(sender, task_result, percobaan: int, maks: int, **kwargs) -> None:  # noqa: ANN001, ANN003
    ekspor_id = _argumen(task_result, TUGAS_EKSPOR)
    if ekspor_id is None:
        return
    EksporSkp.objects.filter(pk=ekspor_id, status__in=BELUM_SELESAI).update(
        status=StatusEkspor.MENUNGGU,
        pesan=(
            "Pekerja latar belakang berhenti di tengah ekspor; ekspor diulang otomatis "
            f"(percobaan {percobaan + 1} dari {maks})."
        ),
    )


def saat_selesai(sender, task_result, **kwargs) -> None:  # noqa: ANN001, ANN003
    """A failed export job whose export still says it runs (its worker died too often, or was
    stopped by force in the middle) is recorded as failed with the reason, for the admin to
    see and start again. An export that failed on its own has said why already."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    ekspor_id = _argumen(task_result, TUGAS_EKSPOR)
    if ekspor_id is not None:
        EksporSkp.objects.filter(pk=ekspor_id, status__in=BELUM_SELESAI).update(
            status=StatusEkspor.GAGAL,
            pesan=f"Ekspor gagal: {pekerja.alasan(task_result)}",
        )
        return
    skp_id = _argumen(task_result, TUGAS_PRATINJAU)
    if skp_id is not None:
        from skp import pratinjau  # the renderer: only in a process that ran this job

        pratinjau.tandai_gagal(skp_id)
