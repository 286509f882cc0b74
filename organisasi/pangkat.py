"""Pangkat/golongan ruang of PNS and golongan of PPPK, per domain.md."""

import re

from django.db import models


class Golongan(models.TextChoices):
    I_A = "I/a", "Juru Muda (I/a)"
    I_B = "I/b", "Juru Muda Tingkat I (I/b)"
    I_C = "I/c", "Juru (I/c)"
    I_D = "I/d", "Juru Tingkat I (I/d)"
    II_A = "II/a", "Pengatur Muda (II/a)"
    II_B = "II/b", "Pengatur Muda Tingkat I (II/b)"
    II_C = "II/c", "Pengatur (II/c)"
    II_D = "II/d", "Pengatur Tingkat I (II/d)"
    III_A = "III/a", "Penata Muda (III/a)"
    III_B = "III/b", "Penata Muda Tingkat I (III/b)"
    III_C = "III/c", "Penata (III/c)"
    III_D = "III/d", "Penata Tingkat I (III/d)"
    IV_A = "IV/a", "Pembina (IV/a)"
    IV_B = "IV/b", "Pembina Tingkat I (IV/b)"
    IV_C = "IV/c", "Pembina Utama Muda (IV/c)"
    IV_D = "IV/d", "Pembina Utama Madya (IV/d)"
    IV_E = "IV/e", "Pembina Utama (IV/e)"
    PPPK_I = "I", "Golongan I (PPPK)"
    PPPK_II = "II", "Golongan II (PPPK)"
    PPPK_III = "III", "Golongan III (PPPK)"
    PPPK_IV = "IV", "Golongan IV (PPPK)"
    PPPK_V = "V", "Golongan V (PPPK)"
    PPPK_VI = "VI", "Golongan VI (PPPK)"
    PPPK_VII = "VII", "Golongan VII (PPPK)"
    PPPK_VIII = "VIII", "Golongan VIII (PPPK)"
    PPPK_IX = "IX", "Golongan IX (PPPK)"
    PPPK_X = "X", "Golongan X (PPPK)"
    PPPK_XI = "XI", "Golongan XI (PPPK)"
    PPPK_XII = "XII", "Golongan XII (PPPK)"
    PPPK_XIII = "XIII", "Golongan XIII (PPPK)"
    PPPK_XIV = "XIV", "Golongan XIV (PPPK)"
    PPPK_XV = "XV", "Golongan XV (PPPK)"
    PPPK_XVI = "XVI", "Golongan XVI (PPPK)"
    PPPK_XVII = "XVII", "Golongan XVII (PPPK)"


def nama_pangkat(golongan: str) -> str:
    """ "Penata Muda" for "III/a"; empty for PPPK, whose golongan has no pangkat name."""
    label = Golongan(golongan).label
    return "" if "PPPK" in label else label.rsplit(" (", 1)[0]


_KODE = {g.value.lower(): g.value for g in Golongan}
_NAMA = {nama_pangkat(g.value).lower(): g.value for g in Golongan if nama_pangkat(g.value)}
_DALAM_KURUNG = re.compile(r"\(([^)]*)\)")


def adalah_golongan_pns(golongan: str) -> bool:
    """III/a is a PNS ruang; IX is a PPPK golongan."""
    return "/" in golongan


# "Penata Muda Tk. I", "Penata Muda Tkt I", "Penata Muda Tk.I" as kepegawaian files write them.
_TINGKAT = re.compile(r"\btkt?\.?\s*(?=i\b)")


def baca_golongan(teks: object) -> str | None:
    """Reads a golongan as people write it: "III/a", "iii/A", "III-a", "Penata Muda",
    "Penata Muda (III/a)", "Penata Muda, III/a", "Penata Muda Tk. I", "PPPK IX", "IX".
    None when unknown."""
    if teks is None:
        return None
    nilai = " ".join(str(teks).split()).strip().lower()
    if not nilai:
        return None
    nilai = _TINGKAT.sub("tingkat ", nilai)
    nilai = nilai.replace("golongan ", "").replace("gol. ", "").replace("gol ", "")
    calon = [nilai, nilai.replace("pppk", "").strip()]
    calon += _DALAM_KURUNG.findall(nilai)
    calon += [bagian.strip() for bagian in re.split(r"[,;]", nilai)]
    calon.append(_DALAM_KURUNG.sub("", nilai).strip(" ,;"))
    for c in calon:
        c = c.strip().replace(" ", "").replace("-", "/") if "/" in c or "-" in c else c.strip()
        if c in _KODE:
            return _KODE[c]
        if c in _NAMA:
            return _NAMA[c]
    return None
