"""Targets of an indicator: reading numbers as Indonesians write them, the rules a target must
meet (shared by the form and the service, so neither can drift), and printing them back."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from skp.models import Aspek

SATUAN_WAKTU = {
    "hari",
    "hari kerja",
    "minggu",
    "pekan",
    "bulan",
    "triwulan",
    "semester",
    "tahun",
    "jam",
}
SATUAN_UANG = {"rupiah", "rp", "rp.", "juta rupiah", "miliar rupiah", "ribu rupiah"}
# Offered in the satuan field (a datalist: anything else may still be typed).
SARAN_SATUAN = [
    "dokumen",
    "laporan",
    "%",
    "kegiatan",
    "orang",
    "berkas",
    "data",
    "kali",
    "unit",
    "hari",
    "bulan",
    "rupiah",
]

_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")
MAKS_TARGET = Decimal("99999999999999.99")


def baca_angka(teks: str) -> Decimal | None:
    """ "99,5" -> 99.5, "1.500.000" -> 1500000, "1.500.000,50", "12.5" (a point typed as a
    decimal point) -> 12.5. Returns None when it is not a number."""
    teks = teks.strip().replace(" ", "")
    if teks.lower().startswith("rp"):
        teks = teks[2:].lstrip(".")
    if not teks:
        return None
    if "," in teks:
        teks = teks.replace(".", "").replace(",", ".", 1)
    elif _RIBUAN.match(teks):
        teks = teks.replace(".", "")
    try:
        angka = Decimal(teks)
    except InvalidOperation:
        return None
    return angka if angka.is_finite() else None


def satuan_waktu(satuan: str) -> bool:
    return satuan.strip().lower() in SATUAN_WAKTU


def satuan_uang(satuan: str) -> bool:
    s = satuan.strip().lower()
    return s in SATUAN_UANG or s.startswith("rp") or s.endswith("rupiah")


def periksa_target(
    *,
    aspek: str,
    target_min: Decimal | None,
    target_maks: Decimal | None,
    satuan: str,
    target_tanggal: date | None,
    tahun: int,
) -> dict[str, str]:
    """What is wrong with a target, per field, in Indonesian (empty when it is fine)."""
    salah: dict[str, str] = {}
    satuan = satuan.strip()
    if target_tanggal is not None:
        if aspek != Aspek.WAKTU:
            salah["target_tanggal"] = "Tanggal tenggat hanya dipakai untuk aspek Waktu."
        elif target_tanggal.year != tahun:
            salah["target_tanggal"] = (
                f"Tenggat harus jatuh pada tahun penilaian {tahun} (1 Januari–31 Desember)."
            )
    pakai_tanggal = target_tanggal is not None and aspek == Aspek.WAKTU
    if target_min is None:
        if target_maks is not None:
            salah["target_min"] = "Isi batas bawah rentang target."
        elif not pakai_tanggal:
            salah["target_min"] = (
                "Isi target berupa angka, misalnya 12 atau 99,5."
                if aspek != Aspek.WAKTU
                else "Isi target waktu berupa angka (misalnya 12 bulan) atau tanggal tenggat."
            )
    else:
        if target_min < 0:
            salah["target_min"] = "Target tidak boleh bernilai negatif."
        elif target_min > MAKS_TARGET:
            salah["target_min"] = "Angka target terlalu besar."
        if target_maks is not None and target_maks < target_min:
            salah["target_maks"] = (
                "Batas atas rentang tidak boleh lebih kecil dari batas bawah "
                f"({tampil_angka(target_min)})."
            )
        elif target_maks is not None and target_maks > MAKS_TARGET:
            salah["target_maks"] = "Angka batas atas terlalu besar."
        if not satuan:
            salah["satuan"] = "Isi satuan target, misalnya dokumen, %, orang, atau hari."
        elif aspek == Aspek.WAKTU and not satuan_waktu(satuan):
            salah["satuan"] = (
                "Aspek Waktu memakai satuan waktu (hari, minggu, bulan, triwulan, tahun) "
                "atau tanggal tenggat."
            )
        elif aspek == Aspek.BIAYA and not satuan_uang(satuan):
            salah["satuan"] = "Aspek Biaya memakai satuan uang: rupiah atau Rp."
    return salah


def tampil_angka(angka: Decimal | None) -> str:
    """Indonesian notation without trailing zeros: 1.500.000 ; 99,5 ; 100."""
    if angka is None:
        return ""
    bulat = angka == angka.to_integral_value()
    teks = f"{angka:,.0f}" if bulat else f"{angka.normalize():,f}"
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")
