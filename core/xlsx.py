"""Reading the cells of an XLSX within fixed limits, for uploads that may be hostile.

An XLSX is a zip of XML parts. openpyxl's read-only mode trusts the sheet's declared
`<dimension>` (one cell declared at XFD1048576 makes it pad a billion empty cells), pads every
row to its last cell (16,384 per row for one cell in column XFD), builds each `<row>` whole
before yielding it, and reads the shared strings and styles whole. Here every part is streamed
through expat, nothing is ever padded beyond the cells that hold a value, and the limits
(`Batas`) are checked while reading, so a hostile file is refused after reading only as much as
the limits allow:

- the declared uncompressed size of each part (`ZipInfo.file_size`: zipfile never returns more)
  against what is left of the XML budget, before the part is opened, and the bytes actually
  decompressed while it is read;
- rows per sheet, columns and cells (counted as the reader hands them on, so its memory is
  bounded by them), characters per cell (Excel's own 32,767) and of all cells together (one
  shared string can be referenced by every cell), and XML elements (so a file of empty
  elements under the byte limit cannot keep the worker busy either);
- no DTD, so no entity expansion.

Cells are returned as text through the caller's `teks(value, number_format)`, with the values
openpyxl's data_only mode gives (a formula by the value Excel saved with it).
"""

import io
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from xml.parsers import expat

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)

MAKS_KARAKTER_SEL = 32_767  # Excel's own limit for the text of one cell
MAKS_KOLOM_EXCEL = 16_384  # column XFD
MAKS_BARIS_EXCEL = 1_048_576
MAKS_BAGIAN_ZIP = 10_000  # parts in the zip; a real workbook has a few dozen
TANDA_ENTRI_ZIP = b"PK\x01\x02"  # the signature of a central directory entry
# XML elements read, per allowed cell (<c><is><t> is 3, <c><v> 2) plus a fixed allowance for
# the rows, the styles and the workbook's other parts.
ELEMEN_PER_SEL = 4
ELEMEN_TETAP = 200_000
KARAKTER_PER_SEL = 50  # characters of all cells together, per cell limit (on average)
POTONGAN = 64 * 1024  # bytes decompressed and parsed at a time

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TIPE_REL = NS_REL + "/"


class BerkasTidakTerbaca(Exception):
    """The file as a whole cannot be read; the message is Indonesian and shown to the user."""


def ribuan(n: int) -> str:
    """50000 -> "50.000", as an Indonesian reads it."""
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class Batas:
    """What one upload may hold. The defaults come from settings (IMPOR_MAKS_*)."""

    baris: int  # rows per sheet (the row number of the last row holding a value)
    kolom: int  # columns (of the rightmost cell holding a value)
    sel: int  # cells handed on, all sheets together: each row counts up to its last value
    xml_bytes: int  # uncompressed XML read, all parts together

    @property
    def karakter(self) -> int:
        """Characters of all cells handed on. One shared string may be referenced by every
        cell: the reader hands on the same string, but each importer's cleaning copies it."""
        return KARAKTER_PER_SEL * self.sel

    @classmethod
    def dari_settings(cls) -> "Batas":
        return cls(
            baris=settings.IMPOR_MAKS_BARIS,
            kolom=settings.IMPOR_MAKS_KOLOM,
            sel=settings.IMPOR_MAKS_SEL,
            xml_bytes=settings.IMPOR_MAKS_XML_BYTES,
        )

    def tolak_baris(self, sheet: str, nomor: int) -> None:
        if nomor > self.baris:
            raise BerkasTidakTerbaca(
                f"Sheet {sheet} berisi data sampai baris {ribuan(nomor)}; batasnya "
                f"{ribuan(self.baris)} baris. Hapus isi di bawah tabel atau bagi data menjadi "
                "beberapa berkas."
            )

    def tolak_kolom(self, sheet: str, nomor: int, kolom: int) -> None:
        if kolom > self.kolom:
            huruf = get_column_letter(min(kolom, MAKS_KOLOM_EXCEL))
            raise BerkasTidakTerbaca(
                f"Sheet {sheet} berisi data di kolom {huruf} (kolom ke-{ribuan(kolom)}, baris "
                f"{ribuan(nomor)}); batasnya {ribuan(self.kolom)} kolom (sampai kolom "
                f"{get_column_letter(self.kolom)}). Hapus isi di sebelah kanan tabel."
            )

    def tolak_karakter(self, jumlah: int) -> None:
        if jumlah > self.karakter:
            raise BerkasTidakTerbaca(
                f"Berkas berisi lebih dari {ribuan(self.karakter)} karakter teks; bagi data "
                "menjadi beberapa berkas."
            )

    def tolak_sel(self, jumlah: int) -> None:
        if jumlah > self.sel:
            raise BerkasTidakTerbaca(
                f"Berkas berisi lebih dari {ribuan(self.sel)} sel; bagi data menjadi beberapa "
                "berkas."
            )


def pesan_sel_panjang(lokasi: str) -> str:
    return (
        f"{lokasi} berisi lebih dari {ribuan(MAKS_KARAKTER_SEL)} karakter (batas satu sel Excel)."
    )


# ---------------------------------------------------------------- streaming one part


class _Bagian:
    """One XML part parsed by expat with handlers named by local tag name (namespace kept for
    the few attributes that need it). Subclasses set `selesai` to stop reading early."""

    def __init__(self, pembaca: "_Pembaca", nama: str) -> None:
        self.pembaca = pembaca
        self.nama = nama
        self.selesai = False

    def mulai(self, tag: str, atribut: dict[str, str]) -> None: ...

    def akhir(self, tag: str) -> None: ...

    def teks(self, data: str) -> None: ...


def _tolak_dtd(*_args: object) -> None:
    raise BerkasTidakTerbaca("Berkas XLSX berisi deklarasi DTD, yang tidak diterima.")


class _Pembaca:
    """The zip and what has been spent of the XML and element budgets."""

    def __init__(self, data: bytes, batas: Batas) -> None:
        self.batas = batas
        self.sisa_bytes = batas.xml_bytes
        self.sisa_elemen = ELEMEN_PER_SEL * batas.sel + ELEMEN_TETAP
        # zipfile builds an object per central directory entry, each starting with this
        # signature: 10 MB of empty entries would cost it some 60 MB before anything is read.
        if data.count(TANDA_ENTRI_ZIP) > MAKS_BAGIAN_ZIP:
            raise BerkasTidakTerbaca(
                f"Berkas XLSX berisi lebih dari {ribuan(MAKS_BAGIAN_ZIP)} bagian; berkas Excel "
                "biasa hanya berisi puluhan."
            )
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
            raise BerkasTidakTerbaca("Berkas bukan XLSX yang dapat dibaca.") from e

    def ada(self, nama: str) -> bool:
        try:
            self.zip.getinfo(nama)
        except KeyError:
            return False
        return True

    def _terlalu_besar(self) -> BerkasTidakTerbaca:
        return BerkasTidakTerbaca(
            "Isi berkas XLSX terlalu besar setelah dibuka: lebih dari "
            f"{filesizeformat(self.batas.xml_bytes)} data. Simpan ulang berkas hanya dengan "
            "tabel yang diunggah, atau bagi data menjadi beberapa berkas."
        )

    def urai(self, bagian: _Bagian) -> None:
        try:
            info = self.zip.getinfo(bagian.nama)
        except KeyError as e:
            raise BerkasTidakTerbaca(
                f"Berkas bukan XLSX yang dapat dibaca (bagian {bagian.nama} tidak ada)."
            ) from e
        if info.file_size > self.sisa_bytes:
            raise self._terlalu_besar()  # refused before a single byte is decompressed
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = True
        parser.buffer_size = POTONGAN
        parser.StartDoctypeDeclHandler = _tolak_dtd
        parser.EntityDeclHandler = _tolak_dtd
        parser.StartElementHandler = self._hitung(bagian.mulai)
        parser.EndElementHandler = lambda tag: bagian.akhir(tag.rpartition(" ")[2])
        parser.CharacterDataHandler = bagian.teks
        try:
            with self.zip.open(info) as sumber:
                while not bagian.selesai:
                    potongan = sumber.read(POTONGAN)
                    self.sisa_bytes -= len(potongan)
                    if self.sisa_bytes < 0:  # zipfile stops at file_size; not relied on
                        raise self._terlalu_besar()
                    parser.Parse(potongan, not potongan)
                    if not potongan:
                        break
        except expat.ExpatError as e:  # expat's own reason is English: only where it is
            raise BerkasTidakTerbaca(
                f"Isi berkas XLSX rusak dan tidak dapat dibaca ({bagian.nama}, baris {e.lineno})."
            ) from e
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as e:
            # a bad checksum, an unknown compression, an encrypted part
            raise BerkasTidakTerbaca(
                f"Isi berkas XLSX rusak dan tidak dapat dibaca ({bagian.nama})."
            ) from e

    def _hitung(self, mulai: Callable[[str, dict[str, str]], None]) -> Callable:
        def handler(tag: str, atribut: dict[str, str]) -> None:
            self.sisa_elemen -= 1
            if self.sisa_elemen < 0:
                raise BerkasTidakTerbaca(
                    "Isi berkas XLSX terlalu rumit untuk dibaca (terlalu banyak elemen). Simpan "
                    "ulang berkas hanya dengan tabel yang diunggah."
                )
            mulai(tag.rpartition(" ")[2], atribut)

        return handler


# ---------------------------------------------------------------- the parts


class _Relasi(_Bagian):
    """A .rels part: relationship id -> (type, target path inside the zip)."""

    def __init__(self, pembaca: _Pembaca, nama: str, dasar: str) -> None:
        super().__init__(pembaca, nama)
        self.dasar = dasar  # the folder the relative targets start from
        self.relasi: dict[str, tuple[str, str]] = {}

    def mulai(self, tag: str, atribut: dict[str, str]) -> None:
        if tag == "Relationship" and atribut.get("TargetMode") != "External":
            target = atribut.get("Target", "")
            jalur = target.lstrip("/") if target.startswith("/") else f"{self.dasar}/{target}"
            self.relasi[atribut.get("Id", "")] = (
                atribut.get("Type", ""),
                posixpath.normpath(jalur).lstrip("/"),
            )

    def jalur(self, tipe: str) -> str | None:
        return next((j for t, j in self.relasi.values() if t == TIPE_REL + tipe), None)


class _Buku(_Bagian):
    """xl/workbook.xml: the sheets in order (name, relationship id) and the date epoch."""

    def __init__(self, pembaca: _Pembaca, nama: str) -> None:
        super().__init__(pembaca, nama)
        self.sheet: list[tuple[str, str]] = []
        self.tahun_1904 = False

    def mulai(self, tag: str, atribut: dict[str, str]) -> None:
        if tag == "sheet":
            self.sheet.append((atribut.get("name", ""), atribut.get(f"{NS_REL} id", "")))
        elif tag == "workbookPr":
            self.tahun_1904 = atribut.get("date1904", "").lower() in ("1", "true")


class _Gaya(_Bagian):
    """xl/styles.xml: the number format of each cell style (cellXfs), by index."""

    def __init__(self, pembaca: _Pembaca, nama: str) -> None:
        super().__init__(pembaca, nama)
        self.khusus: dict[int, str] = {}
        self.id_format: list[int] = []
        self.di_xf_sel = False

    def mulai(self, tag: str, atribut: dict[str, str]) -> None:
        if tag == "numFmt":
            self.khusus[_bulat(atribut.get("numFmtId", "0"), self.nama)] = atribut.get(
                "formatCode", ""
            )
        elif tag == "cellXfs":
            self.di_xf_sel = True
        elif tag == "xf" and self.di_xf_sel:
            self.id_format.append(_bulat(atribut.get("numFmtId", "0"), self.nama))

    def akhir(self, tag: str) -> None:
        if tag == "cellXfs":
            self.di_xf_sel = False

    def format(self) -> list[str]:
        return [self.khusus.get(i) or BUILTIN_FORMATS.get(i, "General") for i in self.id_format]


class _TeksKaya(_Bagian):
    """Text of an `<si>` or `<is>`: its own `<t>` and the `<t>` of its runs, never the
    phonetic `<rPh>` (as openpyxl's Text.content)."""

    def __init__(self, pembaca: _Pembaca, nama: str) -> None:
        super().__init__(pembaca, nama)
        self.potongan: list[str] | None = None  # collecting the current <t>
        self.isi: list[str] = []
        self.panjang = 0
        self.di_fonetik = False

    def mulai_teks(self, tag: str) -> None:
        if tag == "t" and not self.di_fonetik:
            self.potongan = self.isi
        elif tag == "rPh":
            self.di_fonetik = True

    def akhir_teks(self, tag: str) -> None:
        if tag == "t":
            self.potongan = None
        elif tag == "rPh":
            self.di_fonetik = False

    def teks(self, data: str) -> None:
        if self.potongan is not None:
            self.panjang += len(data)
            if self.panjang > MAKS_KARAKTER_SEL:
                raise BerkasTidakTerbaca(pesan_sel_panjang(self.lokasi()))
            self.potongan.append(data)

    def ambil(self) -> str:
        teks = "".join(self.isi)
        self.isi, self.panjang, self.potongan, self.di_fonetik = [], 0, None, False
        return teks

    def lokasi(self) -> str:
        return "Sebuah sel"


class _TeksBersama(_TeksKaya):
    """xl/sharedStrings.xml, at most one string per allowed cell."""

    def __init__(self, pembaca: _Pembaca, nama: str) -> None:
        super().__init__(pembaca, nama)
        self.daftar: list[str] = []

    def mulai(self, tag: str, atribut: dict[str, str]) -> None:
        self.mulai_teks(tag)

    def akhir(self, tag: str) -> None:
        if tag == "si":
            if len(self.daftar) >= self.pembaca.batas.sel:
                self.pembaca.batas.tolak_sel(len(self.daftar) + 1)
            # As openpyxl: Excel writes a literal "_x" as "_x005F_x".
            self.daftar.append(self.ambil().replace("x005F_", ""))
        else:
            self.akhir_teks(tag)


class _Sheet(_TeksKaya):
    """One worksheet's `<sheetData>`: rows of text, each up to its last cell holding a value;
    rows without any value are not kept (but keep their place in the numbering)."""

    def __init__(
        self,
        pembaca: _Pembaca,
        nama: str,
        judul: str,
        konteks: "_Konteks",
    ) -> None:
        super().__init__(pembaca, nama)
        self.judul = judul
        self.k = konteks
        self.baris: list[list[str]] = []
        self.nomor = 0  # current row number
        self.isi_baris: list[str] = []
        self.di_data = False
        self.kolom = 0
        self.tipe = "n"
        self.gaya = 0
        self.nilai: list[str] | None = None  # text of <v>, None when the cell has none
        self.di_sel = False
        self.di_inline = False

    def lokasi(self) -> str:
        huruf = get_column_letter(min(max(self.kolom, 1), MAKS_KOLOM_EXCEL))
        return f"Sel {huruf}{self.nomor} di sheet {self.judul}"

    def mulai(self, tag: str, a: dict[str, str]) -> None:
        if not self.di_data:
            self.di_data = tag == "sheetData"
        elif tag == "c":
            self.di_sel, self.di_inline, self.nilai = True, False, None
            self.tipe = a.get("t", "n")
            self.gaya = _bulat(a["s"], self.nama) if "s" in a else 0
            ref = a.get("r")
            self.kolom = _kolom(ref, self.nama) if ref else self.kolom + 1
        elif tag == "row":
            r = a.get("r")
            nomor = _bulat(r, self.nama) if r else self.nomor + 1
            if nomor <= self.nomor or nomor > MAKS_BARIS_EXCEL:
                raise _rusak(self.nama, "nomor baris tidak berurutan")
            self.nomor, self.kolom, self.isi_baris = nomor, 0, []
        elif not self.di_sel:
            return
        elif tag == "v":
            self.nilai = self.potongan = []
        elif tag == "is":
            self.di_inline = True
        elif self.di_inline:
            self.mulai_teks(tag)

    def akhir(self, tag: str) -> None:
        if not self.di_data:
            return
        if tag == "c":
            self._sel()
        elif tag == "row":
            self._baris()
        elif tag == "v":
            self.potongan = None
        elif tag == "sheetData":
            self.selesai = True  # what follows (merged ranges, print settings) is not needed
        elif self.di_inline:
            self.akhir_teks(tag)

    def _sel(self) -> None:
        self.di_sel = False
        nilai = self._nilai()
        self.panjang = 0
        if nilai is None:
            return
        teks = self.k.teks(nilai, self.k.format_angka(self.gaya))
        if not teks:
            return
        self.k.batas.tolak_kolom(self.judul, self.nomor, self.kolom)
        self.k.jumlah_karakter += len(teks)
        self.k.batas.tolak_karakter(self.k.jumlah_karakter)
        baris, i = self.isi_baris, self.kolom - 1
        if i < len(baris):
            baris[i] = teks
        else:
            baris.extend([""] * (i - len(baris)))
            baris.append(teks)

    def _nilai(self) -> object:
        """The cell's value as openpyxl's data_only mode gives it."""
        if self.tipe == "inlineStr":
            return self.ambil() if self.di_inline else None
        teks = "".join(self.nilai) if self.nilai else None
        if not teks:
            return None
        try:
            if self.tipe == "n":
                angka = float(teks) if any(c in teks for c in ".Ee") else int(teks)
                if not self.k.tanggal(self.gaya):
                    return angka
                try:
                    return from_excel(angka, self.k.epoch, timedelta=self.k.durasi(self.gaya))
                except (OverflowError, ValueError):
                    return "#VALUE!"  # a date outside the calendar, as openpyxl shows it
            if self.tipe == "s":
                return self.k.teks_bersama[int(teks)]
            if self.tipe == "b":
                return bool(int(teks))
            if self.tipe == "d":
                return from_ISO8601(teks)
        except (ValueError, IndexError) as e:
            raise _rusak(self.nama, f"nilai sel {self.lokasi()} tidak sah") from e
        return teks  # "str" (a formula's text), "e" (an error such as #N/A)

    def _baris(self) -> None:
        if not self.isi_baris:
            return
        batas = self.k.batas
        batas.tolak_baris(self.judul, self.nomor)
        self.k.jumlah_sel += len(self.isi_baris)
        batas.tolak_sel(self.k.jumlah_sel)
        # Rows without values above this one keep the numbering, as empty rows.
        self.baris.extend([] for _ in range(self.nomor - 1 - len(self.baris)))
        self.baris.append(self.isi_baris)
        self.isi_baris = []


def _bulat(teks: str, bagian: str) -> int:
    try:
        return int(teks)
    except ValueError as e:
        raise _rusak(bagian, f"angka '{teks[:20]}' tidak sah") from e


def _kolom(ref: str, bagian: str) -> int:
    """ "XFD12" -> 16384."""
    huruf = ref.rstrip("0123456789")
    nilai = 0
    for c in huruf.upper():
        if not "A" <= c <= "Z" or nilai > MAKS_KOLOM_EXCEL:
            raise _rusak(bagian, f"alamat sel '{ref[:20]}' tidak sah")
        nilai = nilai * 26 + ord(c) - 64
    if not 1 <= nilai <= MAKS_KOLOM_EXCEL:
        raise _rusak(bagian, f"alamat sel '{ref[:20]}' tidak sah")
    return nilai


def _rusak(bagian: str, alasan: str) -> BerkasTidakTerbaca:
    return BerkasTidakTerbaca(f"Isi berkas XLSX rusak dan tidak dapat dibaca ({bagian}: {alasan}).")


@dataclass
class _Konteks:
    """What every sheet of one workbook shares while it is read."""

    batas: Batas
    teks: Callable[[object, str | None], str]
    teks_bersama: list[str]
    format: list[str]
    tanggal_gaya: set[int]
    durasi_gaya: set[int]
    epoch: object
    jumlah_sel: int = 0
    jumlah_karakter: int = 0

    def format_angka(self, gaya: int) -> str:
        return self.format[gaya] if 0 <= gaya < len(self.format) else "General"

    def tanggal(self, gaya: int) -> bool:
        return gaya in self.tanggal_gaya

    def durasi(self, gaya: int) -> bool:
        return gaya in self.durasi_gaya


def baca_xlsx(
    data: bytes, batas: Batas, teks: Callable[[object, str | None], str]
) -> dict[str, list[list[str]]]:
    """Every worksheet (by name, in order) as rows of text cells; BerkasTidakTerbaca with an
    Indonesian message when the file is not a readable XLSX or passes a limit."""
    pembaca = _Pembaca(data, batas)
    akar = _Relasi(pembaca, "_rels/.rels", "")
    if pembaca.ada(akar.nama):
        pembaca.urai(akar)
    nama_buku = next(
        (j for t, j in akar.relasi.values() if t.endswith("/officeDocument")), "xl/workbook.xml"
    )
    folder = posixpath.dirname(nama_buku)
    buku = _Buku(pembaca, nama_buku)
    pembaca.urai(buku)
    nama_relasi = f"{folder}/_rels/{posixpath.basename(nama_buku)}.rels".lstrip("/")
    relasi = _Relasi(pembaca, nama_relasi, folder)
    if pembaca.ada(relasi.nama):
        pembaca.urai(relasi)

    def bagian(tipe: str, bawaan: str) -> str | None:
        jalur = relasi.jalur(tipe) or f"{folder}/{bawaan}".lstrip("/")
        return jalur if pembaca.ada(jalur) else None

    gaya = _Gaya(pembaca, bagian("styles", "styles.xml") or "")
    if gaya.nama:
        pembaca.urai(gaya)
    bersama = _TeksBersama(pembaca, bagian("sharedStrings", "sharedStrings.xml") or "")
    if bersama.nama:
        pembaca.urai(bersama)
    format_ = gaya.format()
    konteks = _Konteks(
        batas=batas,
        teks=teks,
        teks_bersama=bersama.daftar,
        format=format_,
        tanggal_gaya={i for i, f in enumerate(format_) if is_date_format(f)},
        durasi_gaya={i for i, f in enumerate(format_) if is_timedelta_format(f)},
        epoch=CALENDAR_MAC_1904 if buku.tahun_1904 else CALENDAR_WINDOWS_1900,
    )
    hasil: dict[str, list[list[str]]] = {}
    for judul, rid in buku.sheet:
        tipe, jalur = relasi.relasi.get(rid, ("", ""))
        if tipe != TIPE_REL + "worksheet":
            continue  # a chart sheet has no cells
        sheet = _Sheet(pembaca, jalur, judul, konteks)
        pembaca.urai(sheet)
        hasil[judul] = sheet.baris
    return hasil
