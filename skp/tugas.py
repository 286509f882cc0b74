"""What the SKP app does when one of its background jobs fails for good because its worker died
(core/pekerja.py sends the signals; connected in SkpConfig.ready). An export job is handled by
core/ekspor.py (registered there in SkpConfig.ready). Kept apart from skp/pratinjau.py so that
connecting it does not load the PDF renderer into every process."""

import logging

from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)

TUGAS_EKSPOR = "skp.ekspor.buat_zip"
TUGAS_PRATINJAU = "skp.pratinjau.siapkan_pratinjau"


def _argumen(task_result, path: str) -> int | None:  # noqa: ANN001
    if task_result.task.module_path != path or not task_result.args:
        return None
    return task_result.args[0]


def saat_selesai(sender, task_result, **kwargs) -> None:  # noqa: ANN001, ANN003
    """A preview job that failed for good: the preview page stops waiting."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    skp_id = _argumen(task_result, TUGAS_PRATINJAU)
    if skp_id is not None:
        from skp import pratinjau  # the renderer: only in a process that ran this job

        pratinjau.tandai_gagal(skp_id)
