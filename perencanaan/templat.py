"""The downloadable XLSX template for the Renstra/Renja upload, made for one period."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from core.spreadsheet import AWALAN_CONTOH as C
from core.spreadsheet import format_teks
from organisasi.models import UnitKerja
from perencanaan import impor
from perencanaan.ekspor import (
    KOLOM_KODE_RENJA,
    KOLOM_KODE_RENSTRA,
    judul_tebal,
    kolom_renstra,
    tambah_baris,
)


def _petunjuk(periode: impor.Periode, unit: UnitKerja | None) -> list[str]:
    tahun = periode.daftar_tahun
    target = ", ".join(f"target_{t}" for t in tahun)
    return [
        f"Petunjuk pengisian Renstra {periode}" + (f" — {unit.kode} {unit}" if unit else ""),
        "",
        "Sheet Renstra (wajib): satu baris per indikator kinerja. Jangan ubah judul kolom di baris 1.",
        "kode_tujuan, tujuan: kode dan rumusan tujuan (misalnya T1).",
        "kode_sasaran, sasaran: kode dan rumusan sasaran strategis (misalnya SS1.1).",
        "kode_indikator, indikator, satuan: kode unik, rumusan indikator kinerja, dan satuannya (%, orang, indeks, ...).",
        "baseline: capaian tahun dasar, berupa angka.",
        "iku: Ya bila indikator ini Indikator Kinerja Utama, selain itu Tidak.",
        f"{target}: target setiap tahun periode, berupa angka; sel kosong berarti belum ada target tahun itu.",
        "Sel kode_tujuan, tujuan, kode_sasaran, dan sasaran yang kosong (atau digabung/merge) mengikuti baris di atasnya.",
        "",
        "Sheet Renja (boleh tidak diisi): satu baris per program, kegiatan, atau sub kegiatan.",
        f"tahun: tahun rencana kerja, di dalam periode {periode}.",
        "kode_sasaran: kode sasaran strategis di sheet Renstra yang didukung.",
        "kode_program, program, kode_kegiatan, kegiatan, kode_subkegiatan, subkegiatan: kode dan nomenklatur (misalnya 1.02.02, 1.02.02.2.01, 1.02.02.2.01.0001).",
        "Baris program hanya mengisi kolom program; baris kegiatan mengisi kegiatan; baris sub kegiatan mengisi sub kegiatan. Sel program/kegiatan yang kosong mengikuti baris di atasnya.",
        "indikator, satuan, target, pagu: indikator program/kegiatan/sub kegiatan pada baris itu, targetnya, dan pagu dalam rupiah.",
        "",
        "Angka ditulis cara Indonesia: 1.500 (seribu lima ratus), 85,5 (delapan puluh lima koma lima), 90%, Rp 2.000.000. Rumus dibaca nilainya.",
        "Angka desimal dengan tepat tiga angka di belakang koma (misalnya 72,345) ketik sebagai teks dengan koma; sel angka 72.345 terbaca 72345.",
        "Ketik kode sebagai teks (kolom kode sudah berformat teks) agar Excel tidak mengubah 1.10 menjadi 1.1.",
        "Unggah ulang berkas yang sama aman: tidak ada yang berubah. Baris yang dihapus dari berkas tidak dihapus dari aplikasi.",
        "Sebelum data diubah, Anda melihat pratinjau setiap baris yang akan dibuat atau diubah.",
        "",
        f"Contoh di bawah hanya contoh dan tidak pernah dibaca saat impor; baris berkode {C}- ditolak bila disalin ke sheet Renstra atau Renja.",
    ]


JUDUL_CONTOH_RENSTRA = "Contoh sheet Renstra:"
JUDUL_CONTOH_RENJA = "Contoh sheet Renja:"


def _contoh_renstra(periode: impor.Periode) -> list[list[object]]:
    n = len(periode.daftar_tahun)
    return [
        [f"{C}-T1", "Meningkatnya derajat kesehatan masyarakat", f"{C}-SS1",
         "Meningkatnya status kesehatan ibu dan anak", f"{C}-IK1", "Angka kematian ibu",
         "per 100.000 kelahiran hidup", 98, "Ya"] + [95 - 3 * i for i in range(n)],
        ["", "", "", "", f"{C}-IK2", "Prevalensi balita stunting", "%", "18,7", "Tidak"]
        + [f"{17 - 1.5 * i:.1f}".replace(".", ",") for i in range(n)],
    ]  # fmt: skip


def _contoh_renja(periode: impor.Periode) -> list[list[object]]:
    return [
        [periode.tahun_awal, f"{C}-SS1", f"{C}-1.02.02",
         "PROGRAM PEMENUHAN UPAYA KESEHATAN PERORANGAN DAN UPAYA KESEHATAN MASYARAKAT", "", "", "",
         "", "Persentase ibu hamil yang mendapat pelayanan kesehatan sesuai standar", "%", 100,
         "Rp 4.250.000.000"],
        ["", "", "", "", f"{C}-1.02.02.2.02",
         "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
         "", "", "Persentase puskesmas yang melaksanakan pelayanan kesehatan ibu sesuai standar",
         "%", 100, "Rp 1.250.000.000"],
        ["", "", "", "", "", "", f"{C}-1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
         "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar", "orang", "6.850",
         "Rp 1.250.000.000"],
    ]  # fmt: skip


def templat_renstra_xlsx(periode: impor.Periode, unit: UnitKerja | None = None) -> bytes:
    """The Renstra and Renja sheets hold only their header: a template uploaded unchanged writes
    nothing (issue 12: its example rows, with a real Dinas Kesehatan's codes, were applied to an
    OPD's Renstra). The example is on the Petunjuk sheet, which the import never reads, with
    codes starting with CONTOH, which it refuses if copied into the data."""
    buku = Workbook()
    ws = buku.active
    ws.title = impor.SHEET_RENSTRA
    judul_tebal(ws, kolom_renstra(periode))
    format_teks(ws, KOLOM_KODE_RENSTRA)
    renja = buku.create_sheet(impor.SHEET_RENJA)
    judul_tebal(renja, impor.KOLOM_RENJA)
    format_teks(renja, KOLOM_KODE_RENJA)

    petunjuk = buku.create_sheet("Petunjuk")
    for teks in _petunjuk(periode, unit):
        tambah_baris(petunjuk, [teks])
    petunjuk["A1"].font = Font(bold=True)
    for judul, kolom, contoh in (
        (JUDUL_CONTOH_RENSTRA, kolom_renstra(periode), _contoh_renstra(periode)),
        (JUDUL_CONTOH_RENJA, impor.KOLOM_RENJA, _contoh_renja(periode)),
    ):
        tambah_baris(petunjuk, [])
        tambah_baris(petunjuk, [judul])
        petunjuk.cell(petunjuk.max_row, 1).font = Font(bold=True)
        judul_tebal(petunjuk, kolom)
        for baris in contoh:
            tambah_baris(petunjuk, baris)
    # The Renstra example shows that merged tujuan/sasaran cells are fine.
    awal = _baris_judul(petunjuk, JUDUL_CONTOH_RENSTRA) + 2
    for kolom in "ABCD":
        petunjuk.merge_cells(f"{kolom}{awal}:{kolom}{awal + 1}")
        petunjuk[f"{kolom}{awal}"].alignment = Alignment(vertical="top", wrap_text=True)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _baris_judul(ws: Worksheet, judul: str) -> int:
    return next(sel.row for sel in ws["A"] if sel.value == judul)
