import io
import time
import tracemalloc
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from core.spreadsheet import (
    Batas,
    BerkasTidakTerbaca,
    baca_berkas,
    masalah_sel_angka,
    tabel_dari_sel,
)
from tests.core import berkas


def xlsx(*baris) -> io.BytesIO:
    buku = Workbook()
    for b in baris:
        buku.active.append(list(b))
    keluaran = io.BytesIO()
    buku.save(keluaran)
    keluaran.seek(0)
    return keluaran


def test_angka_xlsx_dibaca_sebagai_teks_indonesia():
    sel = baca_berkas(
        xlsx(["a", "b", "c", "d"], [12.0, 72.345, 0.125, date(2026, 12, 31)]),
        "x.xlsx",
        maks_bytes=10**6,
    )
    assert sel["Sheet"][1] == ["12", "72,345", "0,125", "2026-12-31"]


def test_csv_utf8_bom_dan_cp1252():
    teks = "nama;nilai\nÉlise;85,5\n"
    for data in (b"\xef\xbb\xbf" + teks.encode("utf-8"), teks.encode("cp1252")):
        assert baca_berkas(io.BytesIO(data), "a.csv", maks_bytes=10**6)["csv"] == [
            ["nama", "nilai"],
            ["Élise", "85,5"],
        ]


def test_berkas_biner_bukan_csv_ditolak():
    with pytest.raises(BerkasTidakTerbaca, match="bukan CSV"):
        baca_berkas(io.BytesIO(b"abc\x00def"), "a.csv", maks_bytes=10**6)


def test_header_tanpa_peka_huruf_dan_baris_kosong_dilewati():
    tabel, masalah = tabel_dari_sel(
        [["", ""], ["NIP", "Nama"], ["1", "A"], ["", ""], ["2", "B"]], wajib=["nip", "nama"]
    )
    assert masalah == []
    assert [(b.nomor, b.nilai["nip"]) for b in tabel.baris] == [(3, "1"), (5, "2")]


def test_sel_persen_excel_dibaca_seperti_yang_terlihat():
    # Typing 90% in Excel stores 0.9 with a percent format; the admin meant ninety.
    buku = Workbook()
    ws = buku.active
    ws.append(["target", "capaian"])
    ws.append([0.9, 0.855])
    ws["A2"].number_format = "0%"
    ws["B2"].number_format = "0.0%"
    data = io.BytesIO()
    buku.save(data)
    data.seek(0)

    assert baca_berkas(data, "x.xlsx", maks_bytes=10**6)["Sheet"][1] == ["90%", "85,5%"]


def test_nip_dan_kode_tersimpan_sebagai_angka_dilaporkan():
    sel = baca_berkas(
        xlsx(
            ["nip", "kode", "urut"],
            [1.97203101998031e17, 1.1, 7.0],  # what Excel keeps of 197203101998031006 and "1.10"
            ["197203101998031006", "1.10", 3],  # typed as text: exact
            ["198004222005011003", 2, 1],  # a whole-number code is exact
        ),
        "x.xlsx",
        maks_bytes=10**6,
    )["Sheet"]
    tabel, masalah = tabel_dari_sel(sel, wajib=["nip", "kode", "urut"])
    assert masalah == []

    temuan = masalah_sel_angka(tabel, kolom_nip=("nip",), kolom_kode=("kode",))

    assert [(m.baris, m.kolom) for m in temuan] == [(2, "nip"), (2, "kode")]
    assert "digit terakhirnya hilang" in temuan[0].pesan
    assert "Format kolom nip sebagai Teks" in temuan[0].pesan
    assert "1.10 menjadi 1.1" in temuan[1].pesan


# ---------------------------------------------------------------- limits (issue 11, item 3)

# The memory bound stated in the README: reading any of the hostile files below, the reader's
# own allocations (tracemalloc) peak under this, where openpyxl's read-only mode passed 4 GiB.
BATAS_MEMORI = 50 * 1024 * 1024
CEPAT = 5.0  # seconds; each is refused in milliseconds (openpyxl: 38 s to minutes)


def _baca_terukur(data: bytes, nama: str = "x.xlsx", batas: Batas | None = None):
    """baca_berkas's outcome (cells or the refusal), its peak traced memory, and its seconds
    (measured in a second run without tracemalloc, which slows Python down severalfold)."""

    def baca():
        try:
            return baca_berkas(io.BytesIO(data), nama, maks_bytes=10 * 1024 * 1024, batas=batas)
        except BerkasTidakTerbaca as e:
            return e

    tracemalloc.start()
    tracemalloc.reset_peak()
    hasil = baca()
    puncak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    mulai = time.perf_counter()
    baca()
    return hasil, puncak, time.perf_counter() - mulai


def test_dimensi_palsu_tidak_dipercaya():
    data = berkas.xlsx_dimensi_palsu()
    # openpyxl's read-only mode would pad every row to this declared size.
    ws = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    assert (ws.max_row, ws.max_column) == (1_048_576, 16_384)

    hasil, puncak, detik = _baca_terukur(data)

    assert isinstance(hasil, BerkasTidakTerbaca)
    assert str(hasil) == (
        "Sheet Sheet1 berisi data sampai baris 1.048.576; batasnya 50.000 baris. Hapus isi di "
        "bawah tabel atau bagi data menjadi beberapa berkas."
    )
    assert puncak < BATAS_MEMORI and detik < CEPAT


def test_seratus_ribu_baris_di_kolom_xfd_ditolak():
    data = berkas.xlsx_kolom_xfd()
    assert len(data) < 1024 * 1024

    hasil, puncak, detik = _baca_terukur(data)

    assert isinstance(hasil, BerkasTidakTerbaca)
    assert str(hasil) == (
        "Sheet Sheet1 berisi data di kolom XFD (kolom ke-16.384, baris 1); batasnya 200 kolom "
        "(sampai kolom GR). Hapus isi di sebelah kanan tabel."
    )
    assert puncak < BATAS_MEMORI and detik < CEPAT


@pytest.fixture(scope="module")
def bom_xml() -> bytes:
    return berkas.xlsx_bom_xml()


def test_bom_xml_ditolak_sebelum_dibuka(bom_xml):
    info = zipfile.ZipFile(io.BytesIO(bom_xml)).getinfo("xl/worksheets/sheet1.xml")
    assert len(bom_xml) < 7 * 1024 * 1024 and info.file_size > 1_500_000_000

    hasil, puncak, detik = _baca_terukur(bom_xml)

    assert isinstance(hasil, BerkasTidakTerbaca)
    assert str(hasil).startswith("Isi berkas XLSX terlalu besar setelah dibuka: lebih dari 200")
    assert puncak < BATAS_MEMORI and detik < CEPAT


def test_bom_xml_tanpa_batas_ukuran_dihentikan_batas_baris_saat_membaca(bom_xml):
    # Even with the size limit lifted, reading stops at the first row past the row limit:
    # the rows are counted as they stream in, nothing is built first. (10,000 rows keep the
    # traced run short; at the default 50,000 the peak is about 10 MB.)
    batas = Batas(baris=10_000, kolom=200, sel=1_000_000, xml_bytes=2 * 1024**3)

    hasil, puncak, detik = _baca_terukur(bom_xml, batas=batas)

    assert isinstance(hasil, BerkasTidakTerbaca)
    assert "berisi data sampai baris 10.001; batasnya 10.000 baris" in str(hasil)
    assert puncak < BATAS_MEMORI and detik < CEPAT


BATAS_KECIL = Batas(baris=10, kolom=5, sel=20, xml_bytes=100_000)


def _sheet(*baris: list[str]) -> bytes:
    return berkas.sheet_xml(
        "".join(
            f'<row r="{r}">'
            + "".join(berkas.sel_teks(f"{get_column_letter(k)}{r}", t) for k, t in enumerate(b, 1))
            + "</row>"
            for r, b in enumerate(baris, 1)
        )
    )


def test_batas_sel_dihitung_di_semua_sheet():
    data = berkas.xlsx_mentah(_sheet(*[["a"] * 4] * 3), _sheet(*[["b"] * 4] * 3))

    with pytest.raises(BerkasTidakTerbaca, match="lebih dari 20 sel"):
        baca_berkas(io.BytesIO(data), "x.xlsx", maks_bytes=10**6, batas=BATAS_KECIL)


def test_batas_ukuran_xml_berlaku_untuk_semua_bagian_bersama():
    sheet = _sheet(*[["isi"] * 4] * 8)
    batas = Batas(baris=10, kolom=5, sel=100, xml_bytes=len(sheet) * 3 // 2)
    assert baca_berkas(
        io.BytesIO(berkas.xlsx_mentah(sheet)), "x.xlsx", maks_bytes=10**6, batas=batas
    )

    with pytest.raises(BerkasTidakTerbaca, match="terlalu besar setelah dibuka"):
        baca_berkas(
            io.BytesIO(berkas.xlsx_mentah(sheet, sheet)), "x.xlsx", maks_bytes=10**6, batas=batas
        )


def test_sel_kosong_tak_terhingga_dihentikan_batas_elemen():
    # Styled empty cells hold no value, so no row, column or cell limit sees them; the element
    # count still stops the file (4 per allowed cell and 200,000 for the rest), long before
    # its end: 10 million of them.
    baris = b'<c s="0"/>' * 100_000
    awal = f'<worksheet {berkas.NS}><sheetData><row r="1">'.encode()
    data = berkas.xlsx_mentah(berkas.berulang(awal, baris, 100, b"</row></sheetData></worksheet>"))

    batas = Batas(baris=10, kolom=5, sel=20, xml_bytes=1024**3)

    hasil, puncak, detik = _baca_terukur(data, batas=batas)

    assert str(hasil).startswith("Isi berkas XLSX terlalu rumit untuk dibaca")
    assert puncak < BATAS_MEMORI and detik < CEPAT


def test_baris_dan_kolom_tanpa_nilai_di_luar_batas_diabaikan():
    # A formatted but empty cell far away (Excel writes them for borders) is not data.
    data = berkas.xlsx_mentah(
        berkas.sheet_xml(
            f'<row r="1">{berkas.sel_teks("A1", "nip")}<c r="XFD1" s="0"/></row>'
            f'<row r="3">{berkas.sel_teks("A3", "1")}</row>'
            '<row r="1048576"><c r="A1048576" s="0"/></row>',
            dimensi="A1:XFD1048576",
        )
    )

    assert baca_berkas(io.BytesIO(data), "x.xlsx", maks_bytes=10**6, batas=BATAS_KECIL) == {
        "Sheet1": [["nip"], [], ["1"]]
    }


def test_sel_lebih_panjang_dari_batas_excel_ditolak():
    panjang = "x" * 32_768
    sebaris = berkas.xlsx_mentah(_sheet(["nip", panjang]))
    bersama = berkas.xlsx_mentah(
        berkas.sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        bersama=f"<sst {berkas.NS}><si><t>{panjang}</t></si></sst>".encode(),
    )

    with pytest.raises(
        BerkasTidakTerbaca, match=r"Sel B1 di sheet Sheet1 berisi lebih dari 32\.767"
    ):
        baca_berkas(io.BytesIO(sebaris), "x.xlsx", maks_bytes=10**6)
    with pytest.raises(BerkasTidakTerbaca, match=r"berisi lebih dari 32\.767 karakter"):
        baca_berkas(io.BytesIO(bersama), "x.xlsx", maks_bytes=10**6)


def test_teks_bersama_lebih_banyak_dari_batas_sel_ditolak():
    data = berkas.xlsx_mentah(
        _sheet(["a"]),
        bersama=f"<sst {berkas.NS}>{'<si><t>x</t></si>' * 21}</sst>".encode(),
    )

    with pytest.raises(BerkasTidakTerbaca, match="lebih dari 20 sel"):
        baca_berkas(io.BytesIO(data), "x.xlsx", maks_bytes=10**6, batas=BATAS_KECIL)


def test_dtd_ditolak():
    tawa = (
        b'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    ) + berkas.sheet_xml('<row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>')

    with pytest.raises(BerkasTidakTerbaca, match="DTD"):
        baca_berkas(io.BytesIO(berkas.xlsx_mentah(tawa)), "x.xlsx", maks_bytes=10**6)


@pytest.mark.parametrize(
    "buku",
    [
        b"<workbook><sheets><sheet name=",  # cut off
        b"\xff\xfe bukan xml",
        b"",
    ],
)
def test_workbook_xml_rusak_ditolak(buku):
    data = berkas.xlsx_mentah(_sheet(["nip"]), buku=buku or b" ")

    with pytest.raises(BerkasTidakTerbaca, match=r"^Isi berkas XLSX rusak .*xl/workbook\.xml"):
        baca_berkas(io.BytesIO(data), "x.xlsx", maks_bytes=10**6)


def test_isi_sel_dibaca_seperti_excel_menyimpannya():
    bersama = (
        f"<sst {berkas.NS}><si><t>nama</t></si>"
        # rich text runs are joined; the phonetic reading is not part of the text
        '<si><r><rPr><b/></rPr><t>Budi </t></r><r><t xml:space="preserve">Santoso</t></r>'
        '<rPh sb="0" eb="1"><t>ブディ</t></rPh></si>'
        "<si><t>_x005F_x0041_ &amp; &lt;b&gt;</t></si></sst>"
    ).encode()
    gaya = (
        f'<styleSheet {berkas.NS}><numFmts count="1"><numFmt numFmtId="165" formatCode="0.0%"/>'
        '</numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="165"/>'
        '<xf numFmtId="10"/></cellXfs></styleSheet>'
    ).encode()
    sheet = berkas.sheet_xml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>2</v></c></row>'
        '<row r="3"><c r="A3" t="s"><v>1</v></c><c t="b"><v>1</v></c>'  # no r: next column
        '<c r="D3" s="1"><v>46387</v></c><c r="E3" s="2"><v>0.855</v></c>'
        '<c r="F3" s="3"><v>0.9</v></c><c r="G3" t="str"><f>A1&amp;"x"</f><v>namax</v></c>'
        '<c r="H3" t="e"><v>#N/A</v></c><c r="I3"><f>1+1</f></c><c r="J3"><v>1.5E+3</v></c>'
        '<c r="K3"><v>197203101998031006</v></c>'
        '<c r="L3" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>'
    )
    buku_1904 = (
        f'<workbook {berkas.NS} {berkas.NS_R}><workbookPr date1904="1"/><sheets>'
        '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ).encode()

    sel = baca_berkas(
        io.BytesIO(berkas.xlsx_mentah(sheet, bersama=bersama, gaya=gaya)),
        "x.xlsx",
        maks_bytes=10**6,
    )
    sel_1904 = baca_berkas(
        io.BytesIO(berkas.xlsx_mentah(sheet, bersama=bersama, gaya=gaya, buku=buku_1904)),
        "x.xlsx",
        maks_bytes=10**6,
    )

    baris_3 = ["Budi Santoso", "True", "", "2026-12-31", "85,5%", "90%", "namax", "#N/A", "",
               "1500", "197203101998031006", "inline"]  # fmt: skip
    assert sel == {"Sheet1": [["nama", "", "_x0041_ & <b>"], [], baris_3]}
    assert sel_1904["Data"][2][3] == "2031-01-01"  # the Mac epoch starts four years later


def test_csv_dalam_batas():
    def csv(*baris: str) -> io.BytesIO:
        return io.BytesIO("\n".join(baris).encode())

    # trailing empty cells and blank lines are not data
    assert baca_berkas(csv("a,b,,", "", "1,2", "", ""), "a.csv", maks_bytes=10**6) == {
        "csv": [["a", "b"], [], ["1", "2"]]
    }
    with pytest.raises(BerkasTidakTerbaca, match="sampai baris 11; batasnya 10 baris"):
        baca_berkas(csv(*["a"] * 11), "a.csv", maks_bytes=10**6, batas=BATAS_KECIL)
    with pytest.raises(BerkasTidakTerbaca, match=r"di kolom F \(kolom ke-6, baris 1\)"):
        baca_berkas(csv("a,b,c,d,e,f"), "a.csv", maks_bytes=10**6, batas=BATAS_KECIL)
    with pytest.raises(BerkasTidakTerbaca, match="lebih dari 20 sel"):
        baca_berkas(csv(*["a,b,c,d,e"] * 5), "a.csv", maks_bytes=10**6, batas=BATAS_KECIL)


@pytest.mark.parametrize("panjang", [40_000, 131_073])
def test_csv_sel_terlalu_panjang_ditolak(panjang):
    # Over 131,072 characters Python's csv module itself refuses the field (csv.Error).
    data = ("nip;nama\n1;" + "x" * panjang + "\n").encode()

    with pytest.raises(BerkasTidakTerbaca, match=r"baris 2 berisi lebih dari 32\.767 karakter"):
        baca_berkas(io.BytesIO(data), "a.csv", maks_bytes=10**6)


def test_zip_dengan_terlalu_banyak_bagian_ditolak_sebelum_dibuka():
    data = berkas.zip_bytes({f"{i:x}": b"" for i in range(10_001)})

    hasil, puncak, detik = _baca_terukur(data)

    assert str(hasil) == (
        "Berkas XLSX berisi lebih dari 10.000 bagian; berkas Excel biasa hanya berisi puluhan."
    )
    assert puncak < 1024 * 1024 and detik < CEPAT


def test_satu_teks_bersama_di_banyak_sel_dibatasi_jumlah_karakternya():
    # 2,000 cells referencing one 30,000-character string: 60 million characters for the
    # importers to clean (each copies it), from a file of a few KB.
    data = berkas.xlsx_mentah(
        berkas.sheet_xml(
            "".join(f'<row r="{i}"><c t="s"><v>0</v></c></row>' for i in range(1, 2001))
        ),
        bersama=f"<sst {berkas.NS}><si><t>{'x' * 30_000}</t></si></sst>".encode(),
    )

    hasil, puncak, detik = _baca_terukur(data)

    assert str(hasil) == (
        "Berkas berisi lebih dari 50.000.000 karakter teks; bagi data menjadi beberapa berkas."
    )
    assert puncak < BATAS_MEMORI and detik < CEPAT
