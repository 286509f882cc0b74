"""Ratings and the predikat quadrant (PermenPANRB 6/2022 Lampiran; SE MenPANRB 3/2023). The
predikat is never typed: `predikat()` is the one place that derives it from the two ratings."""

from django.db import models


class Rating(models.TextChoices):
    DI_ATAS = "di_atas", "Di Atas Ekspektasi"
    SESUAI = "sesuai", "Sesuai Ekspektasi"
    DI_BAWAH = "di_bawah", "Di Bawah Ekspektasi"


class Predikat(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", "Sangat Baik"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang/Misconduct"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


# (rating hasil kerja, rating perilaku kerja) -> predikat
KUADRAN: dict[tuple[str, str], str] = {
    (Rating.DI_ATAS, Rating.DI_ATAS): Predikat.SANGAT_BAIK,
    (Rating.DI_ATAS, Rating.SESUAI): Predikat.BAIK,
    (Rating.DI_ATAS, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.SESUAI, Rating.DI_ATAS): Predikat.BAIK,
    (Rating.SESUAI, Rating.SESUAI): Predikat.BAIK,
    (Rating.SESUAI, Rating.DI_BAWAH): Predikat.KURANG,
    (Rating.DI_BAWAH, Rating.DI_ATAS): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.SESUAI): Predikat.BUTUH_PERBAIKAN,
    (Rating.DI_BAWAH, Rating.DI_BAWAH): Predikat.SANGAT_KURANG,
}


def predikat(hasil_kerja: str, perilaku: str) -> str:
    """The Predikat Kinerja Pegawai of two ratings (a ValueError for anything else)."""
    try:
        return KUADRAN[(Rating(hasil_kerja), Rating(perilaku))]
    except ValueError as e:
        raise ValueError(f"Rating tidak dikenal: {hasil_kerja!r}, {perilaku!r}") from e


# Shown beside the choices (domain.md, "Rating guidance").
PANDUAN_HASIL_KERJA = {
    Rating.DI_ATAS: "Sebagian besar atau seluruh hasil kerja melebihi ekspektasi dan tidak ada "
    "hasil kerja utama yang di bawah ekspektasi.",
    Rating.SESUAI: "Hasil kerja sebagian besar sesuai ekspektasi; hanya sebagian kecil hasil "
    "kerja utama di bawah ekspektasi.",
    Rating.DI_BAWAH: "Sebagian besar hasil kerja di bawah ekspektasi.",
}
PANDUAN_PERILAKU = {
    Rating.DI_ATAS: "Menunjukkan perilaku sesuai nilai dasar BerAKHLAK secara konsisten dan "
    "menjaga agar orang lain juga menunjukkannya.",
    Rating.SESUAI: "Menunjukkan perilaku sesuai nilai dasar BerAKHLAK secara konsisten.",
    Rating.DI_BAWAH: "Belum konsisten menunjukkan perilaku sesuai nilai dasar BerAKHLAK.",
}
