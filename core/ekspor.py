"""Bulk export of signed documents into one ZIP by a background worker, with its progress: one
mechanism for every kind (the SKP of a year, the Dokumen Evaluasi of a period, ...). The kind
says which documents and how each is made; this module runs the job, records progress and
failures on the export row (a concrete `core.models.EksporBerkas`), queues it, starts a failed
one again, and says so when its worker died.

One document that cannot be made does not stop the others: it is left out, logged, and named
in the job's message and in a list inside the ZIP. A missing signing certificate stops
everything, since no document could be signed. Each kind registers its task with `daftarkan`
(in its AppConfig.ready()) so that a dead worker is reported on its export row. This module
imports no domain app."""

import logging
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django_tasks import TaskResultStatus

from core import pekerja
from core.models import EksporBerkas, StatusEkspor
from core.penyimpanan import PESAN as PESAN_PENYIMPANAN
from core.penyimpanan import PenyimpananGagal, simpan

logger = logging.getLogger(__name__)
DAFTAR_GAGAL = "DAFTAR_GAGAL.txt"
SUDAH_DIULANG = "Ekspor ini sudah berjalan lagi atau sudah selesai; lihat kemajuannya di bawah."
BELUM_SELESAI = (StatusEkspor.MENUNGGU, StatusEkspor.BERJALAN)

E = TypeVar("E", bound=EksporBerkas)


@dataclass
class Gagal:
    """One document left out of an export: who it is ("NIP ... (nama)") and why."""

    siapa: str
    alasan: str

    def __str__(self) -> str:
        return f"{self.siapa}: {self.alasan}"


def ringkasan_gagal(gagal: list, jumlah: int, benda: str = "dokumen") -> str:
    return f"{len(gagal)} dari {jumlah} {benda} gagal dicetak dan tidak disertakan: " + "; ".join(
        map(str, gagal)
    )


def mulai(ekspor: E, tugas) -> E:  # noqa: ANN001 - a django_tasks Task
    """Queues the job of a just created export row and records its id."""
    hasil = tugas.enqueue(ekspor.pk)
    type(ekspor).objects.filter(pk=ekspor.pk).update(task_id=str(hasil.id))
    ekspor.refresh_from_db()
    return ekspor


def ulangi(qs, ekspor_id: int, tugas):  # noqa: ANN001
    """Starts a failed export (found in `qs`: what the user may manage; else DoesNotExist) again
    as a new job. A second click finds it running and is refused with SUDAH_DIULANG. Documents
    issued by the failed run are reused, not issued again."""
    with transaction.atomic():
        ekspor = qs.select_for_update().get(pk=ekspor_id)
        if ekspor.status != StatusEkspor.GAGAL:
            raise ValidationError(SUDAH_DIULANG)
        ekspor.status = StatusEkspor.MENUNGGU
        ekspor.selesai = 0
        ekspor.pesan = ""
        ekspor.save(update_fields=["status", "selesai", "pesan"])
        hasil = tugas.enqueue(ekspor.pk)
        ekspor.task_id = str(hasil.id)
        ekspor.save(update_fields=["task_id"])
    return ekspor


def jalankan(
    ekspor: EksporBerkas,
    daftar: list[Any],
    *,
    isi: Callable[[Iterable[Any]], Iterator[tuple[str, bytes | object]]],
    nama_zip: str,
    tidak_ada: str,
    ringkasan: Callable[[list, int], str] = ringkasan_gagal,
    judul_log: str = "Ekspor",
) -> int:
    """Writes the documents of `daftar` into a ZIP stored on `ekspor.berkas` as `nama_zip`,
    updating the progress after each. `isi(daftar)` yields (file name in the ZIP, its bytes)
    per item, or (name, a failure whose str() says who and why) for one that could not be
    made. Returns how many documents the ZIP holds."""
    model = type(ekspor)
    if ekspor.status == StatusEkspor.SELESAI:
        return ekspor.jumlah
    model.objects.filter(pk=ekspor.pk).update(
        status=StatusEkspor.BERJALAN, jumlah=len(daftar), selesai=0, pesan=""
    )
    if not daftar:
        model.objects.filter(pk=ekspor.pk).update(status=StatusEkspor.SELESAI, pesan=tidak_ada)
        return 0
    gagal: list[object] = []
    try:
        with tempfile.TemporaryFile() as sementara:
            # PDFs are already compressed: stored, not deflated again.
            with zipfile.ZipFile(sementara, "w", zipfile.ZIP_STORED) as arsip:
                for i, (nama, data) in enumerate(isi(daftar), start=1):
                    if isinstance(data, bytes):
                        arsip.writestr(nama, data)
                    else:
                        gagal.append(data)
                    model.objects.filter(pk=ekspor.pk).update(selesai=i)
                if gagal:
                    arsip.writestr(DAFTAR_GAGAL, "\n".join(map(str, gagal)) + "\n")
            ekspor.refresh_from_db()
            if len(gagal) == len(daftar):
                ekspor.status = StatusEkspor.GAGAL
                ekspor.pesan = ringkasan(gagal, len(daftar))
                ekspor.save(update_fields=["status", "pesan"])
                return 0
            sementara.seek(0)
            kolom = model._meta.get_field("berkas")
            ekspor.berkas.name = simpan(
                kolom.storage, kolom.generate_filename(ekspor, nama_zip), File(sementara),
                max_length=kolom.max_length,
            )  # fmt: skip
        ekspor.status = StatusEkspor.SELESAI
        ekspor.pesan = ringkasan(gagal, len(daftar)) if gagal else ""
        ekspor.save(update_fields=["berkas", "status", "pesan"])
    except Exception as e:
        logger.exception("%s %s gagal", judul_log, ekspor.pk)
        pesan = (
            f"Ekspor gagal: berkas ZIP tidak dapat disimpan karena {PESAN_PENYIMPANAN}. Coba "
            "lagi setelah admin aplikasi mengatasinya."
            if isinstance(e, PenyimpananGagal)
            else f"Ekspor gagal: {e}"
        )
        model.objects.filter(pk=ekspor.pk).update(status=StatusEkspor.GAGAL, pesan=pesan)
        raise
    return len(daftar) - len(gagal)


# --- a worker that died in the middle of an export -------------------------------------------

_TUGAS: dict[str, type[EksporBerkas]] = {}


def daftarkan(module_path: str, model: type[EksporBerkas]) -> None:
    """`module_path` of an export task ("skp.ekspor.buat_zip") and the model of its rows, whose
    id is the task's first argument."""
    _TUGAS[module_path] = model


def _ekspor_dari(task_result) -> tuple[type[EksporBerkas], int] | None:  # noqa: ANN001
    model = _TUGAS.get(task_result.task.module_path)
    if model is None or not task_result.args:
        return None
    return model, task_result.args[0]


def saat_diulang(sender, task_result, percobaan: int, maks: int, **kwargs) -> None:  # noqa: ANN001, ANN003
    """Connected to core.pekerja.tugas_diulang: the export says it will run again."""
    ditemukan = _ekspor_dari(task_result)
    if ditemukan is None:
        return
    model, ekspor_id = ditemukan
    model.objects.filter(pk=ekspor_id, status__in=BELUM_SELESAI).update(
        status=StatusEkspor.MENUNGGU,
        pesan=(
            "Pekerja latar belakang berhenti di tengah ekspor; ekspor diulang otomatis "
            f"(percobaan {percobaan + 1} dari {maks})."
        ),
    )


def saat_selesai(sender, task_result, **kwargs) -> None:  # noqa: ANN001, ANN003
    """A failed export job whose export still says it runs (its worker died too often, or was
    stopped by force in the middle) is recorded as failed with the reason, for the user to see
    and start again. An export that failed on its own has said why already."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    ditemukan = _ekspor_dari(task_result)
    if ditemukan is None:
        return
    model, ekspor_id = ditemukan
    model.objects.filter(pk=ekspor_id, status__in=BELUM_SELESAI).update(
        status=StatusEkspor.GAGAL, pesan=f"Ekspor gagal: {pekerja.alasan(task_result)}"
    )
