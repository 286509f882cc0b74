"""Angka kredit of a pejabat fungsional from the predikat kinerja (PermenPANRB 1/2023 as summed up
in domain.md "Angka kredit"): persentase of the predikat x koefisien of the jenjang per year,
prorated by months, summed over periods. Values are exact fractions; only the display rounds,
to two decimals, half up ("20,83")."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from organisasi.models import Jenjang
from penilaian.kuadran import Predikat

# Koefisien per year of each jenjang.
KOEFISIEN: dict[str, Fraction] = {
    Jenjang.PEMULA: Fraction("3.75"),
    Jenjang.TERAMPIL: Fraction(5),
    Jenjang.MAHIR: Fraction("12.5"),
    Jenjang.PENYELIA: Fraction(25),
    Jenjang.AHLI_PERTAMA: Fraction("12.5"),
    Jenjang.AHLI_MUDA: Fraction(25),
    Jenjang.AHLI_MADYA: Fraction("37.5"),
    Jenjang.AHLI_UTAMA: Fraction(50),
}

# Persentase of each predikat (150% = 3/2).
PERSENTASE: dict[str, Fraction] = {
    Predikat.SANGAT_BAIK: Fraction(150, 100),
    Predikat.BAIK: Fraction(100, 100),
    Predikat.BUTUH_PERBAIKAN: Fraction(75, 100),
    Predikat.KURANG: Fraction(50, 100),
    Predikat.SANGAT_KURANG: Fraction(25, 100),
}

RUMUS = (
    "Angka kredit = persentase predikat (Sangat Baik 150%, Baik 100%, Butuh Perbaikan 75%, "
    "Kurang/Misconduct 50%, Sangat Kurang 25%) × koefisien jenjang per tahun × jumlah bulan "
    "periode ÷ 12."
)


def angka_kredit(jenjang: str, predikat: str, bulan: int) -> Fraction:
    """The exact angka kredit of `bulan` months (1-12) rated `predikat` at `jenjang`:
    Ahli Pertama, Sangat Baik, 12 months = 150% x 12,5 = 18,75. A ValueError for anything else."""
    try:
        koefisien = KOEFISIEN[Jenjang(jenjang)]
        persen = PERSENTASE[Predikat(predikat)]
    except ValueError as e:
        raise ValueError(f"Jenjang atau predikat tidak dikenal: {jenjang!r}, {predikat!r}") from e
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= 12:
        raise ValueError("Jumlah bulan harus 1 sampai 12.")
    return persen * koefisien * Fraction(bulan, 12)


def jumlah(nilai: Iterable[Fraction]) -> Fraction:
    """Periods summed exactly (20,8333... stays exact until displayed)."""
    return sum(nilai, Fraction(0))


def dibulatkan(nilai: Fraction) -> Decimal:
    """Two decimals, half up: 25/12 -> 2.08; for display and JSON only, never stored."""
    return (Decimal(nilai.numerator) / Decimal(nilai.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def tampil(nilai: Fraction) -> str:
    """Indonesian notation with two decimals: "18,75", "2,08", "1.234,50"."""
    teks = f"{dibulatkan(nilai):,.2f}"
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")


def bulan_periode(mulai: date, selesai: date) -> int:
    """The calendar months a period spans: 3 for a triwulan, 1 for a month."""
    return (selesai.year - mulai.year) * 12 + selesai.month - mulai.month + 1


def baca_jenjang(teks: str) -> Jenjang | None:
    """A jenjang from its value or label, case- and space-insensitive ("ahli pertama")."""
    return Jenjang.baca(teks)


@dataclass(frozen=True)
class BarisAngkaKredit:
    """One rated period on the pegawai's page: its angka kredit and the year's total so far."""

    nama_periode: str
    predikat: Predikat
    bulan: int
    nilai: Fraction
    total: Fraction

    @property
    def nilai_tampil(self) -> str:
        return tampil(self.nilai)

    @property
    def total_tampil(self) -> str:
        return tampil(self.total)


def rincian_tahun(jenjang: str, periode: Iterable[tuple[str, str, int]]) -> list[BarisAngkaKredit]:
    """(nama periode, predikat, bulan) of the rated periods in order -> rows with the running
    total, summed exactly."""
    baris, total = [], Fraction(0)
    for nama, predikat, bulan in periode:
        nilai = angka_kredit(jenjang, predikat, bulan)
        total += nilai
        baris.append(BarisAngkaKredit(nama, Predikat(predikat), bulan, nilai, total))
    return baris
