import pytest
from django.core.exceptions import ValidationError

from organisasi.nip import (
    format_nip,
    is_pppk,
    masalah_nip,
    masalah_nip_pns,
    normalisasi_nip,
    samarkan_nip,
    validate_nip,
)


@pytest.mark.parametrize(
    "nip",
    [
        "198609262015051001",  # PNS
        "199307072022211012",  # PPPK: digits 13-14 are "21", not a month
        "197001011990122999",
    ],
)
def test_nip_sah_diterima(nip):
    assert masalah_nip(nip) is None
    validate_nip(nip)


@pytest.mark.parametrize(
    ("nip", "potongan_pesan"),
    [
        ("", "wajib"),
        ("19860926201505100", "18 digit"),
        ("1986092620150510011", "18 digit"),
        ("19860926201505100A", "angka"),
        ("198613262015051001", "tanggal lahir"),  # month 13
        ("198602302015051001", "tanggal lahir"),  # 30 February
        ("198609261980051001", "TMT"),  # appointed before birth
        ("198609262015053001", "jenis kelamin"),
        ("198609262015051000", "000"),
    ],
)
def test_nip_tidak_sah_ditolak_dengan_alasan(nip, potongan_pesan):
    assert potongan_pesan in masalah_nip(nip)
    with pytest.raises(ValidationError):
        validate_nip(nip)


def test_nip_dinormalisasi_dari_format_cetak():
    assert normalisasi_nip(" 19860926 201505 1 001 ") == "198609262015051001"
    assert normalisasi_nip("19860926.201505.1.001") == "198609262015051001"
    assert normalisasi_nip(None) == ""


def test_nip_dicetak_berkelompok():
    assert format_nip("198609262015051001") == "19860926 201505 1 001"
    assert format_nip("123") == "123"


def test_nip_disamarkan_tanpa_tanggal_lahir():
    assert samarkan_nip("199203142019031005") == "******** 201903 1 005"
    assert samarkan_nip("199307072022211012") == "******** 202221 1 012"  # PPPK
    # As typed or printed, the same.
    assert samarkan_nip("19920314 201903 1 005") == "******** 201903 1 005"


@pytest.mark.parametrize(
    ("nilai", "hasil"),
    [
        ("", ""),
        (None, ""),
        ("19920314", "********"),  # short: could be the birth date itself
        ("1992031420190310051", "*" * 19),  # too long: where the date sits is unknown
        ("19920314201903100x", "*" * 18),
        ("1.99203142019031e+17", "*" * 19),
    ],
)
def test_nip_tidak_wajar_disamarkan_seluruhnya(nilai, hasil):
    assert samarkan_nip(nilai) == hasil
    assert "1992" not in samarkan_nip(nilai)


def test_pppk_dikenali_dari_digit_13_14():
    assert is_pppk("199307072022211012")
    assert not is_pppk("198609262015051001")


def test_nip_notasi_ilmiah_dari_excel_diberi_alasan_yang_jelas():
    assert "notasi ilmiah" in masalah_nip(normalisasi_nip("1,97203101998031E+17"))


def test_bulan_tmt_hanya_diperiksa_untuk_pns():
    assert masalah_nip_pns("198609262015051001") is None
    assert "harus 01-12" in masalah_nip_pns("198609262015001001")
    assert "harus 01-12" in masalah_nip_pns("198609262015991001")
