import io
from datetime import date

import pytest
from openpyxl import Workbook

from core.spreadsheet import BerkasTidakTerbaca, baca_berkas, tabel_dari_sel


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
