"""Hand-built XLSX files for the reader tests, hostile ones included.

The zip is written byte by byte, so a part can be given as an already compressed stream: that
is how a 1.6 GB sheet fits in a few MB without compressing 1.6 GB in every test run.
"""

import functools
import struct
import zlib
from dataclasses import dataclass

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'


@dataclass(frozen=True)
class Terkompresi:
    """A part as raw deflate data with the size and CRC-32 of what it unpacks to."""

    data: bytes
    ukuran: int
    crc: int


def kompres(isi: bytes) -> Terkompresi:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Terkompresi(c.compress(isi) + c.flush(), len(isi), zlib.crc32(isi))


def berulang(awal: bytes, potongan: bytes, kali: int, akhir: bytes) -> Terkompresi:
    """awal + potongan * kali + akhir, compressed once: a full flush makes the compressed
    potongan independent of what came before it, so it can simply be repeated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    kepala = c.compress(awal) + c.flush(zlib.Z_FULL_FLUSH)
    tengah = c.compress(potongan) + c.flush(zlib.Z_FULL_FLUSH)
    ekor = c.compress(akhir) + c.flush()
    crc = zlib.crc32(awal)
    for _ in range(kali):
        crc = zlib.crc32(potongan, crc)
    crc = zlib.crc32(akhir, crc)
    return Terkompresi(
        kepala + tengah * kali + ekor, len(awal) + len(potongan) * kali + len(akhir), crc
    )


def zip_bytes(bagian: dict[str, bytes | Terkompresi]) -> bytes:
    """A zip of deflated parts (no zip64: every part under 4 GiB)."""
    keluaran, pusat = bytearray(), bytearray()
    for nama, isi in bagian.items():
        p = isi if isinstance(isi, Terkompresi) else kompres(isi)
        n = nama.encode()
        posisi = len(keluaran)
        keluaran += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, p.crc, len(p.data), p.ukuran, len(n), 0
        )
        keluaran += n + p.data
        pusat += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 20, 20, 0, 8, 0, 0, p.crc, len(p.data), p.ukuran, len(n), 0, 0, 0, 0, 0,
            posisi,
        )  # fmt: skip
        pusat += n
    jumlah = len(bagian)
    akhir = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, jumlah, jumlah, len(pusat), len(keluaran), 0)
    return bytes(keluaran + pusat + akhir)


def sheet_xml(baris: str, *, dimensi: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimensi}"/>' if dimensi else ""
    return f"<worksheet {NS}>{dim}<sheetData>{baris}</sheetData></worksheet>".encode()


def sel_teks(ref: str, teks: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{teks}</t></is></c>'


def xlsx_mentah(
    *sheet: bytes | Terkompresi,
    bersama: bytes | None = None,
    gaya: bytes | None = None,
    buku: bytes | None = None,
) -> bytes:
    """A minimal workbook as Excel lays it out: sheets named Sheet1, Sheet2, ..., with an
    optional shared strings and styles part."""
    relasi = [
        f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheet) + 1)
    ]
    if bersama is not None:
        relasi.append(
            f'<Relationship Id="rS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    if gaya is not None:
        relasi.append(f'<Relationship Id="rG" Type="{REL}/styles" Target="styles.xml"/>')
    daftar = "".join(
        f'<sheet name="Sheet{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, len(sheet) + 1)
    )
    bagian: dict[str, bytes | Terkompresi] = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(1, len(sheet) + 1)
            )
            + (
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                if bersama is not None
                else ""
            )
            + (
                '<Override PartName="/xl/styles.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                if gaya is not None
                else ""
            )
            + "</Types>"
        ).encode(),
        "_rels/.rels": (
            f'<Relationships {PKG_REL}><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": buku
        or f"<workbook {NS} {NS_R}><sheets>{daftar}</sheets></workbook>".encode(),
        "xl/_rels/workbook.xml.rels": (
            f"<Relationships {PKG_REL}>{''.join(relasi)}</Relationships>"
        ).encode(),
    }
    for i, isi in enumerate(sheet, start=1):
        bagian[f"xl/worksheets/sheet{i}.xml"] = isi
    if bersama is not None:
        bagian["xl/sharedStrings.xml"] = bersama
    if gaya is not None:
        bagian["xl/styles.xml"] = gaya
    return zip_bytes(bagian)


# ---------------------------------------------------------------- the three files of issue 11

KOLOM_PEGAWAI = ["nip", "nama", "pangkat_golongan", "jenis_jabatan", "jabatan", "kode_unit",
                 "nama_unit", "nip_atasan"]  # fmt: skip
KEPALA_PEGAWAI = "".join(
    sel_teks(f"{kolom}1", nama) for kolom, nama in zip("ABCDEFGH", KOLOM_PEGAWAI, strict=True)
)


def xlsx_dimensi_palsu() -> bytes:
    """Declares A1:XFD1048576 and holds a header and one cell in the last row (1.5 KB)."""
    return xlsx_mentah(
        sheet_xml(
            f'<row r="1">{KEPALA_PEGAWAI}</row><row r="1048576">{sel_teks("A1048576", "x")}</row>',
            dimensi="A1:XFD1048576",
        )
    )


def xlsx_kolom_xfd(jumlah: int = 100_000) -> bytes:
    """`jumlah` rows, each with one cell in column XFD (about 750 KB)."""
    baris = "".join(
        f'<row r="{i}"><c r="XFD{i}"><v>{i}</v></c></row>' for i in range(1, jumlah + 1)
    )
    return xlsx_mentah(sheet_xml(baris))


UKURAN_BOM = 1_600_000_000


@functools.cache  # about 2 s to build; several test modules upload it
def xlsx_bom_xml() -> bytes:
    """About 1.6 GB of sheet XML (header, then the same row over and over) in under 6 MB."""
    baris = b'<row><c t="inlineStr"><is><t>' + b"Pegawai Negeri Sipil " * 2 + b"</t></is></c></row>"
    potongan = baris * (1024 * 1024 // len(baris))
    awal = f"<worksheet {NS}><sheetData><row>{KEPALA_PEGAWAI}</row>".encode()
    return xlsx_mentah(
        berulang(awal, potongan, UKURAN_BOM // len(potongan), b"</sheetData></worksheet>")
    )
