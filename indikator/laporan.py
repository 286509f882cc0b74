"""The indicator-quality report of an instansi for a year, for the training unit: per Perangkat
Daerah the share of indicators judged measurable, the most common findings across the
instansi, and the SKPs copied unchanged from the previous year.

Three queries whatever the size (the year's indicators, last year's, the units); the analysis
runs in Python. Each distinct (indicator, target, satuan, aspek) is analysed once per process
(`_analisis_ringkas` is memoised: the same wording repeats a lot across pegawai), and the
finished report is kept in Django's cache under a fingerprint of the year's SKPs (count, last
change, sum of revisions), so it is rebuilt only after somebody edits an SKP.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from indikator.analisis import analisis
from indikator.selectors import kunci_butir, teks_target
from organisasi.models import Instansi, UnitKerja
from skp.models import IndikatorKinerja, Skp, StatusSkp

# Short Indonesian names of the finding codes, for tables (the full messages are per indicator).
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
    "rentang_terbalik": "Rentang target terbalik",
    "target_tidak_realistis": "Target tidak realistis",
}
CACHE_DETIK = 60 * 60


@lru_cache(maxsize=200_000)
def _analisis_ringkas(
    uraian: str,
    target_min: Decimal | None,
    target_maks: Decimal | None,
    target_tanggal: date | None,
    satuan: str,
    aspek: str,
) -> tuple[bool, tuple[str, ...]]:
    """Measurable or not, and the finding codes, of one indicator as stored (the same
    arguments as `indikator.selectors.analisis_indikator` reads from the object)."""
    target = teks_target(target_min, target_maks, target_tanggal)
    hasil = analisis(
        uraian, target=target, satuan=satuan if (satuan or target) else None, aspek=aspek or None
    )
    return hasil.terukur, tuple(t.kode for t in hasil.temuan)


@dataclass
class BarisUnit:
    unit_id: int | None
    nama: str
    kode: str = ""
    indikator: int = 0
    terukur: int = 0
    pegawai: set[int] = field(default_factory=set)

    @property
    def persen_terukur(self) -> float:
        return round(100 * self.terukur / self.indikator, 1) if self.indikator else 0.0

    @property
    def jumlah_pegawai(self) -> int:
        return len(self.pegawai)


@dataclass
class Laporan:
    instansi: Instansi
    tahun: int
    unit: list[BarisUnit]
    temuan: list[tuple[str, str, int]]  # (kode, label, jumlah indikator), most common first
    disalin: list[tuple[int, str]]  # (skp id, nama pegawai) copied unchanged from last year
    indikator: int = 0
    terukur: int = 0

    @property
    def persen_terukur(self) -> float:
        return round(100 * self.terukur / self.indikator, 1) if self.indikator else 0.0


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
    return "indikator:laporan:v1:" + hashlib.sha1(teks.encode()).hexdigest()


def laporan_indikator(instansi: Instansi, tahun: int, *, pakai_cache: bool = True) -> Laporan:
    kunci = _sidik(instansi, tahun)
    if pakai_cache:
        simpan = cache.get(kunci)
        if simpan is not None:
            return simpan
    hasil = hitung_laporan(instansi, tahun)
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
    opd = _opd(unit)

    per_unit: dict[int | None, BarisUnit] = {}
    temuan: Counter[str] = Counter()
    butir_kini: dict[int, list[tuple]] = defaultdict(list)
    pemilik: dict[int, tuple[int, str]] = {}
    total = terukur_total = 0
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
        terukur, kode = _analisis_ringkas(uraian, tmin, tmaks, tgl, satuan, aspek)
        atas = opd.get(unit_id) if unit_id is not None else None
        b = per_unit.get(atas)
        if b is None:
            _, nama_unit, kode_unit = unit.get(atas, (None, "Tanpa unit kerja", ""))
            b = per_unit[atas] = BarisUnit(atas, nama_unit, kode_unit)
        b.indikator += 1
        b.terukur += terukur
        b.pegawai.add(pegawai_id)
        total += 1
        terukur_total += terukur
        temuan.update(kode)
        butir_kini[skp_id].append(kunci_butir(rhk_uraian, uraian, tmin, tmaks, tgl, satuan))
        pemilik[skp_id] = (pegawai_id, nama)

    disalin = _disalin(tahun, butir_kini, pemilik) if butir_kini else []
    return Laporan(
        instansi=instansi,
        tahun=tahun,
        unit=sorted(per_unit.values(), key=lambda b: (b.unit_id is None, b.kode, b.nama)),
        temuan=[(k, LABEL_TEMUAN.get(k, k), n) for k, n in temuan.most_common(10)],
        disalin=disalin,
        indikator=total,
        terukur=terukur_total,
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
