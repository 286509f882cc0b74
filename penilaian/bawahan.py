"""Read queries of the Penilaian Bawahan page: every pegawai a penilai evaluates in a period, and
(after the deadline) the bawahan of their penilai who missed it, each with the state of their
realisasi, target vs realisasi per RHK, the umpan balik the rating needs and the ratings.

A fixed number of queries however many bawahan: who evaluates whom is resolved for all
candidates at once (organisasi.selectors.penilai_per_pegawai, as the SKP Kotak Masuk does), and
SKP, realisasi, bukti dukung and umpan balik are loaded in bulk."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from core.hari_kerja import selisih_hari_kerja
from organisasi.models import Pegawai, PenugasanSementara
from organisasi.selectors import jabatan_dipegang, penilai_per_pegawai
from penilaian import access
from penilaian.kuadran import Predikat, Rating
from penilaian.models import (
    BuktiDukung,
    JenisUmpanBalik,
    MasaTidakDinilai,
    PenilaianPeriodik,
    Periode,
    Realisasi,
    StatusPenilaian,
)
from penilaian.periode import kalender_banyak, libur
from penilaian.selectors import skp_per_pegawai_untuk_periode, tanggal_acuan, umpan_balik_penilai
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp
from skp.selectors import indikator_terurut, pemangku_di_bawah, rhk_terurut
from skp.target import tampil_angka

if TYPE_CHECKING:
    from penilaian.capaian import RatingKepalaUnit

# Two states of a row that are not a PenilaianPeriodik status.
TIDAK_DINILAI = "tidak_dinilai"
TANPA_SKP = "tanpa_skp"
LABEL_KEADAAN = {
    **dict(StatusPenilaian.choices),
    TIDAK_DINILAI: "Tidak dinilai",
    TANPA_SKP: "Belum ada SKP disetujui",
}
# Rows the atasan of a late penilai may still rate (workflow: "nilai_atasan").
STATUS_TERLAMBAT = frozenset({StatusPenilaian.BELUM_DIISI, StatusPenilaian.DIKIRIM})
# At least this many rated rows with one identical pair before the page remarks on it.
MIN_SERAGAM = 3


@dataclass
class BarisIndikator:
    indikator: IndikatorKinerja
    realisasi: Realisasi | None

    @property
    def terisi(self) -> bool:
        r = self.realisasi
        return r is not None and (r.nilai is not None or bool(r.teks.strip()))

    @property
    def capaian(self) -> Decimal | None:
        """Realisasi as a percentage of the target, where both are numbers."""
        target = self.indikator.target_min
        if not self.realisasi or self.realisasi.nilai is None or not target:
            return None
        return (self.realisasi.nilai * 100 / target).quantize(Decimal("0.1"))

    @property
    def tampil_realisasi(self) -> str:
        r = self.realisasi
        if not self.terisi:
            return ""
        if r.nilai is not None:
            return f"{tampil_angka(r.nilai)} {self.indikator.satuan}".strip()
        return r.teks

    @property
    def tampil_capaian(self) -> str:
        return f"{tampil_angka(self.capaian)}%" if self.capaian is not None else ""


@dataclass
class RingkasanRhk:
    nomor: int
    rhk: RencanaHasilKerja
    indikator: list[BarisIndikator]
    bukti: int

    @property
    def terisi(self) -> int:
        return sum(1 for i in self.indikator if i.terisi)

    @property
    def capaian(self) -> str:
        """The lowest and highest capaian of its indicators ("95%", "80–105%"): no average,
        which would hide an indicator far below target (and a Waktu target is better low)."""
        nilai = sorted(i.capaian for i in self.indikator if i.capaian is not None)
        if not nilai:
            return ""
        if nilai[0] == nilai[-1]:
            return f"{tampil_angka(nilai[0])}%"
        return f"{tampil_angka(nilai[0])}–{tampil_angka(nilai[-1])}%"


@dataclass
class BarisBawahan:
    pegawai: Pegawai
    penilaian: PenilaianPeriodik | None
    skp: Skp | None
    masa: MasaTidakDinilai | None
    sebagai: str  # "penilai", or "atasan" (of a penilai who missed the deadline)
    penilai: Pegawai | None = None  # with "atasan": the penilai who missed it
    umpan_balik: set[str] = field(default_factory=set)  # kinds the viewer has given
    rhk: list[RingkasanRhk] = field(default_factory=list)
    batas_kirim: date | None = None  # the pegawai's own extension, when later than the deadline
    sisa_hari_kerja: int = 0  # until the penilai's deadline (negative: passed)
    alasan: str = ""  # why the viewer cannot rate it now ("" = they can)
    # The ratings shown in the row's choices: the saved ones, or those just sent when the save
    # was refused (so a refused choice is not lost).
    pilihan: tuple[str, str] | None = None
    # A unit head: the rating hasil kerja from the capaian of the unit they lead (prefilled).
    rating_unit: "RatingKepalaUnit | None" = None
    # An untouched evaluation made against an SKP no longer in force (the pegawai moved since):
    # the SKP it should follow (services.alur.ikuti_skp_berlaku).
    skp_berlaku: Skp | None = None

    @property
    def keadaan(self) -> str:
        if self.masa is not None:
            return TIDAK_DINILAI
        if self.penilaian is not None:
            return self.penilaian.status
        return TANPA_SKP if self.skp is None else StatusPenilaian.BELUM_DIISI

    @property
    def lewat_hari_kerja(self) -> int:
        return -self.sisa_hari_kerja

    @property
    def menunggu_rating(self) -> bool:
        """Rated by nobody yet while it could be: the deadline concerns it."""
        p = self.penilaian
        return p is not None and p.status in STATUS_TERLAMBAT

    @property
    def label_keadaan(self) -> str:
        if self.masa is not None:
            return f"Tidak dinilai ({self.masa.get_jenis_display()})"
        return LABEL_KEADAAN[self.keadaan]

    @property
    def aksi(self) -> str:
        return "nilai_atasan" if self.sebagai == "atasan" else "nilai"

    @property
    def dapat_dinilai(self) -> bool:
        return self.penilaian is not None and not self.alasan

    @property
    def umpan_balik_hasil_kerja(self) -> bool:
        return JenisUmpanBalik.HASIL_KERJA in self.umpan_balik

    @property
    def umpan_balik_perilaku(self) -> bool:
        return JenisUmpanBalik.PERILAKU in self.umpan_balik

    @property
    def pilihan_hasil_kerja(self) -> str:
        if self.pilihan is not None:
            return self.pilihan[0]
        if self.penilaian and self.penilaian.rating_hasil_kerja:
            return self.penilaian.rating_hasil_kerja
        return self.rating_unit.rating if self.rating_unit else ""

    @property
    def pilihan_perilaku(self) -> str:
        if self.pilihan is not None:
            return self.pilihan[1]
        return self.penilaian.rating_perilaku if self.penilaian else ""

    @property
    def final(self) -> bool:
        return self.penilaian is not None and self.penilaian.oleh_atasan_penilai


@dataclass
class Seragam:
    """Every rated bawahan got the same pair of ratings."""

    jumlah: int
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str

    @property
    def label_hasil_kerja(self) -> str:
        return Rating(self.rating_hasil_kerja).label

    @property
    def label_perilaku(self) -> str:
        return Rating(self.rating_perilaku).label

    @property
    def label_predikat(self) -> str:
        return Predikat(self.predikat).label


@dataclass
class HalamanBawahan:
    periode: Periode
    baris: list[BarisBawahan]  # the viewer is their penilai
    terlambat: list[BarisBawahan]  # their penilai missed the deadline; the viewer is its atasan
    hari_ini: date
    sisa_hari_kerja: int = 0  # until the penilai's deadline (negative: passed)

    @property
    def semua(self) -> list[BarisBawahan]:
        return self.baris + self.terlambat

    def cari(self, penilaian_pk: int) -> BarisBawahan | None:
        return next((b for b in self.semua if b.penilaian and b.penilaian.pk == penilaian_pk), None)

    @property
    def per_keadaan(self) -> list[tuple[str, int]]:
        hitung = Counter(b.keadaan for b in self.baris)
        return [(LABEL_KEADAAN[k], hitung[k]) for k in LABEL_KEADAAN if hitung[k]]

    @property
    def per_predikat(self) -> list[tuple[str, int]]:
        hitung = Counter(b.penilaian.predikat for b in self.baris if b.penilaian)
        return [(label, hitung[k]) for k, label in Predikat.choices if hitung[k]]

    @property
    def seragam(self) -> Seragam | None:
        dinilai = [b.penilaian for b in self.baris if b.penilaian and b.penilaian.predikat]
        pasangan = {(p.rating_hasil_kerja, p.rating_perilaku, p.predikat) for p in dinilai}
        if len(dinilai) < MIN_SERAGAM or len(pasangan) != 1:
            return None
        return Seragam(len(dinilai), *pasangan.pop())

    def pasang(self, dibuat: dict[int, PenilaianPeriodik]) -> None:
        """Puts the evaluations just made (services.bawahan.pastikan_penilaian_banyak) on
        their rows."""
        for b in self.semua:
            row = dibuat.get(b.pegawai.pk)
            if b.penilaian is None and row is not None:
                row.periode, row.pegawai = self.periode, b.pegawai
                b.penilaian, b.skp = row, row.skp

    @property
    def perlu_dialihkan(self) -> list[BarisBawahan]:
        return [b for b in self.semua if b.skp_berlaku is not None]

    @property
    def perlu_dibuat(self) -> dict[int, Skp]:
        """Rows that may be evaluated but have no PenilaianPeriodik yet: pegawai id -> SKP."""
        return {
            b.pegawai.pk: b.skp
            for b in self.semua
            if b.penilaian is None and b.masa is None and b.skp is not None
        }


def _jabatan_dipegang_banyak(pegawai: list[Pegawai], tanggal: date) -> list[int]:
    """Every position these people act in on `tanggal`: their own, and any Plt/Plh in force.
    One query (organisasi.selectors.jabatan_dipegang for many)."""
    plt = PenugasanSementara.objects.filter(
        pegawai__in=pegawai, mulai__lte=tanggal, selesai__gte=tanggal
    ).values_list("jabatan_id", flat=True)
    return [p.jabatan_id for p in pegawai if p.jabatan_id] + list(plt)


def _dinilai_oleh(
    penilai_ids: set[int], bawah: dict[int, int], penilaian_periode, tanggal: date
) -> dict[int, int]:
    """Of the candidates `bawah` (pegawai id -> their superior position) and of the pegawai
    whose evaluation of the period records one of `penilai_ids`: those evaluated by one of
    `penilai_ids`, each with that penilai. The penilai is the one recorded on the evaluation
    (who keeps it when moving inside the window), else the one in force for the position."""
    tercatat = dict(
        penilaian_periode.filter(Q(penilai_id__in=penilai_ids) | Q(pegawai_id__in=bawah))
        .values_list("pegawai_id", "penilai_id")
        .order_by()
    )
    belum = {pid: j for pid, j in bawah.items() if not tercatat.get(pid)}
    penilai = {pid: p.pk for pid, p in penilai_per_pegawai(belum, tanggal).items()}
    penilai.update({pid: p for pid, p in tercatat.items() if p})
    return {pid: p for pid, p in penilai.items() if p in penilai_ids and pid != p}


def _pegawai(ids: set[int]) -> dict[int, Pegawai]:
    if not ids:
        return {}
    return {
        p.pk: p
        for p in Pegawai.objects.filter(pk__in=ids).select_related("jabatan__unit_kerja", "user")
    }


def _terlambat(
    atasan: Pegawai, penilai: dict[int, Pegawai], penilaian_periode, tanggal: date
) -> dict[int, int]:
    """Pegawai whose penilai is one of `penilai` (those the viewer evaluates) and whose atasan
    is the viewer (penilaian.selectors.atasan_penilai): those the viewer rates instead when
    their penilai missed the deadline."""
    atasan_dari = penilai_per_pegawai(
        {p.pk: p.jabatan.atasan_id for p in penilai.values() if p.jabatan_id and p.jabatan.atasan_id},
        tanggal,
    )  # fmt: skip
    ids = {pid for pid, a in atasan_dari.items() if a.pk == atasan.pk}
    if not ids:
        return {}
    bawah = pemangku_di_bawah(_jabatan_dipegang_banyak([penilai[i] for i in ids], tanggal))
    hasil = _dinilai_oleh(ids, bawah, penilaian_periode, tanggal)
    hasil.pop(atasan.pk, None)
    return hasil


def halaman_bawahan(penilai: Pegawai, periode: Periode) -> HalamanBawahan:
    """The rows of the page for `penilai` in `periode` (then `lengkapi` loads what they show,
    once any missing evaluation has been made)."""
    hari_ini = timezone.localdate()
    tanggal = tanggal_acuan(periode, hari_ini)
    penilaian_periode = PenilaianPeriodik.objects.filter(periode=periode)

    # Those the viewer evaluates: below a position they act in, or recorded as theirs.
    bawah = pemangku_di_bawah(jabatan_dipegang(penilai, tanggal))
    bawah.pop(penilai.pk, None)
    dinilai = set(_dinilai_oleh({penilai.pk}, bawah, penilaian_periode, tanggal))
    pegawai = _pegawai(dinilai)
    # After the deadline: the bawahan of those penilai, whom the viewer may now rate instead.
    terlambat: dict[int, int] = {}  # pegawai id -> their penilai who missed the deadline
    if hari_ini > periode.tenggat and pegawai:
        terlambat = {
            pid: p
            for pid, p in _terlambat(penilai, pegawai, penilaian_periode, tanggal).items()
            if pid not in dinilai
        }
        penilai_terlambat = {p: pegawai[p] for p in terlambat.values()}
        pegawai.update(_pegawai(set(terlambat)))

    tercatat = {
        r.pegawai_id: r
        for r in penilaian_periode.filter(pegawai_id__in=pegawai).select_related(
            "skp", "dinilai_oleh"
        )
    }
    # Someone who left keeps what was already recorded; otherwise only active pegawai.
    pegawai = {pid: p for pid, p in pegawai.items() if p.aktif or pid in tercatat}
    baris = _baris(pegawai, periode, tercatat)
    for b in baris:
        if b.pegawai.pk in terlambat:
            b.sebagai, b.penilai = "atasan", penilai_terlambat[terlambat[b.pegawai.pk]]
    return HalamanBawahan(
        periode,
        [b for b in baris if b.sebagai == "penilai"],
        [b for b in baris if b.sebagai == "atasan" and _tersisa(b, penilai)],
        hari_ini,
    )


def _tersisa(b: "BarisBawahan", atasan: Pegawai) -> bool:
    """A row of a late penilai that concerns their atasan: still to be rated, or rated by
    them (final)."""
    if b.masa is not None or b.skp is None:
        return False
    p = b.penilaian
    return (
        p is None
        or p.status in STATUS_TERLAMBAT
        or (p.oleh_atasan_penilai and p.dinilai_oleh_id == atasan.pk)
    )


def _baris(
    pegawai: dict[int, Pegawai],
    periode: Periode,
    tercatat: dict[int, PenilaianPeriodik],
) -> list[BarisBawahan]:
    ids = list(pegawai)
    skp = skp_per_pegawai_untuk_periode(ids, periode) if ids else {}
    masa: dict[int, MasaTidakDinilai] = {}
    if ids:
        for m in (
            MasaTidakDinilai.objects.filter(pegawai_id__in=ids, mulai__lte=periode.selesai)
            .exclude(selesai__lt=periode.mulai)
            .order_by("-mulai")
        ):
            masa.setdefault(m.pegawai_id, m)
    hasil = []
    for p in sorted(pegawai.values(), key=lambda p: (p.nama, p.nip)):
        row = tercatat.get(p.pk)
        berlaku = None
        if row is not None:
            row.periode, row.pegawai = periode, p
            kini = skp.get(p.pk)
            if (
                row.status == StatusPenilaian.BELUM_DIISI
                and not row.penilai_id
                and kini is not None
                and kini.pk != row.skp_id
            ):
                berlaku = kini
        hasil.append(
            BarisBawahan(
                pegawai=p,
                penilaian=row,
                # An evaluation keeps the SKP it was made against.
                skp=row.skp if row is not None else skp.get(p.pk),
                masa=masa.get(p.pk) if row is None else None,
                sebagai="penilai",
                skp_berlaku=berlaku,
            )
        )
    return hasil


def lengkapi(
    halaman: HalamanBawahan, user_id: int, hanya: list[BarisBawahan] | None = None
) -> None:
    """Loads, for all rows at once (or only those in `hanya`: a saved row sent back alone),
    what each row shows: RHK with target and realisasi, bukti dukung counts, the viewer's
    umpan balik, extensions and the working days left. The summary needs none of it."""
    from penilaian.capaian import rating_kepala_unit_banyak

    semua = halaman.semua if hanya is None else hanya
    periode = halaman.periode
    if not semua:
        return
    skp_ids = {b.skp.pk for b in semua if b.skp is not None}
    penilaian_ids = [b.penilaian.pk for b in semua if b.penilaian is not None]
    pegawai_ids = [b.pegawai.pk for b in semua]

    rhk_per_skp: dict[int, list[RencanaHasilKerja]] = {}
    for r in (
        rhk_terurut()
        .filter(skp_id__in=skp_ids)
        .prefetch_related(Prefetch("indikator", queryset=indikator_terurut()))
    ):
        rhk_per_skp.setdefault(r.skp_id, []).append(r)
    realisasi = {
        (r.penilaian_id, r.indikator_id): r
        for r in Realisasi.objects.filter(penilaian_id__in=penilaian_ids)
    }
    bukti = {
        (b["penilaian_id"], b["rhk_id"]): b["jumlah"]
        for b in BuktiDukung.objects.filter(penilaian_id__in=penilaian_ids)
        .values("penilaian_id", "rhk_id")
        .annotate(jumlah=Count("pk"))
        .order_by()
    }
    umpan_balik = umpan_balik_penilai(periode.pk, pegawai_ids, [user_id])
    rating_unit = rating_kepala_unit_banyak([b.pegawai for b in semua], periode)
    kalender = kalender_banyak(periode, pegawai_ids)
    sisa = selisih_hari_kerja(halaman.hari_ini, periode.tenggat, libur())
    halaman.sisa_hari_kerja = sisa

    for b in semua:
        b.umpan_balik = umpan_balik.get(b.pegawai.pk, set())
        b.rating_unit = rating_unit.get(b.pegawai.pk)
        b.sisa_hari_kerja = sisa
        sampai = kalender[b.pegawai.pk].batas
        b.batas_kirim = sampai if sampai > periode.tenggat else None
        pk = b.penilaian.pk if b.penilaian else None
        if b.skp is not None:
            b.rhk = [
                RingkasanRhk(
                    nomor=n,
                    rhk=r,
                    indikator=[
                        BarisIndikator(i, realisasi.get((pk, i.pk))) for i in r.indikator.all()
                    ],
                    bukti=bukti.get((pk, r.pk), 0),
                )
                for n, r in enumerate(rhk_per_skp.get(b.skp.pk, []), start=1)
            ]
        if b.penilaian is not None:
            b.alasan = access.alasan_tidak_dapat_dinilai(
                b.aksi, b.penilaian, kalender[b.pegawai.pk]
            )
