"""Spreadsheets the app writes: the Renstra/Renja download, in the upload format, so it can be
edited and uploaded again. Text is never written so that a spreadsheet runs it as a formula."""

import io
from collections.abc import Iterable
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from core.spreadsheet import format_teks
from perencanaan import impor
from perencanaan.angka import titik_ambigu, tulis_angka
from perencanaan.models import Kegiatan, Program, Renstra, SubKegiatan
from perencanaan.selectors import pohon_renstra, urutan_kode

# Characters with which a spreadsheet (or a CSV opened in one) starts a formula; tab and CR are
# on OWASP's list because some programs skip them before looking.
AWALAN_RUMUS = ("=", "+", "-", "@", "\t", "\r")
KOLOM_KODE_RENSTRA = ("A", "C", "E")
KOLOM_KODE_RENJA = ("B", "C", "E", "G")


def seperti_rumus(teks: str) -> bool:
    return teks.startswith(AWALAN_RUMUS)


def sel_aman(ws: Worksheet, nilai: object) -> object:
    """What to append to `ws` for `nilai`: text that a spreadsheet would take for a formula
    (=SUM(...), +62..., -x, @x) becomes an explicit text cell, marked like Excel's leading
    apostrophe (quotePrefix), so it is shown and kept as typed and never evaluated, not even
    after the cell is edited. The text itself is unchanged, so an exported file uploads back
    to the same data. Other values are returned as they are."""
    if not (isinstance(nilai, str) and seperti_rumus(nilai)):
        return nilai
    sel = Cell(ws, value=nilai)  # openpyxl would make "=..." a formula here ...
    sel.data_type = "s"  # ... so it is forced back to text
    sel.quotePrefix = True
    return sel


def tambah_baris(ws: Worksheet, nilai: Iterable[object]) -> None:
    ws.append([sel_aman(ws, n) for n in nilai])


def judul_tebal(ws: Worksheet, kolom: list[str]) -> None:
    tambah_baris(ws, kolom)
    for sel in ws[ws.max_row]:
        sel.font = Font(bold=True)


def _angka(nilai: Decimal | None) -> Decimal | int | str | None:
    """A number cell; except the shape baca_angka cannot tell from thousands when it comes from a
    numeric cell (72.345), which is written as Indonesian text ("72,345") to upload back exactly."""
    if nilai is None:
        return None
    if nilai == nilai.to_integral_value():
        return int(nilai)
    nilai = nilai.normalize()
    return tulis_angka(nilai).replace(".", "") if titik_ambigu(str(nilai)) else nilai


def kolom_renstra(periode: impor.Periode) -> list[str]:
    return impor.KOLOM_RENSTRA + [f"{impor.AWALAN_TARGET}{t}" for t in periode.daftar_tahun]


def renstra_xlsx(renstra: Renstra) -> bytes:
    periode = impor.Periode(renstra.tahun_awal, renstra.tahun_akhir)
    buku = Workbook()
    ws = buku.active
    ws.title = impor.SHEET_RENSTRA
    judul_tebal(ws, kolom_renstra(periode))
    for t in pohon_renstra(renstra):
        for s in t.daftar_sasaran:
            for i in s.daftar_indikator:
                tambah_baris(
                    ws,
                    [t.kode, t.nama, s.kode, s.nama, i.kode, i.nama, i.satuan, _angka(i.baseline),
                     "Ya" if i.iku else "Tidak"]
                    + [_angka(x.nilai) if x else None for x in i.target_per_tahun],
                )  # fmt: skip
    format_teks(ws, KOLOM_KODE_RENSTRA)
    ws_renja = buku.create_sheet(impor.SHEET_RENJA)
    judul_tebal(ws_renja, impor.KOLOM_RENJA)
    for baris in _baris_renja(renstra):
        tambah_baris(ws_renja, baris)
    format_teks(ws_renja, KOLOM_KODE_RENJA)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _baris_renja(renstra: Renstra) -> list[list[object]]:
    """Every program, kegiatan and sub kegiatan of every year, one row each, parents written
    out in full (no merged cells), in the upload format."""
    program = Program.objects.filter(renstra=renstra).select_related("sasaran")
    kegiatan = Kegiatan.objects.filter(renstra=renstra).select_related("sasaran")
    sub = SubKegiatan.objects.filter(renstra=renstra).select_related("sasaran")
    kegiatan_per_program: dict[int, list[Kegiatan]] = {}
    for k in kegiatan:
        kegiatan_per_program.setdefault(k.program_id, []).append(k)
    sub_per_kegiatan: dict[int, list[SubKegiatan]] = {}
    for s in sub:
        sub_per_kegiatan.setdefault(s.kegiatan_id, []).append(s)

    def isi(u: Program | Kegiatan | SubKegiatan) -> list[object]:
        return [u.indikator, u.satuan, _angka(u.target), _angka(u.pagu)]

    hasil = []
    for p in sorted(program, key=lambda x: (x.tahun, urutan_kode(x.kode))):
        hasil.append([p.tahun, p.sasaran.kode, p.kode, p.nama, "", "", "", "", *isi(p)])
        for k in sorted(kegiatan_per_program.get(p.pk, []), key=lambda x: urutan_kode(x.kode)):
            hasil.append([p.tahun, k.sasaran.kode, p.kode, p.nama, k.kode, k.nama, "", "", *isi(k)])
            for s in sorted(sub_per_kegiatan.get(k.pk, []), key=lambda x: urutan_kode(x.kode)):
                hasil.append(
                    [p.tahun, s.sasaran.kode, p.kode, p.nama, k.kode, k.nama, s.kode, s.nama,
                     *isi(s)]
                )  # fmt: skip
    return hasil
