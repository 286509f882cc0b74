"""Indonesian text helpers for indicator analysis: normalising, tokenising, stemming, numbers.

No Django imports: the analyser and later checks (e.g. two indicators that say nearly the
same thing) use this module directly.

Words are compared by their stem (kata dasar, via PySastrawi) *and* a coarse affix class,
because the affix carries the meaning we need: "meningkatkan" (a verb of direction) is vague,
while "tingkat" (a noun) names a measure; "dihadiri" (passive) counts meetings attended,
while "menghadiri" opens an activity.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Tokens: numbers in Indonesian or plain format, words (with inner hyphens such as
# "rata-rata" or "KTP-el"), the percent sign, and punctuation that separates clauses.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:-[^\W_]+)*|%|[,;/&()]")
# "2x24 jam", "2 × 24 jam": split the multiplication so both numbers are seen.
_KALI = re.compile(r"(\d)\s*[x×]\s*(\d)", re.IGNORECASE)
# "24jam", "3hari": a number glued to its unit; "Rp2.000.000": a currency glued to it.
_ANGKA_MENEMPEL = re.compile(r"\b(\d+(?:[.,]\d+)*)([^\W\d_]+)")
_RUPIAH_MENEMPEL = re.compile(r"\b(rp)\.?(\d)", re.IGNORECASE)

_PARTIKEL = ("nya", "lah", "kah", "pun")
# Longest first, so "memper-" is tried before "me-". Each maps to the family recorded.
_AWALAN_VERBA = (
    ("memper", "me"),
    ("diper", "di"),
    ("me", "me"),
    ("di", "di"),
    ("ber", "ber"),
    ("be", "ber"),
    ("ter", "ter"),
    ("te", "ter"),
)
_AWALAN_NOMINA = ("pe", "ke")


@dataclass(frozen=True, slots=True)
class Kata:
    """One token of an indicator.

    teks: as written; kecil: lower case; dasar: stem; kelas: "dasar" (bare stem),
    "verba" (me-/di-/ber-/ter- forms), "nomina" (pe-/ke-/-an forms), "lain" (other
    derived forms such as se-), "angka" or "tanda" (punctuation); awalan: prefix family
    ("me", "di", "ber", "ter", "pe", "ke") or "".
    """

    teks: str
    kecil: str
    dasar: str
    kelas: str
    awalan: str = ""

    @property
    def adalah_kata(self) -> bool:
        return self.kelas not in ("angka", "tanda")

    @property
    def kunci(self) -> tuple[str, str]:
        """What word lists compare: the stem and its affix class."""
        return (self.dasar, self.kelas)


def normalisasi(teks: str) -> str:
    """Unicode-normalise, unify quotes and dashes, collapse whitespace. Keeps letter case."""
    teks = unicodedata.normalize("NFKC", teks or "")
    teks = teks.translate(
        str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
    )
    return " ".join(teks.split())


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    """PySastrawi stemmer with extra roots common in government work (loaded once)."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    kata = StemmerFactory().get_words()
    tambahan = (DATA / "kata_dasar_tambahan.txt").read_text(encoding="utf-8").split()
    return Stemmer(ArrayDictionary(kata + tambahan))


@lru_cache(maxsize=50_000)
def kata_dasar(kata: str) -> str:
    """Stem of one lower-case word ("diterbitkan" -> "terbit"). Cached: words repeat a lot."""
    if len(kata) <= 3 or not kata.isascii() or kata.isdigit():
        return kata
    return _stemmer().stem(kata) or kata


def kosongkan_cache() -> None:
    """Forget stemmed words (for benchmarks of the worst case: only new words)."""
    kata_dasar.cache_clear()
    _kata.cache_clear()


def _kelas(kecil: str, dasar: str) -> tuple[str, str]:
    """Affix class and prefix family of a word, given its stem."""
    bentuk = kecil
    kiri, sambung, kanan = bentuk.partition("-")
    if sambung and kiri == kanan:  # reduplication: "tugas-tugas", "rata-rata"
        bentuk = kiri
    if bentuk == dasar:
        return "dasar", ""
    for partikel in _PARTIKEL:  # "optimalnya" is still the bare stem
        if bentuk.endswith(partikel) and bentuk[: -len(partikel)] == dasar:
            return "dasar", ""
    # What precedes the stem is the prefix ("di" + "disposisi" + "kan"). When the prefix
    # has swallowed the stem's first letter ("me" + "nyusun"), fall back to the spelling.
    letak = bentuk.find(dasar)
    depan = bentuk[:letak] if letak > 0 else bentuk
    for awalan, keluarga in _AWALAN_VERBA:
        if depan.startswith(awalan) and (letak > 0 or not dasar.startswith(awalan)):
            return "verba", keluarga
    for awalan in _AWALAN_NOMINA:
        if depan.startswith(awalan) and (letak > 0 or not dasar.startswith(awalan)):
            return "nomina", awalan
    if bentuk.endswith(("an", "annya")):
        return "nomina", ""
    return "lain", ""


@lru_cache(maxsize=50_000)
def _kata(teks: str) -> Kata:
    kecil = teks.lower()
    if kecil[0].isdigit():
        return Kata(teks, kecil, kecil, "angka")
    if not kecil[0].isalnum():
        return Kata(teks, kecil, kecil, "tanda")
    dasar = kata_dasar(kecil)
    kelas, awalan = _kelas(kecil, dasar)
    return Kata(teks, kecil, dasar, kelas, awalan)


def token(teks: str) -> list[Kata]:
    """Split an indicator (or target, satuan) into analysed tokens."""
    teks = normalisasi(teks)
    teks = _KALI.sub(r"\1 x \2", teks)
    teks = _ANGKA_MENEMPEL.sub(r"\1 \2", teks)
    teks = _RUPIAH_MENEMPEL.sub(r"\1 \2", teks)
    return [_kata(t) for t in _TOKEN.findall(teks)]


def gabung(kata: Iterable[Kata]) -> str:
    """Join tokens back into readable text ("( SSO )" -> "(SSO)")."""
    teks = " ".join(k.teks for k in kata)
    teks = re.sub(r"\s+([,;)%])", r"\1", teks)
    return re.sub(r"([(])\s+", r"\1", teks)


# --- Word lists -------------------------------------------------------------------------

Pola = tuple[tuple[str, str], ...]


def pola(frasa: str) -> Pola:
    """A word-list entry as a sequence of (stem, affix class) keys."""
    return tuple(k.kunci for k in token(frasa))


class Daftar:
    """A list of words and phrases, matched on stems and affix classes.

    Matching is greedy and longest-first, so "dengan penuh tanggung jawab" is reported once
    rather than also as "tanggung jawab".
    """

    def __init__(self, frasa: Iterable[str]) -> None:
        self._menurut_awal: dict[tuple[str, str], list[Pola]] = {}
        for f in frasa:
            p = pola(f)
            if p:
                self._menurut_awal.setdefault(p[0], []).append(p)
        for daftar in self._menurut_awal.values():
            daftar.sort(key=len, reverse=True)

    def cocok_di(self, kata: Sequence[Kata], i: int) -> int:
        """Length of the longest entry starting at kata[i], or 0."""
        for p in self._menurut_awal.get(kata[i].kunci, ()):
            if tuple(k.kunci for k in kata[i : i + len(p)]) == p:
                return len(p)
        return 0

    def memuat(self, k: Kata) -> bool:
        """Whether a single word is in the list."""
        return any(len(p) == 1 for p in self._menurut_awal.get(k.kunci, ()))

    def cari(self, kata: Sequence[Kata]) -> list[tuple[int, int]]:
        """All non-overlapping matches as (start, end) index pairs."""
        hasil: list[tuple[int, int]] = []
        i = 0
        while i < len(kata):
            panjang = self.cocok_di(kata, i)
            if panjang:
                hasil.append((i, i + panjang))
                i += panjang
            else:
                i += 1
        return hasil


# --- Numbers ----------------------------------------------------------------------------

_RIBUAN_ID = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_RIBUAN_EN = re.compile(r"\d{1,3}(?:,\d{3}){2,}")


def angka(teks: str) -> float | None:
    """Parse a number written the Indonesian way: "1.500" = 1500, "99,5" = 99.5.

    A dot followed by groups of exactly three digits is a thousands separator; otherwise a
    single dot or comma is read as the decimal mark, since both occur in practice.
    """
    teks = teks.strip()
    if _RIBUAN_ID.fullmatch(teks):
        return float(teks.replace(".", "").replace(",", "."))
    if _RIBUAN_EN.fullmatch(teks):
        return float(teks.replace(",", ""))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", teks):
        return float(teks.replace(",", "."))
    return None


def format_angka(nilai: float) -> str:
    """Write a number the Indonesian way: 1200 -> "1.200", 16.25 -> "16,25"."""
    if abs(nilai - round(nilai)) < 1e-9:
        return f"{round(nilai):,}".replace(",", ".")
    teks = f"{nilai:,.2f}".rstrip("0").rstrip(".")
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


# --- Similarity (for the later overlap / copy check) ------------------------------------


@cache
def _kata_henti() -> frozenset[str]:
    kamus = json.loads((DATA / "kamus.json").read_text(encoding="utf-8"))
    return frozenset(kata_dasar(k) for k in kamus["kata_henti"]["kata"])


def kata_kunci(teks: str) -> list[str]:
    """Content stems of a text, in order, without function words or punctuation.

    "Persentase dokumen yang diterbitkan" -> ["persentase", "dokumen", "terbit"].
    """
    henti = _kata_henti()
    return [k.dasar for k in token(teks) if k.adalah_kata and k.dasar not in henti]


def kemiripan(a: str, b: str) -> float:
    """Jaccard similarity (0-1) of the content stems of two indicators.

    Affixes and word order do not matter: "Menyusun laporan keuangan" and "Penyusunan
    laporan keuangan" score 1.0.
    """
    sa, sb = set(kata_kunci(a)), set(kata_kunci(b))
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)
