"""Bulk export of signed SKP PDFs: which SKP to print, and the background job that writes them
into one ZIP with its progress (Django's Tasks API; `manage.py db_worker` runs the jobs).

One SKP whose document cannot be issued does not stop the others: it is left out, logged, and
named (with its NIP) in the job's message, in a list inside the ZIP, and by `cetak_skp`. A
missing signing certificate stops everything, since no document could be signed."""

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django_tasks import task

from core import ekspor as ekspor_berkas
from core.dokumen import baca_dokumen
from core.ekspor import DAFTAR_GAGAL  # noqa: F401 (the list's name inside the ZIP)
from organisasi.models import Instansi, UnitKerja
from organisasi.nip import format_nip, normalisasi_nip
from organisasi.selectors import unit_dan_turunan
from skp.models import EksporSkp, Skp, StatusEkspor, StatusSkp
from skp.verifikasi import nama_berkas, terbitkan

logger = logging.getLogger(__name__)
TIDAK_ADA = "Tidak ada SKP disetujui yang cocok."


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
    return ekspor_berkas.ringkasan_gagal(gagal, jumlah, "SKP")


def ekspor_mulai(
    *, user: AbstractBaseUser, instansi: Instansi, unit: UnitKerja | None, tahun: int
) -> EksporSkp:
    """Records the request and queues the job (the caller has checked the admin's right)."""
    ekspor = EksporSkp.objects.create(instansi=instansi, unit=unit, tahun=tahun, diminta_oleh=user)
    return ekspor_berkas.mulai(ekspor, buat_zip)


SUDAH_DIULANG = ekspor_berkas.SUDAH_DIULANG


def ekspor_ulangi(*, ekspor_id: int, instansi: QuerySet[Instansi]) -> EksporSkp:
    """Starts a failed export again as a new job (the caller passes the instansi the admin
    manages; another instansi's export is not found). A second click finds it running and is
    refused with SUDAH_DIULANG. Documents issued by the failed run are reused, not issued
    again."""
    return ekspor_berkas.ulangi(
        EksporSkp.objects.filter(instansi__in=instansi), ekspor_id, buat_zip
    )


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
    bagian = ekspor.unit.kode if ekspor.unit_id else "semua"
    return ekspor_berkas.jalankan(
        ekspor,
        daftar,
        isi=lambda daftar: (
            (nama_berkas(skp), data) for skp, data in dokumen_satu_per_satu(daftar)
        ),
        nama_zip=f"skp_{ekspor.tahun}_{bagian}_{ekspor.pk}.zip",
        tidak_ada=TIDAK_ADA,
        ringkasan=ringkasan_gagal,
        judul_log="Ekspor SKP",
    )


@task()
def buat_zip(ekspor_id: int) -> int:
    return jalankan_ekspor(ekspor_id)
