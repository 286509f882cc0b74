import pytest

from organisasi.pangkat import baca_golongan, nama_pangkat


@pytest.mark.parametrize(
    ("teks", "golongan"),
    [
        ("III/a", "III/a"),
        ("iii/A", "III/a"),
        ("III-a", "III/a"),
        ("III / a", "III/a"),
        ("Penata Muda", "III/a"),
        ("Penata Muda (III/a)", "III/a"),
        ("Penata Muda Tingkat I, III/b", "III/b"),
        ("Pembina Utama", "IV/e"),
        ("Juru", "I/c"),
        ("IX", "IX"),
        ("PPPK IX", "IX"),
        ("Golongan XVII", "XVII"),
    ],
)
def test_golongan_dibaca_seperti_ditulis_orang(teks, golongan):
    assert baca_golongan(teks) == golongan


@pytest.mark.parametrize("teks", ["", None, "III/f", "V/a", "Penata Madya", "XVIII"])
def test_golongan_tidak_dikenal(teks):
    assert baca_golongan(teks) is None


def test_nama_pangkat():
    assert nama_pangkat("IV/b") == "Pembina Tingkat I"
    assert nama_pangkat("IX") == ""


@pytest.mark.parametrize(
    "teks", ["Penata Muda Tk. I", "Penata Muda Tk.I", "penata muda tkt I", "Penata Muda Tingkat I"]
)
def test_singkatan_tingkat_dikenali(teks):
    assert baca_golongan(teks) == "III/b"
