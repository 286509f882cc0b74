"""Targets of an indicator: reading numbers as Indonesians write them, the rules a target must
meet (shared by the form and the service, so neither can drift), and printing them back.

Which satuan fits the Waktu and Biaya aspects is decided by the indicator analyser
(``indikator.analisis.kesesuaian_aspek``) from the shared list in
``indikator/data/satuan.json``, so the form never refuses what the analyser calls a measurable
result, nor accepts what it flags."""

import re
from datetime import date
from decimal import Decimal, DecimalException

from indikator.analisis import jenis_satuan, kesesuaian_aspek
from skp.models import Aspek, IndikatorKinerja

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
    "jam",
    "hari",
    "hari kerja",
    "bulan",
    "rupiah",
]

# Why a satuan does not fit the aspek (reasons from ``kesesuaian_aspek``).
_PESAN_WAKTU = (
    "Aspek Waktu memakai satuan waktu (hari, minggu, bulan, triwulan, tahun) atau tanggal tenggat."
)
_PESAN_BIAYA = "Aspek Biaya memakai satuan uang: rupiah atau Rp."
PESAN_ASPEK = {
    "waktu": _PESAN_WAKTU,
    "tanpa_waktu": _PESAN_WAKTU,
    "waktu_persen": (
        "Satuan % pada aspek Waktu hanya dipakai bila indikator menyebut batas waktunya, "
        "misalnya 'paling lama 3 hari kerja', 'tepat waktu', atau 'sesuai jadwal'. Selain itu "
        "pakai satuan waktu (jam, hari, bulan) atau tanggal tenggat."
    ),
    "biaya": _PESAN_BIAYA,
    "biaya_persen": (
        "Satuan % pada aspek Biaya hanya dipakai untuk realisasi, penyerapan, atau efisiensi "
        "anggaran atau biaya. Selain itu pakai satuan uang: rupiah atau Rp."
    ),
}

_RIBUAN = re.compile(r"^\d{1,3}(\.\d{3})+$")
_FIELD_TARGET = IndikatorKinerja._meta.get_field("target_min")
# The largest target the database field holds (99.999.999.999.999,99 for 16 digits, 2 decimals).
MAKS_TARGET = (
    Decimal(10) ** (_FIELD_TARGET.max_digits - _FIELD_TARGET.decimal_places)
    - Decimal(10) ** -_FIELD_TARGET.decimal_places
)


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
    except DecimalException:  # not a number, or an exponent past what Decimal holds
        return None
    return angka if angka.is_finite() else None


def satuan_waktu(satuan: str) -> bool:
    """A time unit: menit, jam, hari kerja, hari kalender, bulan, ..."""
    return jenis_satuan(satuan) == "waktu"


def satuan_uang(satuan: str) -> bool:
    """A money unit: rupiah, Rp, juta rupiah, ..."""
    return jenis_satuan(satuan) == "uang"


def periksa_target(
    *,
    aspek: str,
    target_min: Decimal | None,
    target_maks: Decimal | None,
    satuan: str,
    target_tanggal: date | None,
    tahun: int,
    uraian: str = "",
) -> dict[str, str]:
    """What is wrong with a target, per field, in Indonesian (empty when it is fine).

    ``uraian`` is the indicator text: with it a percentage fits Waktu when the text states a
    time bound ("paling lama 2 x 24 jam") and Biaya for budget realisation ("Realisasi
    penyerapan anggaran"), and a count fits Waktu when the text gives the time ("paling
    lambat tanggal 10"). Without it only time and money units fit."""
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
        elif aspek in (Aspek.WAKTU, Aspek.BIAYA) and (
            alasan := kesesuaian_aspek(aspek, uraian, satuan)
        ):
            salah["satuan"] = PESAN_ASPEK[alasan]
    return salah


def tampil_angka(angka: Decimal | None) -> str:
    """Indonesian notation without trailing zeros: 1.500.000 ; 99,5 ; 100."""
    if angka is None:
        return ""
    bulat = angka == angka.to_integral_value()
    teks = f"{angka:,.0f}" if bulat else f"{angka.normalize():,f}"
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")
