import pytest

from penilaian.kuadran import Predikat, Rating, predikat

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH


@pytest.mark.parametrize(
    ("hasil", "perilaku", "harapan"),
    [
        (A, A, Predikat.SANGAT_BAIK),
        (A, S, Predikat.BAIK),
        (A, B, Predikat.KURANG),
        (S, A, Predikat.BAIK),
        (S, S, Predikat.BAIK),
        (S, B, Predikat.KURANG),
        (B, A, Predikat.BUTUH_PERBAIKAN),
        (B, S, Predikat.BUTUH_PERBAIKAN),
        (B, B, Predikat.SANGAT_KURANG),
    ],
)
def test_kuadran_sembilan_kombinasi(hasil, perilaku, harapan):
    assert predikat(hasil, perilaku) == harapan


def test_rating_tak_dikenal_ditolak():
    with pytest.raises(ValueError):
        predikat("baik", Rating.SESUAI)


def test_label_predikat_sesuai_peraturan():
    assert Predikat.KURANG.label == "Kurang/Misconduct"
    assert [p.label for p in Predikat] == [
        "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang",
    ]  # fmt: skip
