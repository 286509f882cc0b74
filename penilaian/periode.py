"""Evaluation periods of an instansi and their windows, derived from dates.

Nobody opens a period: the rows are made on first need from the instansi's choice for the year
(quarterly by default), and a window is open while `buka <= today <= tenggat` (or a pegawai's
own extension runs). Defaults (PermenPANRB 6/2022, SE MenPANRB 3/2023): the window opens in the
period's last two weeks and the penilai has until 10 working days after the period; the last
period of the year carries the annual evaluation, due by the end of January."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.hari_kerja import tambah_hari_kerja
from core.memo import diingat
from core.versi import diingat_sampai_berubah
from organisasi.models import Instansi, Pegawai
from penilaian.models import (
    HariLibur,
    JenisPeriode,
    MasaTidakDinilai,
    PengaturanPenilaian,
    PenilaianPeriodik,
    Periode,
    PerpanjanganPegawai,
)

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
BULAN = [
    "",
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
HARI_JENDELA = 14  # the window opens in the period's last two weeks
HARI_KERJA_PENILAI = 10  # working days after the period for the penilai


def nama_periode(jenis: str, nomor: int) -> str:
    if jenis == JenisPeriode.TRIWULANAN:
        return "Triwulan IV-Akhir" if nomor == 4 else f"Triwulan {ROMAWI[nomor]}"
    return f"{BULAN[nomor]}-Akhir" if nomor == 12 else BULAN[nomor]


def libur() -> set[date]:
    return set(HariLibur.objects.values_list("tanggal", flat=True))


def rentang(jenis: str, tahun: int, nomor: int) -> tuple[date, date]:
    bulan_awal = (nomor - 1) * 3 + 1 if jenis == JenisPeriode.TRIWULANAN else nomor
    bulan_akhir = bulan_awal + 2 if jenis == JenisPeriode.TRIWULANAN else nomor
    akhir = calendar.monthrange(tahun, bulan_akhir)[1]
    return date(tahun, bulan_awal, 1), date(tahun, bulan_akhir, akhir)


def jendela_bawaan(jenis: str, tahun: int, nomor: int, hari_libur: set[date]) -> tuple[date, date]:
    """(buka, tenggat) by default for a period."""
    mulai, selesai = rentang(jenis, tahun, nomor)
    buka = max(mulai, selesai - timedelta(days=HARI_JENDELA - 1))
    akhir = nomor == (4 if jenis == JenisPeriode.TRIWULANAN else 12)
    tenggat = (
        date(tahun + 1, 1, 31)
        if akhir
        else tambah_hari_kerja(selesai, HARI_KERJA_PENILAI, hari_libur)
    )
    return buka, tenggat


def jenis_periode(instansi: Instansi, tahun: int) -> str:
    p = PengaturanPenilaian.objects.filter(instansi=instansi, tahun=tahun).first()
    return p.jenis_periode if p else JenisPeriode.TRIWULANAN


@diingat
@diingat_sampai_berubah("kinerja")
def periode_tahun(instansi: Instansi, tahun: int) -> list[Periode]:
    """The periods of `instansi` in `tahun` under its current choice, made on first need.

    Every evaluation page and dashboard asks for them (two years each), so they are kept
    between requests until anything of the evaluation changes (core/versi.py: the periods, the
    choice of the year and the holidays are all "kinerja"), except inside a transaction, where
    the rows made may yet be rolled back (`ingat`)."""
    return _periode_tahun(instansi, tahun)


def _periode_tahun(instansi: Instansi, tahun: int) -> list[Periode]:
    jenis = jenis_periode(instansi, tahun)
    ada = list(
        Periode.objects.filter(instansi=instansi, tahun=tahun, jenis=jenis).order_by("nomor")
    )
    jumlah = 4 if jenis == JenisPeriode.TRIWULANAN else 12
    if len(ada) == jumlah:
        return ada
    hari_libur = libur()
    nomor_ada = {p.nomor for p in ada}
    for nomor in range(1, jumlah + 1):
        if nomor in nomor_ada:
            continue
        mulai, selesai = rentang(jenis, tahun, nomor)
        buka, tenggat = jendela_bawaan(jenis, tahun, nomor, hari_libur)
        try:
            with transaction.atomic():  # two first visitors at once: one of them makes it
                Periode.objects.create(
                    instansi=instansi, tahun=tahun, jenis=jenis, nomor=nomor,
                    mulai=mulai, selesai=selesai, buka=buka, tenggat=tenggat,
                )  # fmt: skip
        except IntegrityError:
            pass
    return list(
        Periode.objects.filter(instansi=instansi, tahun=tahun, jenis=jenis).order_by("nomor")
    )


def periode_dari_id(instansi: Instansi, pk: int) -> Periode | None:
    """One of `instansi`'s periods by id (?periode=<id>), None when it is not one of them. The
    pages mostly ask for one of this year's or last year's, which are kept (`periode_tahun`);
    an older one, or one of a choice of periods since replaced, is read."""
    tahun = timezone.localdate().year
    for p in periode_tahun(instansi, tahun) + periode_tahun(instansi, tahun - 1):
        if p.pk == pk:
            return p
    return Periode.objects.filter(pk=pk, instansi_id=instansi.pk).first()


def periode_pada(instansi: Instansi, tanggal: date) -> Periode:
    """The period a date falls in."""
    for p in periode_tahun(instansi, tanggal.year):
        if p.mulai <= tanggal <= p.selesai:
            return p
    raise LookupError(tanggal)  # every day of a year lies in one of its periods


def periode_berjalan(instansi: Instansi, tanggal: date | None = None) -> Periode:
    """The period people work on now: the earliest one whose window is open, else the one the
    date falls in."""
    tanggal = tanggal or timezone.localdate()
    kandidat = periode_tahun(instansi, tanggal.year - 1) + periode_tahun(instansi, tanggal.year)
    terbuka = [p for p in kandidat if p.buka <= tanggal <= p.tenggat]
    return terbuka[0] if terbuka else periode_pada(instansi, tanggal)


def batas_pegawai(periode: Periode, pegawai: Pegawai) -> date:
    """The last day this pegawai may still send realisasi: the period's deadline, or the
    admin's extension for them when later."""
    sampai = (
        PerpanjanganPegawai.objects.filter(periode=periode, pegawai=pegawai)
        .order_by("-sampai")
        .values_list("sampai", flat=True)
        .first()
    )
    return max(periode.tenggat, sampai) if sampai else periode.tenggat


def jendela_terbuka(periode: Periode, pegawai: Pegawai, tanggal: date | None = None) -> bool:
    tanggal = tanggal or timezone.localdate()
    return periode.buka <= tanggal <= batas_pegawai(periode, pegawai)


def tidak_dinilai(pegawai: Pegawai, periode: Periode) -> MasaTidakDinilai | None:
    """The CLTN / suspension / MPP span that overlaps the period, if any."""
    return (
        MasaTidakDinilai.objects.filter(pegawai=pegawai, mulai__lte=periode.selesai)
        .exclude(selesai__lt=periode.mulai)
        .first()
    )


def batas_keberatan(
    penilaian: PenilaianPeriodik, hari_libur: set[date] | None = None
) -> date | None:
    """The last day the pegawai may object: 14 working days after the rating (None before it)."""
    from penilaian.workflow import HARI_KERJA_KEBERATAN

    if penilaian.dinilai_pada is None:
        return None
    hari = timezone.localtime(penilaian.dinilai_pada).date()
    return tambah_hari_kerja(
        hari, HARI_KERJA_KEBERATAN, libur() if hari_libur is None else hari_libur
    )


def batas_keputusan(
    penilaian: PenilaianPeriodik, hari_libur: set[date] | None = None
) -> date | None:
    """The day the atasan of the penilai should decide a keberatan by: 7 working days after it."""
    from penilaian.workflow import HARI_KERJA_KEPUTUSAN

    if penilaian.keberatan_pada is None:
        return None
    hari = timezone.localtime(penilaian.keberatan_pada).date()
    return tambah_hari_kerja(
        hari, HARI_KERJA_KEPUTUSAN, libur() if hari_libur is None else hari_libur
    )


@dataclass(frozen=True)
class KalenderPegawai:
    """What the calendar rules need to know of one pegawai in one period: the span in which
    they are not evaluated (if any) and their last day to send realisasi."""

    masa: MasaTidakDinilai | None
    batas: date


def kalender_pegawai(periode: Periode, pegawai: Pegawai) -> KalenderPegawai:
    return KalenderPegawai(tidak_dinilai(pegawai, periode), batas_pegawai(periode, pegawai))


def kalender_banyak(periode: Periode, pegawai_ids: list[int]) -> dict[int, KalenderPegawai]:
    """`kalender_pegawai` of many pegawai in two queries (pages listing many bawahan)."""
    masa: dict[int, MasaTidakDinilai] = {}
    for m in (
        MasaTidakDinilai.objects.filter(pegawai_id__in=pegawai_ids, mulai__lte=periode.selesai)
        .exclude(selesai__lt=periode.mulai)
        .order_by("-mulai")
    ):
        masa.setdefault(m.pegawai_id, m)
    batas = dict.fromkeys(pegawai_ids, periode.tenggat)
    for pegawai_id, sampai in PerpanjanganPegawai.objects.filter(
        periode=periode, pegawai_id__in=pegawai_ids
    ).values_list("pegawai_id", "sampai"):
        batas[pegawai_id] = max(batas[pegawai_id], sampai)
    return {i: KalenderPegawai(masa.get(i), batas[i]) for i in pegawai_ids}
