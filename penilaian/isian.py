"""What a realisasi is for each indicator, how the pegawai's typing is read, and the percentage
shown beside the target. Pure functions: the service validates with them, the page explains
with them.

Kinds: a number (kuantitatif and JPT indicators with a numeric target), read in Indonesian
notation with the same parser as the SKP targets (1.500 = 1500, 99,5); a completion date (an
indicator whose target is only a deadline); text (a kualitatif SKP)."""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError

from skp.models import Aspek, IndikatorKinerja, Skp
from skp.target import MAKS_TARGET, baca_angka

ANGKA, TANGGAL, TEKS = "angka", "tanggal", "teks"
MAKS_TEKS = 2000

ATURAN_PERSENTASE = (
    "Persentase = realisasi ÷ target × 100, dibandingkan dengan target tahunan SKP (untuk target "
    "rentang: dengan batas bawahnya). Untuk aspek Waktu persentase tidak dihitung, karena lebih "
    "cepat bisa berarti lebih baik: bandingkan langsung realisasi dengan targetnya."
)


def jenis_isian(skp: Skp, indikator: IndikatorKinerja) -> str:
    if skp.kualitatif:
        return TEKS
    if indikator.target_min is None and indikator.target_tanggal is not None:
        return TANGGAL
    return ANGKA


def baca_isian(jenis: str, teks: str) -> tuple[Decimal | None, str]:
    """(nilai, teks) to store for what the pegawai typed; (None, "") is an empty entry. Raises ValidationError with an Indonesian message for the wrong kind."""
    teks = (teks or "").strip()
    if not teks:
        return None, ""
    if jenis == TEKS:
        if len(teks) > MAKS_TEKS:
            raise ValidationError(f"Realisasi paling panjang {MAKS_TEKS} karakter.")
        return None, teks
    if jenis == TANGGAL:
        return None, baca_tanggal(teks).isoformat()
    angka = baca_angka(teks)
    if angka is None:
        raise ValidationError(
            f"“{teks[:30]}” bukan angka. Tulis angkanya saja, misalnya 1.500 atau 99,5; "
            "satuannya sudah tertulis pada target."
        )
    if angka < 0:
        raise ValidationError("Realisasi tidak boleh bernilai negatif.")
    if angka > MAKS_TARGET:
        raise ValidationError("Angka realisasi terlalu besar.")
    if angka != angka.quantize(Decimal("0.01")):
        raise ValidationError("Gunakan paling banyak dua angka di belakang koma.")
    return angka, ""


def baca_tanggal(teks: str) -> date:
    for pola in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(teks, pola).date()
        except ValueError:
            continue
    raise ValidationError(
        f"“{teks[:30]}” bukan tanggal. Tulis tanggal selesai, misalnya 20-03-2026."
    )


def persentase(indikator: IndikatorKinerja, nilai: Decimal | None) -> Decimal | None:
    """Realisasi as a percentage of the yearly target (ATURAN_PERSENTASE), one decimal; None
    where it means nothing: no number, no numeric target or a target of 0, or aspek Waktu."""
    if nilai is None or indikator.target_min is None or indikator.target_min == 0:
        return None
    if indikator.aspek == Aspek.WAKTU:
        return None
    hasil = nilai / indikator.target_min * 100
    return hasil.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
