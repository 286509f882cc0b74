"""Reading an uploaded XLSX or CSV sheet into rows keyed by lower-case header (and keeping the
identifier columns of the downloadable templates as text, so they come back as typed).

Shared by every bulk upload (pegawai, Renstra/Renja). Problems are collected, never raised one
at a time, so the admin sees every one of them at once.
"""

import csv
import io
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.template.defaultfilters import filesizeformat
from openpyxl.worksheet.worksheet import Worksheet

from core.xlsx import (
    MAKS_KARAKTER_SEL,
    Batas,
    BerkasTidakTerbaca,
    baca_xlsx,
    pesan_sel_panjang,
    ribuan,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Masalah:
    """One problem in an upload, printed as "baris N, kolom X: pesan"."""

    pesan: str
    baris: int | None = None
    kolom: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        lokasi = []
        if self.sheet:
            lokasi.append(f"sheet {self.sheet}")
        if self.baris is not None:
            lokasi.append(f"baris {self.baris}")
        if self.kolom:
            lokasi.append(f"kolom {self.kolom}")
        return f"{', '.join(lokasi)}: {self.pesan}" if lokasi else self.pesan


@dataclass
class Baris:
    nomor: int  # row number as the spreadsheet shows it (header is row 1)
    nilai: dict[str, str]


@dataclass
class Tabel:
    header: list[str] = field(default_factory=list)
    baris: list[Baris] = field(default_factory=list)
    sheet: str | None = None


class AngkaExcel(str):
    """The text of a cell that Excel stored as a number; `.angka` keeps the number itself.

    Columns that hold identifiers (NIP, codes) must be text: a number cell there may already
    have lost digits in Excel, which `masalah_sel_angka` reports instead of guessing.
    """

    angka: int | float

    def __new__(cls, teks: str, angka: int | float) -> "AngkaExcel":
        obj = super().__new__(cls, teks)
        obj.angka = angka
        return obj


def _desimal_indonesia(nilai: Decimal) -> str:
    # Written as an Indonesian would, with a decimal comma: "72.345" would read as 72345
    # under Indonesian rules, where the dot is the thousands separator.
    teks = format(nilai.normalize(), "f")
    return teks.replace(".", ",")


def _teks(nilai: object, format_angka: str | None = None) -> str:
    """A cell as text. Whole floats lose their '.0' (Excel stores 12 as 12.0); a cell formatted
    as a percentage reads as the admin saw it (Excel stores 90% as 0.9)."""
    if nilai is None:
        return ""
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        if format_angka and "%" in format_angka:
            return AngkaExcel(_desimal_indonesia(Decimal(repr(nilai)) * 100) + "%", nilai)
        if isinstance(nilai, int) or nilai.is_integer():
            return AngkaExcel(str(int(nilai)), nilai)
        return AngkaExcel(_desimal_indonesia(Decimal(repr(nilai))), nilai)
    if isinstance(nilai, datetime):
        return (
            nilai.date().isoformat() if nilai.time() == datetime.min.time() else nilai.isoformat()
        )
    if isinstance(nilai, date):
        return nilai.isoformat()
    return str(nilai).strip()


def baca_berkas(
    berkas: IO[bytes], nama_berkas: str, *, maks_bytes: int, batas: Batas | None = None
) -> dict[str, list[list[str]]]:
    """All sheets of an XLSX (by name) or the single sheet of a CSV (named "csv"), as text cells.

    Formulas are read by their cached value, as the admin saw them in Excel. Rows, columns,
    cells and the unpacked size are limited (`batas`, default from settings) while reading, so a
    hostile file is refused before it can take the server's memory or time.
    """
    batas = batas or Batas.dari_settings()
    data = berkas.read(maks_bytes + 1)
    if len(data) > maks_bytes:
        raise BerkasTidakTerbaca(f"Berkas melebihi batas ukuran {filesizeformat(maks_bytes)}.")
    if not data.strip():
        raise BerkasTidakTerbaca("Berkas kosong.")
    nama = nama_berkas.lower()
    if nama.endswith(".csv"):
        return {"csv": _baca_csv(data, batas)}
    if nama.endswith((".xlsx", ".xlsm")):
        try:
            return baca_xlsx(data, batas, _teks)
        except BerkasTidakTerbaca:
            raise
        except Exception as e:  # a corrupt part can fail in ways no limit foresees
            logger.exception("XLSX %s tidak terbaca", nama_berkas)
            raise BerkasTidakTerbaca("Isi berkas XLSX rusak dan tidak dapat dibaca.") from e
    raise BerkasTidakTerbaca("Jenis berkas tidak didukung: unggah berkas .xlsx atau .csv.")


def format_teks(ws: Worksheet, kolom: Iterable[str]) -> None:
    """Identifier columns (by letter) as text, so Excel keeps an 18-digit NIP and "1.10" or
    "1.02.02.2.01.0001" as typed: the cells written so far and, through the column's own
    format, every row the admin adds later."""
    for huruf in kolom:
        ws.column_dimensions[huruf].number_format = "@"
        for sel in ws[huruf]:
            sel.number_format = "@"


def _baca_csv(data: bytes, batas: Batas) -> list[list[str]]:
    """Rows up to the last one holding a value, within the same limits as an XLSX (the file
    is already in memory and at most IMPOR_MAKS_BYTES, so one line cannot hold more)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            teks = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise BerkasTidakTerbaca("Berkas CSV tidak dapat dibaca (pengodean tidak dikenal).")
    if "\x00" in teks:
        raise BerkasTidakTerbaca("Berkas bukan CSV teks yang dapat dibaca.")
    baris_pertama = teks.split("\n", 1)[0]
    # Excel in the Indonesian locale saves CSV with semicolons, because the comma is the decimal mark.
    pemisah = ";" if baris_pertama.count(";") > baris_pertama.count(",") else ","
    hasil: list[list[str]] = []
    jumlah_sel = 0
    pembaca = csv.reader(io.StringIO(teks), delimiter=pemisah)
    nomor = 0
    while True:
        try:
            mentah = next(pembaca, None)
        except csv.Error as e:
            # Python refuses a field over csv.field_size_limit() (131,072 characters).
            raise BerkasTidakTerbaca(
                pesan_sel_panjang(f"Sebuah sel pada baris {ribuan(pembaca.line_num)}")
            ) from e
        if mentah is None:
            return hasil
        nomor += 1
        isi = [sel.strip() for sel in mentah]
        while isi and not isi[-1]:
            isi.pop()
        if not isi:
            continue
        batas.tolak_baris("csv", nomor)
        batas.tolak_kolom("csv", nomor, len(isi))
        if (panjang := max(len(sel) for sel in isi)) > MAKS_KARAKTER_SEL:
            kolom = next(i for i, sel in enumerate(isi) if len(sel) == panjang)
            raise BerkasTidakTerbaca(
                pesan_sel_panjang(f"Sel kolom ke-{kolom + 1} baris {ribuan(nomor)}")
            )
        jumlah_sel += len(isi)
        batas.tolak_sel(jumlah_sel)
        hasil.extend([] for _ in range(nomor - 1 - len(hasil)))
        hasil.append(isi)


def tabel_dari_sel(
    sel: list[list[str]],
    *,
    wajib: list[str],
    opsional: list[str] = (),
    sheet: str | None = None,
    kolom_pola: tuple[str, ...] = (),
) -> tuple[Tabel, list[Masalah]]:
    """Rows under a header row. Header names are matched case-insensitively; missing required
    columns and unknown columns are problems that name the expected ones. Columns starting with
    a prefix in `kolom_pola` (e.g. "target_") are accepted and checked by the caller."""
    masalah: list[Masalah] = []
    kosong_di_atas = 0  # blank rows above the header still count in the row numbers shown
    while sel and not any(sel[0]):
        sel = sel[1:]
        kosong_di_atas += 1
    if not sel:
        return Tabel(), [
            Masalah("Berkas tidak berisi data (baris judul kolom tidak ada).", sheet=sheet)
        ]
    header = [h.strip().lower().replace(" ", "_") for h in sel[0]]
    dikenal = set(wajib) | set(opsional)
    kurang = [k for k in wajib if k not in header]
    asing = [
        h for h in header if h and h not in dikenal and not any(h.startswith(p) for p in kolom_pola)
    ]
    duplikat = sorted({h for h in header if h and header.count(h) > 1})
    diharapkan = ", ".join(list(wajib) + list(opsional))
    if kurang:
        masalah.append(
            Masalah(
                f"Kolom wajib tidak ada: {', '.join(kurang)}. Kolom yang diharapkan: {diharapkan}.",
                sheet=sheet,
            )
        )
    if asing:
        masalah.append(
            Masalah(
                f"Kolom tidak dikenal: {', '.join(asing)}. Kolom yang diharapkan: {diharapkan}.",
                sheet=sheet,
            )
        )
    if duplikat:
        masalah.append(
            Masalah(f"Kolom muncul lebih dari sekali: {', '.join(duplikat)}.", sheet=sheet)
        )
    if masalah:
        return Tabel(header=header, sheet=sheet), masalah
    tabel = Tabel(header=header, sheet=sheet)
    for indeks, isi in enumerate(sel[1:], start=2 + kosong_di_atas):
        if not any(isi):
            continue  # blank rows between data are common in hand-kept sheets
        nilai = {h: (isi[i] if i < len(isi) else "") for i, h in enumerate(header) if h}
        tabel.baris.append(Baris(nomor=indeks, nilai=nilai))
    if not tabel.baris:
        masalah.append(Masalah("Berkas tidak berisi baris data di bawah judul kolom.", sheet=sheet))
    return tabel, masalah


# Floats hold 15-16 significant digits: an 18-digit NIP typed into a General cell has already
# lost its last digits in Excel (197203101998031006 is saved as 1.97203101998031E+17).
_DIGIT_PASTI = 2**53


def masalah_sel_angka(
    tabel: Tabel, *, kolom_nip: tuple[str, ...] = (), kolom_kode: tuple[str, ...] = ()
) -> list[Masalah]:
    """Identifier cells that Excel stored as numbers and may have changed: a long NIP whose last
    digits are gone, or a code like 1.10 that Excel keeps as 1.1. Whole small numbers (a code
    "7") are exact and pass."""
    masalah = []
    for baris in tabel.baris:
        for kolom in kolom_nip + kolom_kode:
            sel = baris.nilai.get(kolom)
            if not isinstance(sel, AngkaExcel) or isinstance(sel.angka, int):
                continue
            if kolom in kolom_nip and abs(sel.angka) >= _DIGIT_PASTI:
                pesan = (
                    f"NIP tersimpan sebagai angka oleh Excel sehingga digit terakhirnya hilang "
                    f"(terbaca {sel}). Format kolom {kolom} sebagai Teks, lalu ketik ulang NIP "
                    "lengkap."
                )
            elif kolom in kolom_kode and not sel.angka.is_integer():
                pesan = (
                    f"kode tersimpan sebagai angka oleh Excel (terbaca {sel}); angka nol di "
                    "belakang bisa hilang (1.10 menjadi 1.1). Format kolom sebagai Teks, lalu "
                    "ketik ulang kode."
                )
            else:
                continue
            masalah.append(Masalah(pesan, baris.nomor, kolom, sheet=tabel.sheet))
    return masalah


# Line breaks (Alt+Enter in an Excel cell), tabs and other control characters.
_KENDALI = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def masalah_karakter_kendali(tabel: Tabel, kolom: tuple[str, ...]) -> list[Masalah]:
    """Code cells holding a line break or another control character: a code is one line (it
    ends up in file names and links), and a break typed by mistake is invisible in Excel."""
    return [
        Masalah(
            "kode tidak boleh berisi baris baru atau karakter kendali lain; ketik ulang kode "
            "dalam satu baris.",
            baris.nomor,
            k,
            sheet=tabel.sheet,
        )
        for baris in tabel.baris
        for k in kolom
        if _KENDALI.search(baris.nilai.get(k, ""))
    ]


# The downloadable templates show their example rows on the instructions sheet, with codes that
# start with this word: codes no real unit or Renstra has, refused if copied into the data.
AWALAN_CONTOH = "CONTOH"


def masalah_kode_contoh(
    nilai: dict[str, str], kolom: tuple[str, ...], nomor: int, sheet: str | None = None
) -> Masalah | None:
    """The problem of a template example row (its first code in `kolom` starting with CONTOH),
    or None. One message for the row: its other cells are the example's, not the admin's."""
    for k in kolom:
        kode = (nilai.get(k) or "").strip()
        if kode.upper().startswith(AWALAN_CONTOH):
            return Masalah(
                f"baris contoh dari templat (kode {kode}); hapus baris ini dan isi data Anda "
                "sendiri.",
                nomor,
                k,
                sheet,
            )
    return None
