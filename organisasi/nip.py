"""NIP (Nomor Induk Pegawai): normalising, validating and printing, per domain.md.

A PNS NIP is 18 digits: birth date YYYYMMDD, TMT CPNS YYYYMM, sex 1/2, serial 001-999.
PPPK numbers are also 18 digits but digits 13-14 are not a month (e.g. "21"), so a
non-month there marks a PPPK number instead of an error.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError


def normalisasi_nip(nilai: object) -> str:
    """The NIP as typed or read from a spreadsheet, with spaces, dots and dashes removed.

    Spreadsheets often hold a NIP as a number (1.98609262015051e+17 loses digits): such cells
    are refused by the import (`core.spreadsheet.masalah_sel_angka`) and scientific notation by
    the validator, never silently "fixed" here.
    """
    if nilai is None:
        return ""
    teks = str(nilai).strip()
    for pemisah in (" ", "\u00a0", ".", "-", "'"):
        teks = teks.replace(pemisah, "")
    return teks


def is_pppk(nip: str) -> bool:
    return len(nip) == 18 and nip.isdigit() and not 1 <= int(nip[12:14]) <= 12


def masalah_nip(nip: str) -> str | None:
    """The Indonesian reason a (normalised) NIP is invalid, or None when it is valid."""
    if not nip:
        return "NIP wajib diisi."
    if "e+" in nip.lower():
        return (
            "NIP tertulis dalam notasi ilmiah karena Excel menyimpannya sebagai angka dan "
            "digit terakhirnya hilang; format kolom sebagai Teks lalu ketik ulang NIP lengkap."
        )
    if not nip.isdigit():
        return "NIP hanya boleh berisi angka."
    if len(nip) != 18:
        return f"NIP harus 18 digit (tertulis {len(nip)} digit)."
    try:
        lahir = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "8 digit pertama NIP bukan tanggal lahir yang sah (TTTTBBHH)."
    if lahir.year < 1930:
        return "Tahun lahir pada NIP tidak wajar."
    tahun_tmt = int(nip[8:12])
    if tahun_tmt <= lahir.year or tahun_tmt > date.today().year + 1:
        return "Tahun TMT pada NIP (digit 9-12) tidak wajar terhadap tahun lahir."
    if nip[14] not in "12":
        return "Digit ke-15 NIP (jenis kelamin) harus 1 atau 2."
    if nip[15:18] == "000":
        return "Nomor urut NIP (3 digit terakhir) tidak boleh 000."
    return None


def masalah_nip_pns(nip: str) -> str | None:
    """For a (valid) NIP of someone whose golongan is a PNS ruang: digits 13-14 are the month of
    TMT CPNS and must be 01-12. PPPK numbers are exempt, so this is asked only when the golongan
    says PNS."""
    if len(nip) == 18 and nip.isdigit() and not 1 <= int(nip[12:14]) <= 12:
        return (
            f"digit ke-13 sampai 14 NIP PNS adalah bulan TMT CPNS dan harus 01-12 "
            f"(tertulis {nip[12:14]}). Jika pegawai ini PPPK, isi golongan PPPK (I sampai XVII)."
        )
    return None


def validate_nip(nilai: str) -> None:
    """Django validator for the stored (normalised) NIP."""
    masalah = masalah_nip(normalisasi_nip(nilai))
    if masalah:
        raise ValidationError(masalah, code="nip_tidak_sah")


def format_nip(nip: str) -> str:
    """`198609262015051001` -> `19860926 201505 1 001`; anything else is returned unchanged."""
    if len(nip) != 18 or not nip.isdigit():
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"


def samarkan_nip(nip: str | None) -> str:
    """The NIP for a public page: the birth date (its first 8 digits) replaced by asterisks,
    the rest grouped as `format_nip` prints it: `199203142019031005` -> `******** 201903 1 005`,
    enough to match a printed copy without telling anyone's birth date. A value that is not an
    18-digit NIP (whose birth date cannot be located) is masked whole; nothing is returned for
    an empty one."""
    nip = normalisasi_nip(nip)
    if not nip:
        return ""
    if len(nip) != 18 or not nip.isdigit():
        return "*" * len(nip)
    return f"******** {nip[8:14]} {nip[14]} {nip[15:18]}"


_NIP_DALAM_TEKS = re.compile(r"(?<!\d)\d{8}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}(?!\d)")


def samarkan_nip_dalam(teks: str) -> str:
    """`teks` with every NIP in it (grouped or not) masked by `samarkan_nip`: for a name on a
    public page that may fall back to a login name, which is often the NIP."""
    return _NIP_DALAM_TEKS.sub(lambda m: samarkan_nip(m.group()), teks)
