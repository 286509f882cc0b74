"""Exports of a period's results per unit (with its sub-units) or per instansi:

- the Dokumen Evaluasi Kinerja Pegawai of every rated pegawai as one ZIP, built by a background
  job through the shared mechanism of core/ekspor.py (as the SKP export);
- the list a payroll/TPP team imports: one header row, then per pegawai NIP, nama, unit,
  jabatan, both ratings, the predikat and the capaian organisasi of the unit that counts, as
  XLSX (NIP as a text cell) or CSV (UTF-8 with BOM, so Excel opens it as such).

Text that a spreadsheet would take for a formula (= + - @ ...) is never written as one."""

import csv
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django_tasks import task
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from core import ekspor as ekspor_berkas
from core.dokumen import baca_dokumen
from organisasi.models import PenugasanSementara, UnitKerja
from organisasi.nip import format_nip
from organisasi.selectors import unit_dan_turunan
from penilaian import evaluasi
from penilaian.capaian import capaian_banyak
from penilaian.kuadran import Predikat, Rating
from penilaian.models import EksporEvaluasi, PenilaianPeriodik, Periode
from penilaian.selectors import tanggal_acuan
from perencanaan.ekspor import seperti_rumus

logger = logging.getLogger(__name__)
TIDAK_ADA = "Tidak ada pegawai yang sudah dinilai pada periode dan unit kerja ini."
SUDAH_BERJALAN = (
    "Ekspor periode dan unit kerja ini sedang menunggu atau berjalan; lihat kemajuannya di bawah."
)


def penilaian_periode(
    periode: Periode, *, unit: UnitKerja | None = None, dinilai: bool = True
) -> QuerySet[PenilaianPeriodik]:
    """The evaluations of the period in the instansi, or of the pegawai whose position is now in
    `unit` or below it (as the SKP export); only rated ones with `dinilai`."""
    qs = PenilaianPeriodik.objects.filter(periode=periode, pegawai__instansi_id=periode.instansi_id)
    if unit is not None:
        qs = qs.filter(pegawai__jabatan__unit_kerja_id__in=unit_dan_turunan([unit.pk]))
    if dinilai:
        qs = qs.exclude(predikat="")
    return qs.order_by("pegawai__nip")


# --- the ZIP of Dokumen Evaluasi ----------------------------------------------------------


def dokumen_satu_per_satu(
    daftar: Iterable[PenilaianPeriodik],
) -> Iterator[tuple[str, bytes | ekspor_berkas.Gagal]]:
    """The signed Dokumen Evaluasi of each evaluation in turn (issued now if it was not yet), or
    why it could not be made. ImproperlyConfigured (no certificate) propagates."""
    for penilaian in daftar:
        try:
            dokumen = evaluasi.terbitkan(penilaian)
            yield evaluasi.nama_berkas(penilaian, dokumen.versi), baca_dokumen(dokumen)
        except ImproperlyConfigured:
            raise
        except Exception as e:
            logger.exception("Dokumen evaluasi %s gagal dibuat", penilaian.pk)
            siapa = f"NIP {format_nip(penilaian.pegawai.nip)} ({penilaian.pegawai.nama_lengkap})"
            alasan = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
            yield "", ekspor_berkas.Gagal(siapa, alasan)


def ekspor_mulai(
    *, user: AbstractBaseUser, periode: Periode, unit: UnitKerja | None
) -> EksporEvaluasi:
    """Records the request and queues the job (the caller has checked the right: the view, via
    penilaian.access.unit_ekspor). The same export still waiting or running (a double click, a
    second tab) is refused with SUDAH_BERJALAN: under the period's row lock, so two requests
    at once make one."""
    with transaction.atomic():
        Periode.objects.select_for_update().get(pk=periode.pk)
        if EksporEvaluasi.objects.filter(
            periode=periode, unit=unit, status__in=ekspor_berkas.BELUM_SELESAI
        ).exists():
            raise ValidationError(SUDAH_BERJALAN)
        ekspor = EksporEvaluasi.objects.create(
            instansi_id=periode.instansi_id, unit=unit, periode=periode, diminta_oleh=user
        )
    return ekspor_berkas.mulai(ekspor, buat_zip)


def ekspor_ulangi(*, ekspor_id: int, qs: QuerySet[EksporEvaluasi]) -> EksporEvaluasi:
    return ekspor_berkas.ulangi(qs, ekspor_id, buat_zip)


def _slug(teks: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", teks.lower()).strip("-")


def jalankan_ekspor(ekspor_id: int) -> int:
    ekspor = EksporEvaluasi.objects.select_related("instansi", "unit", "periode").get(pk=ekspor_id)
    daftar = list(penilaian_periode(ekspor.periode, unit=ekspor.unit).select_related("pegawai"))
    bagian = ekspor.unit.kode if ekspor.unit_id else "semua"
    return ekspor_berkas.jalankan(
        ekspor,
        daftar,
        isi=dokumen_satu_per_satu,
        nama_zip=f"evaluasi_{ekspor.periode.tahun}_{_slug(ekspor.periode.nama)}_{_slug(bagian)}"
        f"_{ekspor.pk}.zip",
        tidak_ada=TIDAK_ADA,
        ringkasan=lambda gagal, jumlah: ekspor_berkas.ringkasan_gagal(
            gagal, jumlah, "dokumen evaluasi"
        ),
        judul_log="Ekspor dokumen evaluasi",
    )


@task()
def buat_zip(ekspor_id: int) -> int:
    return jalankan_ekspor(ekspor_id)


# --- the TPP list -------------------------------------------------------------------------

KOLOM_TPP = [
    "NIP",
    "Nama",
    "Unit Kerja",
    "Jabatan",
    "Rating Hasil Kerja",
    "Rating Perilaku Kerja",
    "Predikat Kinerja",
    "Capaian Kinerja Organisasi",
]


@dataclass
class BarisTpp:
    nip: str
    nama: str
    unit: str
    jabatan: str
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    capaian: str

    def nilai(self) -> list[str]:
        return [
            self.nip, self.nama, self.unit, self.jabatan, self.rating_hasil_kerja,
            self.rating_perilaku, self.predikat, self.capaian,
        ]  # fmt: skip


def _label(pilihan, nilai: str) -> str:  # noqa: ANN001
    return pilihan(nilai).label if nilai in pilihan.values else ""


def baris_tpp(periode: Periode, *, unit: UnitKerja | None = None) -> list[BarisTpp]:
    """One row per evaluation of the period in scope (not yet rated: empty ratings), in a fixed
    number of queries whatever the number of pegawai. The capaian is that of the unit led by
    the pegawai's penilai: the unit of the pegawai's superior position (in which the penilai,
    or their Plt/Plh, evaluates), or the penilai's own unit when they evaluate from elsewhere
    (vacant superior position, or moved during the window): penilaian.capaian.unit_penilaian
    for many rows at once."""
    daftar = list(
        penilaian_periode(periode, unit=unit, dinilai=False).select_related(
            "pegawai__jabatan__unit_kerja",
            "pegawai__jabatan__atasan__unit_kerja",
            "penilai__jabatan__unit_kerja",
        )
    )
    # The Plt/Plh in force for the period of every recorded penilai, in one query.
    tanggal = tanggal_acuan(periode)
    plt = set(
        PenugasanSementara.objects.filter(
            pegawai_id__in={p.penilai_id for p in daftar if p.penilai_id},
            mulai__lte=tanggal, selesai__gte=tanggal,
        ).values_list("pegawai_id", "jabatan_id")
    )  # fmt: skip
    unit_dihitung: dict[int, UnitKerja | None] = {}
    for p in daftar:
        jabatan = p.pegawai.jabatan
        atasan = jabatan.atasan if jabatan is not None else None
        penilai = p.penilai
        if penilai is None or (
            atasan is not None
            and (penilai.jabatan_id == atasan.pk or (penilai.pk, atasan.pk) in plt)
        ):
            u = atasan.unit_kerja if atasan is not None else None
        else:  # evaluates from a position further up, or moved inside the window
            u = penilai.jabatan.unit_kerja if penilai.jabatan_id else None
        unit_dihitung[p.pk] = u
    semua_unit = {u.pk: u for u in unit_dihitung.values() if u is not None}
    capaian = {
        berlaku.unit.pk: berlaku
        for berlaku, _ in capaian_banyak(list(semua_unit.values()), periode)
    }
    hasil = []
    for p in daftar:
        pegawai, u = p.pegawai, unit_dihitung[p.pk]
        berlaku = capaian.get(u.pk) if u is not None else None
        teks_capaian = berlaku.baris.get_capaian_display() if berlaku and berlaku.baris else ""
        hasil.append(
            BarisTpp(
                nip=pegawai.nip,
                nama=pegawai.nama_lengkap,
                unit=pegawai.jabatan.unit_kerja.nama if pegawai.jabatan_id else "",
                jabatan=pegawai.jabatan.nama if pegawai.jabatan_id else "",
                rating_hasil_kerja=_label(Rating, p.rating_hasil_kerja),
                rating_perilaku=_label(Rating, p.rating_perilaku),
                predikat=_label(Predikat, p.predikat),
                capaian=teks_capaian,
            )
        )
    return hasil


def nama_berkas_tpp(periode: Periode, unit: UnitKerja | None, ekstensi: str) -> str:
    """ "tpp_<instansi>_<tahun>_<periode>[_<unit>].xlsx"."""
    nama = f"tpp_{_slug(periode.instansi.nama)}_{periode.tahun}_{_slug(periode.nama)}"
    if unit is not None:
        nama += f"_{_slug(unit.kode or unit.nama)}"
    return f"{nama}.{ekstensi}"


def tpp_xlsx(baris: list[BarisTpp]) -> bytes:
    """One sheet, one header row; every cell written as text (number_format "@"), so a NIP keeps
    all 18 digits and its leading digits, and a name starting with "=" stays a name (shown with
    Excel's leading apostrophe, never evaluated)."""
    buku = Workbook()
    ws = buku.active
    ws.title = "TPP"
    ws.append(KOLOM_TPP)
    for sel in ws[1]:
        sel.font = Font(bold=True)
    for b in baris:
        sel_baris = []
        for nilai in b.nilai():
            sel = Cell(ws, value=nilai)
            sel.data_type = "s"  # never a number, a date or a formula
            sel.number_format = "@"
            if seperti_rumus(nilai):
                sel.quotePrefix = True
            sel_baris.append(sel)
        ws.append(sel_baris)
    for huruf, lebar in zip("ABCDEFGH", (22, 32, 32, 32, 20, 20, 18, 22), strict=True):
        ws.column_dimensions[huruf].width = lebar
        ws.column_dimensions[huruf].number_format = "@"
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def aman_csv(nilai: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice on
    CSV injection); a NIP is digits only and stays as it is."""
    return f"'{nilai}" if seperti_rumus(nilai) else nilai


def tpp_csv(baris: list[BarisTpp]) -> bytes:
    keluaran = io.StringIO()
    tulis = csv.writer(keluaran, lineterminator="\r\n")
    tulis.writerow(KOLOM_TPP)
    for b in baris:
        tulis.writerow([aman_csv(n) for n in b.nilai()])
    return ("\ufeff" + keluaran.getvalue()).encode("utf-8")
