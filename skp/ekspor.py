"""Bulk export of signed SKP PDFs: which SKP to print, and the background job that writes them
into one ZIP with its progress (Django's Tasks API; `manage.py db_worker` runs the jobs)."""

import logging
import tempfile
import zipfile

from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db.models import QuerySet
from django_tasks import task

from organisasi.models import Instansi, UnitKerja
from organisasi.nip import normalisasi_nip
from skp.models import EksporSkp, Skp, StatusEkspor, StatusSkp
from skp.verifikasi import baca_dokumen, nama_berkas, terbitkan

logger = logging.getLogger(__name__)
TIDAK_ADA = "Tidak ada SKP disetujui yang cocok."


def unit_dan_turunan(unit_ids: list[int]) -> list[int]:
    """The given units and every unit below them."""
    hasil, lapis = list(unit_ids), list(unit_ids)
    while lapis:
        lapis = list(UnitKerja.objects.filter(induk_id__in=lapis).values_list("pk", flat=True))
        hasil += lapis
    return hasil


def skp_untuk_dicetak(
    tahun: int,
    *,
    instansi: Instansi | None = None,
    unit_ids: list[int] | None = None,
    nip: str | None = None,
) -> QuerySet[Skp]:
    """The approved version in force of each matching pegawai (a replaced one is history)."""
    qs = Skp.objects.filter(tahun=tahun, status=StatusSkp.DISETUJUI)
    if instansi is not None:
        qs = qs.filter(instansi=instansi)
    if unit_ids is not None:
        qs = qs.filter(pegawai__jabatan__unit_kerja_id__in=unit_dan_turunan(unit_ids))
    if nip:
        qs = qs.filter(pegawai_nip=normalisasi_nip(nip))
    return qs.order_by("pegawai_nip", "versi")


def ekspor_mulai(
    *, user: AbstractBaseUser, instansi: Instansi, unit: UnitKerja | None, tahun: int
) -> EksporSkp:
    """Records the request and queues the job (the caller has checked the admin's right)."""
    ekspor = EksporSkp.objects.create(instansi=instansi, unit=unit, tahun=tahun, diminta_oleh=user)
    hasil = buat_zip.enqueue(ekspor.pk)
    EksporSkp.objects.filter(pk=ekspor.pk).update(task_id=str(hasil.id))
    ekspor.refresh_from_db()
    return ekspor


def jalankan_ekspor(ekspor_id: int) -> int:
    """Renders (or reads the stored) signed PDF of every matching SKP into a ZIP, updating the
    progress after each file. Returns how many PDFs it holds."""
    ekspor = EksporSkp.objects.select_related("instansi", "unit").get(pk=ekspor_id)
    if ekspor.status == StatusEkspor.SELESAI:
        return ekspor.jumlah
    daftar = list(
        skp_untuk_dicetak(
            ekspor.tahun,
            instansi=ekspor.instansi,
            unit_ids=[ekspor.unit_id] if ekspor.unit_id else None,
        )
    )
    EksporSkp.objects.filter(pk=ekspor.pk).update(
        status=StatusEkspor.BERJALAN, jumlah=len(daftar), selesai=0, pesan=""
    )
    if not daftar:
        EksporSkp.objects.filter(pk=ekspor.pk).update(status=StatusEkspor.SELESAI, pesan=TIDAK_ADA)
        return 0
    try:
        with tempfile.TemporaryFile() as sementara:
            # PDFs are already compressed: stored, not deflated again.
            with zipfile.ZipFile(sementara, "w", zipfile.ZIP_STORED) as arsip:
                for i, skp in enumerate(daftar, start=1):
                    arsip.writestr(nama_berkas(skp), baca_dokumen(terbitkan(skp)))
                    EksporSkp.objects.filter(pk=ekspor.pk).update(selesai=i)
            sementara.seek(0)
            ekspor.refresh_from_db()
            bagian = ekspor.unit.kode if ekspor.unit_id else "semua"
            ekspor.berkas.save(f"skp_{ekspor.tahun}_{bagian}_{ekspor.pk}.zip", File(sementara),
                               save=False)  # fmt: skip
        ekspor.status = StatusEkspor.SELESAI
        ekspor.save(update_fields=["berkas", "status"])
    except Exception as e:
        logger.exception("Ekspor SKP %s gagal", ekspor.pk)
        EksporSkp.objects.filter(pk=ekspor.pk).update(
            status=StatusEkspor.GAGAL, pesan=f"Ekspor gagal: {e}"
        )
        raise
    return len(daftar)


@task()
def buat_zip(ekspor_id: int) -> int:
    return jalankan_ekspor(ekspor_id)
