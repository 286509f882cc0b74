"""The indicator-quality report of an instansi for a year, for the training unit: per Perangkat
Daerah the share of indicators judged measurable, the most common findings across the
instansi, the indicators nearly the same as a colleague's, and the SKPs copied unchanged from
the previous year; the same figures per unit kerja inside each OPD (bidang, seksi, ...), each
unit counting its sub-units, so the training unit sees where inside an OPD to help; and for
each finding the indicators behind it (`indikator_bertemuan`).

"Terukur" is the analyser's verdict: an indicator with no heavy finding. So the findings are
counted in two kinds that agree with it: heavy ones (`temuan`: why an indicator is not
measurable; every indicator not measurable has at least one) and light ones (`saran`: advice
that a measurable indicator may still get). A code is counted once per indicator, in the kind
the analyser gave it there ("aktivitas" is heavy for "Melaksanakan rapat" and only advice for a
counted activity with a result criterion).

Three queries whatever the size (the year's indicators, last year's, the units); everything
else runs in Python on those rows. Each distinct (indicator, target, satuan, aspek) is analysed
once per process and each distinct indicator text split into content words once
(`_analisis_ringkas` and `_kata_kunci` are memoised: the same wording repeats a lot across
pegawai). The finished report, unit tree and drill-down included, is kept in Django's cache
under a fingerprint of the year's SKPs (count, last change, sum of revisions), so it is rebuilt
only after somebody edits an SKP, and every drill-down page is read from the same entry.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from indikator.analisis import analisis
from indikator.selectors import AMBANG_MIRIP, kunci_butir, teks_target
from indikator.teks import kata_kunci
from organisasi.models import Instansi, UnitKerja
from skp.models import IndikatorKinerja, Skp, StatusSkp

# Short Indonesian names of the finding codes, for tables (the full messages are per indicator).
# Every code of indikator/data/temuan.json has one (a test checks): a code is never shown.
LABEL_TEMUAN = {
    "kosong": "Indikator kosong",
    "normatif": "Ungkapan normatif (mis. 'dengan baik')",
    "kabur": "Hanya arah perbaikan, tanpa ukuran",
    "aktivitas": "Kegiatan, bukan hasil kerja",
    "tanpa_ukuran": "Tidak ada ukuran",
    "target_kosong": "Target kosong",
    "target_tidak_terukur": "Target bukan angka atau skala",
    "satuan_kosong": "Satuan kosong",
    "satuan_tidak_sesuai": "Satuan tidak sesuai ukuran",
    "aspek_tidak_sesuai": "Aspek tidak sesuai target",
    "aspek_tidak_dikenal": "Aspek tidak dikenal",
    "tanpa_batas_waktu": "Batas waktu tidak jelas",
    "ganda": "Dua hasil dalam satu indikator",
    "dua_ukuran": "Dua ukuran untuk satu keluaran",
    "persentase_kabur": "Persentase tanpa pembilang dan penyebut",
    "rentang_terbalik": "Rentang target terbalik",
    "target_tidak_realistis": "Target tidak realistis",
}
# Where a light finding says something milder than the code's name.
LABEL_SARAN = {
    "aktivitas": "Hasil hanya tersirat: sebutkan keluarannya",
}
CACHE_DETIK = 60 * 60
TANPA_UNIT = "Tanpa unit kerja"


@lru_cache(maxsize=200_000)
def _analisis_ringkas(
    uraian: str,
    target_min: Decimal | None,
    target_maks: Decimal | None,
    target_tanggal: date | None,
    satuan: str,
    aspek: str,
) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """Measurable or not, the heavy and the light finding codes, of one indicator as stored
    (the same arguments as `indikator.selectors.analisis_indikator` reads from the object)."""
    target = teks_target(target_min, target_maks, target_tanggal)
    hasil = analisis(
        uraian, target=target, satuan=satuan if (satuan or target) else None, aspek=aspek or None
    )
    berat = tuple(dict.fromkeys(t.kode for t in hasil.temuan if t.berat))
    ringan = tuple(
        dict.fromkeys(t.kode for t in hasil.temuan if not t.berat and t.kode not in berat)
    )
    return hasil.terukur, berat, ringan


def label_temuan(kode: str, *, berat: bool = True) -> str:
    """The Indonesian name of a finding, never its code."""
    if not berat and kode in LABEL_SARAN:
        return LABEL_SARAN[kode]
    return LABEL_TEMUAN.get(kode) or "Temuan lain"


@lru_cache(maxsize=200_000)
def _kata_kunci(uraian: str) -> frozenset[str]:
    """The content words `indikator.selectors.indikator_mirip` compares."""
    return frozenset(kata_kunci(uraian))


def _teratas(temuan: Counter[str], n: int, *, berat: bool = True) -> list[tuple[str, str, int]]:
    """(kode, label, jumlah) of the n most common findings; ties in code order, so the page
    does not reshuffle between two builds of the same data."""
    urut = sorted(temuan.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return [(k, label_temuan(k, berat=berat), jumlah) for k, jumlah in urut]


@dataclass
class BarisUnit:
    unit_id: int | None
    nama: str
    kode: str = ""
    indikator: int = 0
    terukur: int = 0
    jumlah_pegawai: int = 0  # pegawai with at least one indicator this year
    mirip: int = 0  # indicators nearly the same as a colleague's in the same unit and year
    temuan: Counter[str] = field(default_factory=Counter)  # heavy: why not measurable
    saran: Counter[str] = field(default_factory=Counter)  # light: advice, also when measurable

    @property
    def tidak_terukur(self) -> int:
        return self.indikator - self.terukur

    @property
    def persen_terukur(self) -> float:
        return round(100 * self.terukur / self.indikator, 1) if self.indikator else 0.0

    @property
    def temuan_utama(self) -> tuple[str, str, int] | None:
        """The most common reason for an indicator not to be measurable (None when all are)."""
        teratas = _teratas(self.temuan, 1)
        return teratas[0] if teratas else None

    @property
    def temuan_teratas(self) -> list[tuple[str, str, int]]:
        return _teratas(self.temuan, 10)

    @property
    def saran_teratas(self) -> list[tuple[str, str, int]]:
        return _teratas(self.saran, 10, berat=False)


@dataclass(frozen=True)
class RincianUnit:
    """One unit of the drill-down: its own figures (sub-units included), the way up to its
    OPD, and the rows below it."""

    baris: BarisUnit
    jalur: list[tuple[int, str]]  # (unit id, nama) from the OPD down to the parent
    sub_unit: list[BarisUnit]  # the direct sub-units that have indicators
    langsung: BarisUnit | None  # positions placed on the unit itself, when it has any


@dataclass
class Laporan:
    instansi: Instansi
    tahun: int
    unit: list[BarisUnit]  # per OPD (and "Tanpa unit kerja")
    temuan: list[tuple[str, str, int]]  # heavy: (kode, label, jumlah indikator), most common first
    disalin: list[tuple[int, str]]  # (skp id, nama pegawai) copied unchanged from last year
    saran: list[tuple[str, str, int]] = field(default_factory=list)  # light, the same way
    indikator: int = 0
    terukur: int = 0
    mirip: int = 0
    # Every unit of the instansi: (parent in the tree, nama, kode); a cycle in the data is cut.
    pohon: dict[int, tuple[int | None, str, str]] = field(default_factory=dict)
    rinci: dict[int, BarisUnit] = field(default_factory=dict)  # sub-units included
    langsung: dict[int, BarisUnit] = field(default_factory=dict)  # the unit's own positions
    sidik: str = ""  # the cache key it was stored under (the drill-down's lists hang off it)

    @property
    def tidak_terukur(self) -> int:
        return self.indikator - self.terukur

    @property
    def persen_terukur(self) -> float:
        return round(100 * self.terukur / self.indikator, 1) if self.indikator else 0.0

    def rincian(self, unit_id: int) -> RincianUnit | None:
        """The drill-down of one unit; None when the unit is not of this instansi."""
        if unit_id not in self.pohon:
            return None
        induk, nama, kode = self.pohon[unit_id]
        jalur: list[tuple[int, str]] = []
        while induk is not None and len(jalur) < len(self.pohon):
            jalur.append((induk, self.pohon[induk][1]))
            induk = self.pohon[induk][0]
        anak = [b for u, b in self.rinci.items() if self.pohon[u][0] == unit_id]
        anak.sort(key=lambda b: (b.kode, b.nama))
        return RincianUnit(
            baris=self.rinci.get(unit_id) or BarisUnit(unit_id, nama, kode),
            jalur=jalur[::-1],
            sub_unit=anak,
            langsung=self.langsung.get(unit_id),
        )


def _kolom() -> tuple[str, ...]:
    return (
        "rhk__skp_id",
        "rhk__skp__pegawai_id",
        "rhk__skp__pegawai_nama",
        "rhk__skp__pegawai__jabatan__unit_kerja_id",
        "rhk__uraian",
        "uraian",
        "target_min",
        "target_maks",
        "target_tanggal",
        "satuan",
        "aspek",
    )


def _sidik(instansi: Instansi, tahun: int) -> str:
    """Changes whenever an SKP of the year (or the year before) is added, removed or edited."""
    agregat = (
        Skp.objects.filter(instansi=instansi, tahun__in=(tahun, tahun - 1))
        .exclude(status=StatusSkp.DIGANTI)
        .aggregate(n=Count("pk"), ubah=Max("diubah"), revisi=Sum("revisi"), maks=Max("pk"))
    )
    teks = f"{instansi.pk}:{tahun}:{sorted(agregat.items())}"
    # v3: findings split into heavy and light; an older entry has another shape.
    return "indikator:laporan:v3:" + hashlib.sha1(teks.encode()).hexdigest()


def laporan_indikator(instansi: Instansi, tahun: int, *, pakai_cache: bool = True) -> Laporan:
    kunci = _sidik(instansi, tahun)
    if pakai_cache:
        simpan = cache.get(kunci)
        if simpan is not None:
            return simpan
    hasil = hitung_laporan(instansi, tahun)
    hasil.sidik = kunci
    if pakai_cache:
        cache.set(kunci, hasil, CACHE_DETIK)
    return hasil


def _opd(unit: dict[int, tuple[int | None, str, str]]) -> dict[int, int]:
    """Each unit's Perangkat Daerah: its top-level ancestor (cycle-safe)."""
    puncak: dict[int, int] = {}
    for awal in unit:
        jalan: list[int] = []
        u = awal
        while True:
            if u in puncak:
                atas = puncak[u]
                break
            jalan.append(u)
            induk = unit[u][0]
            if induk is None or induk not in unit or induk in jalan:
                atas = u
                break
            u = induk
        for j in jalan:
            puncak[j] = atas
    return puncak


def _pohon(unit: dict[int, tuple[int | None, str, str]]) -> dict[int, tuple[int | None, str, str]]:
    """The unit tree with every chain ending at its OPD: a unit whose parent is missing, or
    which closes a cycle, becomes a top-level unit (as `_opd` treats it)."""
    opd = _opd(unit)
    return {u: (None if opd[u] == u else induk, nama, kode)
            for u, (induk, nama, kode) in unit.items()}  # fmt: skip


def _jumlah_mirip(butir: Iterable[tuple[int, str]], ambang: float = AMBANG_MIRIP) -> int:
    """How many of a unit's indicators (pegawai id, text) are nearly the same (Jaccard of
    content words >= ambang) as an indicator of another pegawai of the unit: the count of
    what `indikator.selectors.indikator_mirip` flags, summed over the unit's SKPs.

    Indicators with the same content words form one group. A group is flagged when the
    groups similar to it (itself included) hold indicators of two pegawai or more. Similar
    groups are found by prefix filtering (each group indexed under its rarest words; two sets
    with Jaccard >= t share one of their first n - ceil(t*n) + 1 words), so a unit of a few
    thousand indicators is not compared pair by pair.
    """
    kelompok: dict[frozenset[str], list[int]] = defaultdict(list)
    for pegawai_id, uraian in butir:
        kunci = _kata_kunci(uraian)
        if kunci:
            kelompok[kunci].append(pegawai_id)
    himpunan = list(kelompok)
    pemilik = [set(kelompok[k]) for k in himpunan]
    bersama = [set(p) for p in pemilik]  # pegawai of the similar groups
    frekuensi = Counter(kata for k in himpunan for kata in k)
    indeks: dict[str, list[int]] = defaultdict(list)
    for i, kunci in enumerate(himpunan):
        kata = sorted(kunci, key=lambda w: (frekuensi[w], w))
        awalan = kata[: len(kata) - math.ceil(ambang * len(kata) - 1e-9) + 1]
        calon = {j for w in awalan for j in indeks[w]}
        for j in calon:
            lain = himpunan[j]
            if len(kunci & lain) / len(kunci | lain) >= ambang:
                bersama[i] |= pemilik[j]
                bersama[j] |= pemilik[i]
        for w in awalan:
            indeks[w].append(i)
    return sum(len(kelompok[k]) for k, p in zip(himpunan, bersama, strict=True) if len(p) >= 2)


def hitung_laporan(instansi: Instansi, tahun: int) -> Laporan:
    berlaku = IndikatorKinerja.objects.exclude(rhk__skp__status=StatusSkp.DIGANTI)
    baris = berlaku.filter(rhk__skp__instansi=instansi, rhk__skp__tahun=tahun).values_list(
        *_kolom()
    )
    unit = {
        u: (induk, nama, kode)
        for u, induk, nama, kode in UnitKerja.objects.filter(instansi=instansi).values_list(
            "id", "induk_id", "nama", "kode"
        )
    }
    pohon = _pohon(unit)

    # First per unit of the position (None: no position, or a unit outside the instansi).
    langsung: dict[int | None, BarisUnit] = {}
    pegawai: dict[int | None, set[int]] = defaultdict(set)
    teks_unit: dict[int, list[tuple[int, str]]] = defaultdict(list)
    butir_kini: dict[int, list[tuple]] = defaultdict(list)
    pemilik: dict[int, tuple[int, str]] = {}
    for (
        skp_id,
        pegawai_id,
        nama,
        unit_id,
        rhk_uraian,
        uraian,
        tmin,
        tmaks,
        tgl,
        satuan,
        aspek,
    ) in baris:
        terukur, berat, ringan = _analisis_ringkas(uraian, tmin, tmaks, tgl, satuan, aspek)
        u = unit_id if unit_id in pohon else None
        b = langsung.get(u)
        if b is None:
            _, nama_unit, kode_unit = pohon.get(u, (None, TANPA_UNIT, ""))
            b = langsung[u] = BarisUnit(u, nama_unit, kode_unit)
        b.indikator += 1
        b.terukur += terukur
        b.temuan.update(berat)
        b.saran.update(ringan)
        pegawai[u].add(pegawai_id)
        if unit_id is not None:
            teks_unit[unit_id].append((pegawai_id, uraian))
        butir_kini[skp_id].append(kunci_butir(rhk_uraian, uraian, tmin, tmaks, tgl, satuan))
        pemilik[skp_id] = (pegawai_id, nama)

    # The overlap check compares within the unit of the position, as on the SKP page.
    for unit_id, butir in teks_unit.items():
        langsung[unit_id if unit_id in pohon else None].mirip += _jumlah_mirip(butir)

    # Then each unit with everything below it.
    rinci: dict[int, BarisUnit] = {}
    pegawai_rinci: dict[int, set[int]] = defaultdict(set)
    for u, b in langsung.items():
        b.jumlah_pegawai = len(pegawai[u])
        atas = u
        while atas is not None:
            r = rinci.get(atas)
            if r is None:
                _, nama_unit, kode_unit = pohon[atas]
                r = rinci[atas] = BarisUnit(atas, nama_unit, kode_unit)
            r.indikator += b.indikator
            r.terukur += b.terukur
            r.mirip += b.mirip
            r.temuan.update(b.temuan)
            r.saran.update(b.saran)
            pegawai_rinci[atas] |= pegawai[u]
            atas = pohon[atas][0]
    for u, r in rinci.items():
        r.jumlah_pegawai = len(pegawai_rinci[u])

    per_opd = [r for u, r in rinci.items() if pohon[u][0] is None]
    if None in langsung:
        per_opd.append(langsung[None])
    temuan: Counter[str] = Counter()
    saran: Counter[str] = Counter()
    for b in langsung.values():
        temuan.update(b.temuan)
        saran.update(b.saran)
    disalin = _disalin(tahun, butir_kini, pemilik) if butir_kini else []
    return Laporan(
        instansi=instansi,
        tahun=tahun,
        unit=sorted(per_opd, key=lambda b: (b.unit_id is None, b.kode, b.nama)),
        temuan=_teratas(temuan, 10),
        saran=_teratas(saran, 10, berat=False),
        disalin=disalin,
        indikator=sum(b.indikator for b in langsung.values()),
        terukur=sum(b.terukur for b in langsung.values()),
        mirip=sum(b.mirip for b in langsung.values()),
        pohon=pohon,
        rinci=rinci,
        langsung={u: b for u, b in langsung.items() if u is not None},
    )


def _disalin(
    tahun: int, butir_kini: dict[int, list[tuple]], pemilik: dict[int, tuple[int, str]]
) -> list[tuple[int, str]]:
    """SKPs whose items equal, as a whole, the same pegawai's SKP of the previous year."""
    pegawai = {p for p, _ in pemilik.values()}
    lalu: dict[int, list[tuple]] = defaultdict(list)
    for pegawai_id, rhk_uraian, uraian, tmin, tmaks, tgl, satuan in (
        IndikatorKinerja.objects.exclude(rhk__skp__status=StatusSkp.DIGANTI)
        .filter(rhk__skp__tahun=tahun - 1, rhk__skp__pegawai_id__in=pegawai)
        .values_list(
            "rhk__skp__pegawai_id",
            "rhk__uraian",
            "uraian",
            "target_min",
            "target_maks",
            "target_tanggal",
            "satuan",
        )
    ):
        lalu[pegawai_id].append(kunci_butir(rhk_uraian, uraian, tmin, tmaks, tgl, satuan))
    hasil = []
    for skp_id, butir in butir_kini.items():
        pegawai_id, nama = pemilik[skp_id]
        dulu = lalu.get(pegawai_id)
        if dulu and sorted(dulu) == sorted(butir):
            hasil.append((skp_id, nama))
    return sorted(hasil, key=lambda s: s[1])


# --- the indicators behind one finding -----------------------------------------------------------


def unit_dan_bawahnya(pohon: dict[int, tuple[int | None, str, str]], unit_id: int) -> set[int]:
    """The unit and every unit below it in the report's (cycle-cut) tree."""
    anak: dict[int, list[int]] = defaultdict(list)
    for u, (induk, _, _) in pohon.items():
        if induk is not None:
            anak[induk].append(u)
    hasil = {unit_id}
    lapis = [unit_id]
    while lapis:
        lapis = [a for u in lapis for a in anak[u] if a not in hasil]
        hasil.update(lapis)
    return hasil


def indikator_bertemuan(
    laporan: Laporan, kode: str, *, berat: bool, unit_id: int | None = None
) -> list[int]:
    """Ids of the indicators the report counted under finding `kode` of that kind (heavy or
    light), in the unit with its sub-units (None: the whole instansi), ordered by pegawai, SKP,
    RHK and indicator. The same rows and the same memoised analysis as the report, so the list
    is exactly as long as the count it opens; one query, then kept in the cache beside the
    report (a page of the list then costs only the query for its rows)."""
    kunci = f"{laporan.sidik}:temuan:{kode}:{int(berat)}:{unit_id or ''}"
    if laporan.sidik:
        simpan = cache.get(kunci)
        if simpan is not None:
            return simpan
    qs = IndikatorKinerja.objects.exclude(rhk__skp__status=StatusSkp.DIGANTI).filter(
        rhk__skp__instansi=laporan.instansi, rhk__skp__tahun=laporan.tahun
    )
    if unit_id is not None:
        # As the report places them: by the unit of the pegawai's position.
        qs = qs.filter(
            rhk__skp__pegawai__jabatan__unit_kerja_id__in=unit_dan_bawahnya(laporan.pohon, unit_id)
        )
    baris = qs.order_by(
        "rhk__skp__pegawai_nama", "rhk__skp_id", "-rhk__jenis", "rhk__urutan", "pk"
    ).values_list("pk", "uraian", "target_min", "target_maks", "target_tanggal", "satuan", "aspek")
    kolom = 1 if berat else 2
    hasil = [pk for pk, *isi in baris if kode in _analisis_ringkas(*isi)[kolom]]
    if laporan.sidik:
        cache.set(kunci, hasil, CACHE_DETIK)
    return hasil
