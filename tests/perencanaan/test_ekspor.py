"""Spreadsheets the app writes: formula-like text never becomes a formula; the template."""

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from perencanaan.ekspor import sel_aman, seperti_rumus, tambah_baris
from perencanaan.impor import KOLOM_RENJA, Periode
from perencanaan.templat import templat_renstra_xlsx

BERBAHAYA = [
    '=HYPERLINK("http://jahat.example","klik")',
    "+62 812 3456",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1",
]


def xml_sheet(data: bytes, nomor: int = 1) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(f"xl/worksheets/sheet{nomor}.xml").decode()


@pytest.mark.parametrize("teks", BERBAHAYA)
def test_teks_seperti_rumus_ditulis_sebagai_teks(teks):
    buku = Workbook()
    ws = buku.active
    tambah_baris(ws, [teks, "biasa", 12])
    keluaran = io.BytesIO()
    buku.save(keluaran)

    xml = xml_sheet(keluaran.getvalue())
    assert "<f>" not in xml, "tidak boleh ada rumus di berkas"
    sel = load_workbook(io.BytesIO(keluaran.getvalue())).active["A1"]
    # (XML keeps no lone carriage return: it reads back as a line feed)
    assert (sel.value, sel.data_type) == (teks.replace("\r", "\n"), "s")
    assert sel.quotePrefix, "ditandai seperti tanda petik Excel, sehingga tetap teks saat disunting"


def test_nilai_biasa_tidak_diubah():
    ws = Workbook().active
    assert sel_aman(ws, "Angka kematian ibu") == "Angka kematian ibu"
    assert sel_aman(ws, -5) == -5  # a negative number is a number, not text
    assert sel_aman(ws, None) is None
    assert [seperti_rumus(t) for t in ("=1", "+1", "-1", "@a", "a=1", " =1")] == [
        True,
        True,
        True,
        True,
        False,
        False,
    ]


def test_templat_berisi_kolom_periode_contoh_dan_petunjuk():
    buku = load_workbook(io.BytesIO(templat_renstra_xlsx(Periode(2026, 2030))))
    assert buku.sheetnames == ["Renstra", "Renja", "Petunjuk"]
    renstra = [[c.value for c in baris] for baris in buku["Renstra"].iter_rows()]
    # Only the header: the example is on the Petunjuk sheet, which the import never reads.
    assert len(renstra) == 1
    assert [[c.value for c in b] for b in buku["Renja"].iter_rows()] == [KOLOM_RENJA]
    assert renstra[0][-5:] == [
        "target_2026",
        "target_2027",
        "target_2028",
        "target_2029",
        "target_2030",
    ]
    assert renstra[0][:9] == ["kode_tujuan", "tujuan", "kode_sasaran", "sasaran", "kode_indikator",
                              "indikator", "satuan", "baseline", "iku"]  # fmt: skip
    petunjuk = " ".join(str(c.value) for c in buku["Petunjuk"]["A"])
    assert "target_2026, target_2027, target_2028, target_2029, target_2030" in petunjuk
    assert "1.500 (seribu lima ratus)" in petunjuk
    assert "CONTOH-T1" in petunjuk and "Contoh sheet Renja" in petunjuk
    assert buku["Renstra"].column_dimensions["E"].number_format == "@"  # codes as text


def test_templat_memformat_seluruh_kolom_kode_sebagai_teks():
    buku = load_workbook(io.BytesIO(templat_renstra_xlsx(Periode(2026, 2030))))
    for sheet in ("Renstra", "Renja"):
        ws = buku[sheet]
        kode = {sel.column_letter for sel in ws[1] if str(sel.value).lower().startswith("kode_")}
        teks = {c for c, d in ws.column_dimensions.items() if d.number_format == "@"}
        assert kode and kode <= teks, sheet
