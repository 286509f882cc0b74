"""Numbers as Indonesians write them in planning documents, and back.

`1.500` is fifteen hundred, `85,5` is eighty-five and a half, `90%` is 90, `Rp 2.000.000,-` is two
million rupiah. Pure functions, no Django.
"""

import re
from decimal import Decimal, DecimalException, InvalidOperation

_RIBUAN_TITIK = re.compile(r"\d{1,3}(\.\d{3})+")
_RIBUAN_KOMA = re.compile(r"\d{1,3}(,\d{3})+")
_ANGKA = re.compile(r"\d+")
_ILMIAH = re.compile(r"\d+(\.\d+)?[eE][-+]?\d+")  # str(float) of very small or large numbers
_RUPIAH = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_KOSONG = {"", "-", "–", "—"}  # a dash is how tables say "no value"


class BukanAngka(ValueError):
    """The text is not a number; the message is Indonesian and names the text."""


def baca_angka(teks: str | None) -> Decimal | None:
    """The number written in `teks`, or None for an empty cell (or a lone dash).

    Rules, in order:
    - "Rp"/"Rp." in front, "%" behind and the rupiah tail ",-" or ".-" are dropped; "-" in front
      makes it negative. Brackets for negatives, "(5)", are not accepted.
    - Both "." and "," present: the one written last is the decimal mark ("2.000.000,50" and the
      English "2,000,000.50" are both two million and a half).
    - Only commas: one comma is the decimal mark ("85,5", and so "1,500" is 1.5); several commas
      are thousands separators ("1,500,000").
    - Only dots: several dots are thousands separators ("1.500.000"). A single dot is ambiguous:
      a person writes "1.500" for fifteen hundred, while English-style text such as "12.5" means
      twelve and a half. We read a single dot followed by exactly three digits as a thousands
      separator when the part before it is 1-3 digits and not 0 ("1.500" -> 1500), and as a
      decimal point otherwise ("12.5", "0.125", "12.3456", "1234.567"). Numeric XLSX cells are
      not affected: core.spreadsheet writes their fractions with a decimal comma (72.345 ->
      "72,345").
    """
    if teks is None:
        return None
    asli = str(teks)
    s = asli.replace("\xa0", " ").strip()
    if s in _KOSONG:
        return None
    negatif = False
    if s[0] in "-−":
        negatif, s = True, s[1:].strip()
    elif s[0] == "+":
        s = s[1:].strip()
    s = _RUPIAH.sub("", s)
    if s.endswith("%"):
        s = s[:-1].strip()
    if s.endswith((",-", ".-")):
        s = s[:-2]
    nilai = _urai(s)
    if nilai is None:
        raise BukanAngka(f"'{asli.strip()}' bukan angka (contoh yang benar: 1.500, 85,5, 90%).")
    return -nilai if negatif else nilai


def _urai(s: str) -> Decimal | None:
    if _ILMIAH.fullmatch(s):
        try:
            return Decimal(s)
        except DecimalException:  # an exponent past what Decimal holds ("1E+9999999999999999999")
            raise BukanAngka(f"angka {s} terlalu besar.") from None
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            bulat, pecahan, ribuan = *s.rsplit(",", 1), _RIBUAN_TITIK
        else:
            bulat, pecahan, ribuan = *s.rsplit(".", 1), _RIBUAN_KOMA
        if not (ribuan.fullmatch(bulat) or _ANGKA.fullmatch(bulat)):
            return None
        return _gabung(re.sub(r"[.,]", "", bulat), pecahan)
    if "," in s:
        if s.count(",") == 1:
            return _gabung(*s.split(","))
        return _gabung(s.replace(",", ""), "") if _RIBUAN_KOMA.fullmatch(s) else None
    if "." in s:
        if s.count(".") > 1:
            return _gabung(s.replace(".", ""), "") if _RIBUAN_TITIK.fullmatch(s) else None
        bulat, pecahan = s.split(".")
        if titik_ambigu(s):
            return _gabung(bulat + pecahan, "")  # "1.500": thousands (see the docstring)
        return _gabung(bulat, pecahan)
    return _gabung(s, "")


def titik_ambigu(teks: str) -> bool:
    """Is this a single dot that baca_angka reads as a thousands separator ("1.500", "72.345")?"""
    cocok = re.fullmatch(r"-?(\d{1,3})\.(\d{3})", teks.strip())
    return bool(cocok) and not cocok[1].startswith("0")


def _gabung(bulat: str, pecahan: str) -> Decimal | None:
    if not _ANGKA.fullmatch(bulat) or (pecahan and not _ANGKA.fullmatch(pecahan)):
        return None
    try:
        return Decimal(f"{bulat}.{pecahan}" if pecahan else bulat)
    except InvalidOperation:  # pragma: no cover - the patterns above admit only digits
        return None


def tulis_angka(nilai: Decimal | int | float | None) -> str:
    """Indonesian print form: 1500 -> "1.500", 85.5000 -> "85,5", -0.25 -> "-0,25"; None -> ""."""
    if nilai is None or nilai == "":
        return ""
    teks = format(Decimal(str(nilai)), "f")
    negatif = teks.startswith("-")
    teks = teks.lstrip("-")
    bulat, _, pecahan = teks.partition(".")
    pecahan = pecahan.rstrip("0")
    bulat = f"{int(bulat):,}".replace(",", ".")
    hasil = f"{bulat},{pecahan}" if pecahan else bulat
    return f"-{hasil}" if negatif and hasil != "0" else hasil


def tulis_rupiah(nilai: Decimal | int | None) -> str:
    """ "Rp 2.000.000" (with ",50" only when there are cents); None -> ""."""
    if nilai is None or nilai == "":
        return ""
    return f"Rp {tulis_angka(nilai)}"
