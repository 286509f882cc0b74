"""Numbers as Indonesians write them (perencanaan.angka)."""

from decimal import Decimal

import pytest

from perencanaan.angka import BukanAngka, baca_angka, titik_ambigu, tulis_angka, tulis_rupiah


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("1.500", "1500"),
        ("1.500.000", "1500000"),
        ("85,5", "85.5"),
        ("90%", "90"),
        ("90 %", "90"),
        ("85,5%", "85.5"),
        ("Rp 2.000.000", "2000000"),
        ("Rp2.000.000", "2000000"),
        ("Rp. 2.000.000,-", "2000000"),
        ("rp 1.250.000.000", "1250000000"),
        ("2.000.000,50", "2000000.50"),
        ("2,000,000.50", "2000000.50"),  # English style, last mark is the decimal one
        ("1,500,000", "1500000"),
        ("1,500", "1.5"),  # a single comma is the decimal comma
        ("12.5", "12.5"),  # str(float) of an XLSX number cell
        ("12.25", "12.25"),
        ("12.3456", "12.3456"),
        ("0.125", "0.125"),  # "0." cannot start a thousands group
        ("1234.567", "1234.567"),  # four digits before the dot: not a thousands group
        ("72.345", "72345"),  # the documented ambiguity: a single dot + 3 digits is thousands
        ("1500", "1500"),  # core.spreadsheet already turns the cell 1500.0 into "1500"
        ("-5", "-5"),
        ("-12,5", "-12.5"),
        ("−3", "-3"),  # Unicode minus from a word processor
        ("+7", "7"),
        ("  98 ", "98"),
        ("1e-05", "0.00001"),  # str() of a tiny float
        ("0", "0"),
    ],
)
def test_baca_angka(teks, nilai):
    assert baca_angka(teks) == Decimal(nilai)


@pytest.mark.parametrize("teks", ["", "   ", "-", "–", None])
def test_sel_kosong_atau_strip_tidak_bernilai(teks):
    assert baca_angka(teks) is None


@pytest.mark.parametrize(
    "teks",
    ["abc", "WTP", "(5)", "1.50.000", "1,5,0", "1.5,3", "12 5", ",5", "Rp", "%", "1.2.3,4,5"],
)
def test_bukan_angka_ditolak_dengan_pesan_indonesia(teks):
    with pytest.raises(BukanAngka, match="bukan angka"):
        baca_angka(teks)


def test_pesan_menyebut_teksnya():
    with pytest.raises(BukanAngka) as e:
        baca_angka(" sembilan puluh ")
    assert str(e.value) == "'sembilan puluh' bukan angka (contoh yang benar: 1.500, 85,5, 90%)."


@pytest.mark.parametrize(
    ("teks", "ambigu"),
    [("1.500", True), ("72.345", True), ("-72.345", True), ("0.125", False), ("12.5", False),
     ("1234.567", False), ("1.500.000", False), ("1,500", False)],
)  # fmt: skip
def test_titik_ambigu(teks, ambigu):
    assert titik_ambigu(teks) is ambigu


@pytest.mark.parametrize(
    ("nilai", "teks"),
    [
        (Decimal("1500.0000"), "1.500"),
        (Decimal("85.5000"), "85,5"),
        (Decimal("2000000.50"), "2.000.000,5"),
        (Decimal("-0.25"), "-0,25"),
        (Decimal("0"), "0"),
        (Decimal("1234567.8912"), "1.234.567,8912"),
        (12, "12"),
        (None, ""),
    ],
)
def test_tulis_angka(nilai, teks):
    assert tulis_angka(nilai) == teks


def test_tulis_rupiah():
    assert tulis_rupiah(Decimal("2000000.00")) == "Rp 2.000.000"
    assert tulis_rupiah(Decimal("1250.50")) == "Rp 1.250,5"
    assert tulis_rupiah(None) == ""


@pytest.mark.parametrize("nilai", ["1500", "85.5", "0.125", "72.345", "-12.75", "2000000.5"])
def test_tulis_lalu_baca_kembali_sama(nilai):
    assert baca_angka(tulis_angka(Decimal(nilai))) == Decimal(nilai)
