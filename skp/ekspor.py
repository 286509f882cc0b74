"""Bulk export of signed SKP PDFs: which SKP to print, and the background job that writes them
into one ZIP with its progress (Django's Tasks API; `manage.py db_worker` runs the jobs).

One SKP whose document cannot be issued does not stop the others: it is left out, logged, and
named (with its NIP) in the job's message, in a list inside the ZIP, and by `cetak_skp`. A
missing signing certificate stops everything, since no document could be signed."""

import logging
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django_tasks import task

from core.dokumen import baca_dokumen
from core.penyimpanan import PESAN as PESAN_PENYIMPANAN
from core.penyimpanan import PenyimpananGagal, simpan
from organisasi.models import Instansi, UnitKerja
from organisasi.nip import format_nip, normalisasi_nip
from organisasi.selectors import unit_dan_turunan
from skp.models import EksporSkp, Skp, StatusEkspor, StatusSkp
from skp.verifikasi import nama_berkas, terbitkan

logger = logging.getLogger(__name__)
TIDAK_ADA = "Tidak ada SKP disetujui yang cocok."
DAFTAR_GAGAL = "DAFTAR_GAGAL.txt"


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
        # By the pegawai's current unit: the SKP's snapshot keeps only the unit's name (text,
        # not a link to UnitKerja), which cannot place it in the unit tree reliably.
        qs = qs.filter(pegawai__jabatan__unit_kerja_id__in=unit_dan_turunan(unit_ids))
    if nip:
        qs = qs.filter(pegawai_nip=normalisasi_nip(nip))
    return qs.order_by("pegawai_nip", "versi")


@dataclass
class GagalCetak:
    skp: Skp
    alasan: str

    def __str__(self) -> str:
        return f"NIP {format_nip(self.skp.pegawai_nip)} ({self.skp.pegawai_nama}): {self.alasan}"


def dokumen_satu_per_satu(daftar: Iterable[Skp]) -> Iterator[tuple[Skp, bytes | GagalCetak]]:
    """The signed PDF of each SKP in turn (issued now if it was not yet), or why it could not
    be made. ImproperlyConfigured (no certificate) propagates: every other SKP would fail too."""
    for skp in daftar:
        try:
            hasil: bytes | GagalCetak = baca_dokumen(terbitkan(skp))
        except ImproperlyConfigured:
            raise
        except Exception as e:
            logger.exception("Dokumen SKP %s (NIP %s) gagal dibuat", skp.pk, skp.pegawai_nip)
            hasil = GagalCetak(skp, f"{type(e).__name__}: {e}" if str(e) else type(e).__name__)
        yield skp, hasil


def ringkasan_gagal(gagal: list[GagalCetak], jumlah: int) -> str:
    return f"{len(gagal)} dari {jumlah} SKP gagal dicetak dan tidak disertakan: " + "; ".join(
        map(str, gagal)
    )


def ekspor_mulai(
    *, user: AbstractBaseUser, instansi: Instansi, unit: UnitKerja | None, tahun: int
) -> EksporSkp:
    """Records the request and queues the job (the caller has checked the admin's right)."""
    ekspor = EksporSkp.objects.create(instansi=instansi, unit=unit, tahun=tahun, diminta_oleh=user)
    hasil = buat_zip.enqueue(ekspor.pk)
    EksporSkp.objects.filter(pk=ekspor.pk).update(task_id=str(hasil.id))
    ekspor.refresh_from_db()
    return ekspor


SUDAH_DIULANG = "Ekspor ini sudah berjalan lagi atau sudah selesai; lihat kemajuannya di bawah."


def ekspor_ulangi(*, ekspor_id: int, instansi: QuerySet[Instansi]) -> EksporSkp:
    """Starts a failed export again as a new job (the caller passes the instansi the admin
    manages; another instansi's export is not found). A second click finds it running and is
    refused with SUDAH_DIULANG. Documents issued by the failed run are reused, not issued
    again."""
    with transaction.atomic():
        ekspor = EksporSkp.objects.select_for_update().get(pk=ekspor_id, instansi__in=instansi)
        if ekspor.status != StatusEkspor.GAGAL:
            raise ValidationError(SUDAH_DIULANG)
        ekspor.status = StatusEkspor.MENUNGGU
        ekspor.selesai = 0
        ekspor.pesan = ""
        ekspor.save(update_fields=["status", "selesai", "pesan"])
        hasil = buat_zip.enqueue(ekspor.pk)
        ekspor.task_id = str(hasil.id)
        ekspor.save(update_fields=["task_id"])
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
    gagal: list[GagalCetak] = []
    try:
        with tempfile.TemporaryFile() as sementara:
            # PDFs are already compressed: stored, not deflated again.
            with zipfile.ZipFile(sementara, "w", zipfile.ZIP_STORED) as arsip:
                hasil = dokumen_satu_per_satu(daftar)
                for i, (skp, data) in enumerate(hasil, start=1):
                    if isinstance(data, GagalCetak):
                        gagal.append(data)
                    else:
                        arsip.writestr(nama_berkas(skp), data)
                    EksporSkp.objects.filter(pk=ekspor.pk).update(selesai=i)
                if gagal:
                    arsip.writestr(DAFTAR_GAGAL, "\n".join(map(str, gagal)) + "\n")
            ekspor.refresh_from_db()
            if len(gagal) == len(daftar):
                ekspor.status = StatusEkspor.GAGAL
                ekspor.pesan = ringkasan_gagal(gagal, len(daftar))
                ekspor.save(update_fields=["status", "pesan"])
                return 0
            sementara.seek(0)
            bagian = ekspor.unit.kode if ekspor.unit_id else "semua"
            kolom = EksporSkp._meta.get_field("berkas")
            nama = f"skp_{ekspor.tahun}_{bagian}_{ekspor.pk}.zip"
            ekspor.berkas.name = simpan(
                kolom.storage, kolom.generate_filename(ekspor, nama), File(sementara),
                max_length=kolom.max_length,
            )  # fmt: skip
        ekspor.status = StatusEkspor.SELESAI
        ekspor.pesan = ringkasan_gagal(gagal, len(daftar)) if gagal else ""
        ekspor.save(update_fields=["berkas", "status", "pesan"])
    except Exception as e:
        logger.exception("Ekspor SKP %s gagal", ekspor.pk)
        pesan = (
            f"Ekspor gagal: berkas ZIP tidak dapat disimpan karena {PESAN_PENYIMPANAN}. Coba "
            "lagi setelah admin aplikasi mengatasinya."
            if isinstance(e, PenyimpananGagal)
            else f"Ekspor gagal: {e}"
        )
        EksporSkp.objects.filter(pk=ekspor.pk).update(status=StatusEkspor.GAGAL, pesan=pesan)
        raise
    return len(daftar) - len(gagal)


@task()
def buat_zip(ekspor_id: int) -> int:
    return jalankan_ekspor(ekspor_id)
