"""Indicator quality as read from the SKP data: the analysis of a saved indicator (or of a form
being typed), the per-RHK summary, and the two audit checks of the seeds: an indicator that
nearly repeats a colleague's in the same unit and year, and an SKP copied unchanged from the
pegawai's previous year.

The per-indicator checks work on objects already loaded by the SKP page (no queries); the audit
checks are two or three queries each, whatever the size of the unit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from indikator.analisis import HasilAnalisis, analisis
from indikator.teks import kata_kunci, normalisasi
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp, StatusSkp
from skp.target import tampil_angka

NAMA_BULAN = (
    "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
).split()

# Above this Jaccard similarity of content words two indicators say the same thing.
AMBANG_MIRIP = 0.8


def teks_target(
    target_min: Decimal | str | None,
    target_maks: Decimal | str | None = None,
    target_tanggal: date | str | None = None,
) -> str | None:
    """The target as the analyser reads it: "95", "90 - 100", "31 Maret 2026". None when no
    target was given at all, so that the analyser says nothing about it (the form already
    asks for a target; the check is about the indicator's wording)."""
    if isinstance(target_tanggal, str):
        try:
            target_tanggal = date.fromisoformat(target_tanggal.strip())
        except ValueError:
            target_tanggal = None
    bagian = []
    for nilai in (target_min, target_maks):
        if isinstance(nilai, Decimal):
            bagian.append(tampil_angka(nilai))
        elif nilai and str(nilai).strip():
            bagian.append(str(nilai).strip()[:30])
    teks = " - ".join(bagian)
    if target_tanggal is not None:
        tanggal = f"{target_tanggal.day} {NAMA_BULAN[target_tanggal.month - 1]}"
        teks = f"{teks} {tanggal} {target_tanggal.year}".strip()
    return teks or None


def analisis_isian(data: Mapping[str, object]) -> HasilAnalisis | None:
    """Analyse what the indicator form holds (posted or initial). None while the indicator
    text is still empty: nothing to say yet."""
    uraian = normalisasi(str(data.get("uraian") or ""))[:2000]
    if not uraian:
        return None
    target = teks_target(
        data.get("target_min"),  # type: ignore[arg-type]
        data.get("target_maks"),  # type: ignore[arg-type]
        data.get("target_tanggal"),  # type: ignore[arg-type]
    )
    satuan = str(data.get("satuan") or "").strip()[:50]
    return analisis(
        uraian,
        target=target,
        # An empty satuan only matters next to a number.
        satuan=satuan if (satuan or target) else None,
        aspek=str(data.get("aspek") or "").strip()[:20] or None,
    )


@lru_cache(maxsize=20_000)
def _analisis_teks(
    uraian: str, target: str | None, satuan: str | None, aspek: str | None
) -> HasilAnalisis:
    """`analisis` is a pure function of its text arguments (its vocabulary is fixed data), so the
    same indicator needs it once per process, not once per page view: an SKP page shows 15."""
    return analisis(uraian, target=target, satuan=satuan, aspek=aspek)


def analisis_indikator(ind: IndikatorKinerja) -> HasilAnalisis:
    """The analysis of a saved indicator, kept on the object for the rest of the request."""
    hasil = getattr(ind, "_analisis", None)
    if hasil is None:
        target = teks_target(ind.target_min, ind.target_maks, ind.target_tanggal)
        hasil = _analisis_teks(
            ind.uraian,
            target,
            ind.satuan if (ind.satuan or target) else None,
            ind.aspek or None,
        )
        ind._analisis = hasil
    return hasil


@dataclass(frozen=True)
class RingkasanRhk:
    jumlah: int
    terukur: int

    @property
    def semua_terukur(self) -> bool:
        return self.jumlah > 0 and self.terukur == self.jumlah


def ringkasan_rhk(rhk: RencanaHasilKerja) -> RingkasanRhk:
    """How many indicators of an RHK are measurable (uses the prefetched indicators)."""
    daftar = list(rhk.indikator.all())
    return RingkasanRhk(len(daftar), sum(analisis_indikator(i).terukur for i in daftar))


# --- overlap with colleagues ----------------------------------------------------------------


@dataclass(frozen=True)
class IndikatorRekan:
    pk: int
    uraian: str
    pegawai_nama: str
    skp_id: int
    kemiripan: float

    @property
    def persen(self) -> int:
        return round(self.kemiripan * 100)


@dataclass
class Mirip:
    """One indicator of the SKP and the colleagues' indicators that say nearly the same."""

    indikator: IndikatorKinerja
    rekan: list[IndikatorRekan] = field(default_factory=list)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _unit_kerja_id(skp: Skp) -> int | None:
    jabatan = skp.pegawai.jabatan if skp.pegawai.jabatan_id else None
    return jabatan.unit_kerja_id if jabatan is not None else None


def _indikator_skp(skp: Skp) -> list[IndikatorKinerja]:
    """The SKP's indicators, from the prefetch when the page made one."""
    cache = getattr(skp, "_prefetched_objects_cache", {})
    if "rhk" in cache:
        return [i for r in skp.rhk.all() for i in r.indikator.all()]
    return list(IndikatorKinerja.objects.filter(rhk__skp=skp).order_by("rhk__urutan", "pk"))


def indikator_mirip(skp: Skp, ambang: float = AMBANG_MIRIP) -> list[Mirip]:
    """Indicators of `skp` that nearly repeat (kemiripan >= ambang) an indicator of another
    pegawai whose position is in the same unit kerja, in an SKP of the same year that has not
    been replaced. One query for the colleagues' indicators; the comparison is in Python on
    precomputed content-word sets (a unit rarely has more than a few hundred indicators)."""
    unit_id = _unit_kerja_id(skp)
    milik = [i for i in _indikator_skp(skp) if i.uraian.strip()]
    if unit_id is None or not milik:
        return []
    rekan = (
        IndikatorKinerja.objects.filter(
            rhk__skp__tahun=skp.tahun,
            rhk__skp__pegawai__jabatan__unit_kerja_id=unit_id,
        )
        .exclude(rhk__skp__status=StatusSkp.DIGANTI)
        .exclude(rhk__skp__pegawai_id=skp.pegawai_id)
        .values_list("pk", "uraian", "rhk__skp__pegawai_nama", "rhk__skp_id")
    )
    kunci_rekan = [(r, frozenset(kata_kunci(r[1]))) for r in rekan]
    hasil = []
    for ind in milik:
        kunci = frozenset(kata_kunci(ind.uraian))
        if not kunci:
            continue
        temuan = [
            IndikatorRekan(pk, uraian, nama, skp_id, nilai)
            for (pk, uraian, nama, skp_id), k in kunci_rekan
            if k and (nilai := _jaccard(kunci, k)) >= ambang
        ]
        if temuan:
            temuan.sort(key=lambda r: -r.kemiripan)
            hasil.append(Mirip(ind, temuan))
    return hasil


# --- copied unchanged from last year --------------------------------------------------------


def kunci_butir(
    rhk_uraian: str,
    uraian: str,
    target_min: Decimal | None,
    target_maks: Decimal | None,
    target_tanggal: date | None,
    satuan: str,
) -> tuple:
    """What makes two items "the same" from one year to the next: RHK and indicator text with
    spacing, case and commas ignored, the same target numbers and satuan, and a deadline on the
    same day and month (its year moves with the SKP)."""

    def polos(teks: str) -> str:  # cheap on purpose: the report runs this 200,000 times
        return " ".join(teks.lower().replace(",", " ").split())

    def angka(nilai: Decimal | None) -> str:
        return "" if nilai is None else str(nilai.normalize())

    hari = f"{target_tanggal:%m-%d}" if target_tanggal else ""
    return (polos(rhk_uraian), polos(uraian), angka(target_min), angka(target_maks), hari,
            polos(satuan))  # fmt: skip


def _butir(skp_id: int) -> list[tuple]:
    baris = IndikatorKinerja.objects.filter(rhk__skp_id=skp_id).values_list(
        "rhk__uraian", "uraian", "target_min", "target_maks", "target_tanggal", "satuan"
    )
    return [kunci_butir(*b) for b in baris]


@dataclass(frozen=True)
class Salinan:
    skp_lalu: Skp
    sama: int  # indicators of this SKP identical to one of last year
    jumlah: int  # indicators of this SKP
    jumlah_lalu: int  # indicators of last year's SKP

    @property
    def utuh(self) -> bool:
        """Every item of last year's SKP is here unchanged, and nothing else."""
        return self.jumlah > 0 and self.sama == self.jumlah == self.jumlah_lalu


def skp_disalin_utuh(skp: Skp) -> Salinan | None:
    """Compare with the pegawai's SKP of the previous year (the current version, not a replaced
    one). None when there is none or nothing of this SKP is the same; otherwise how many
    indicators (RHK text, indicator text, target and satuan) are unchanged, and `utuh` when
    the whole SKP is."""
    lalu = (
        Skp.objects.filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun - 1)
        .exclude(status=StatusSkp.DIGANTI)
        .order_by("-versi")
        .first()
    )
    if lalu is None:
        return None
    kini, dulu = _butir(skp.pk), _butir(lalu.pk)
    if not kini:
        return None
    sisa = list(dulu)
    sama = 0
    for b in kini:
        if b in sisa:
            sisa.remove(b)
            sama += 1
    if not sama:
        return None
    return Salinan(lalu, sama, len(kini), len(dulu))
