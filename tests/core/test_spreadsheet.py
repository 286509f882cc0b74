import io
from datetime import date

import pytest
from openpyxl import Workbook

from core.spreadsheet import BerkasTidakTerbaca, baca_berkas, masalah_sel_angka, tabel_dari_sel


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
