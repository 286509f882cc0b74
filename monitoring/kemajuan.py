"""How far an RHK has come: its measure, its trajectory through the year and its status. Pure
functions (no database): `status_rhk` is the ONE place that decides Belum mulai / Sesuai jadwal /
Terlambat / Selesai; the selectors gather its inputs, the pages and dashboards show its answer.

The measure of an RHK (`ukuran_rhk`) is its Kuantitas indicator (on a form without aspek, such as
the JPT's, its first indicator with a number target): a count that adds up over the year, from
the realisasi of each period and the results written in the jurnal. A target in percent is a
level, not a count (95% of reports valid): it does not add up, so such an RHK is followed as one
without a numeric target. Kualitas and Biaya never measure progress. Waktu measures it only when
the RHK has nothing else: a smaller value is better and values do not add up, so the latest
realisasi is compared with the target. An indicator with only a deadline is done once its
completion date is recorded, and late when the deadline passes before that.

The trajectory (`lintasan_*`) is the cumulative target at the end of each period: the rencana
aksi targets of each period when there are any (e.g. 15/40/40/5), else the yearly target spread
evenly over the periods. A period's target is due once the period has ended: on its last day the
pegawai is still on time."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.db import models

from skp.models import Aspek


class StatusRhk(models.TextChoices):
    BELUM_MULAI = "belum_mulai", "Belum mulai"
    SESUAI_JADWAL = "sesuai_jadwal", "Sesuai jadwal"
    TERLAMBAT = "terlambat", "Terlambat"
    SELESAI = "selesai", "Selesai"


class JenisUkuran(StrEnum):
    JUMLAH = "jumlah"  # a count that adds up; more is better
    WAKTU = "waktu"  # a duration; less is better; the latest value counts
    TENGGAT = "tenggat"  # only a deadline date; done when the completion date is recorded
    TANPA = "tanpa"  # no numeric target (kualitatif, percentages): only activity is known


@dataclass(frozen=True)
class Titik:
    """The cumulative target to reach by the end (`selesai`) of one period."""

    selesai: date
    target: Decimal


@dataclass(frozen=True)
class Kemajuan:
    status: StatusRhk
    # The share of the yearly target reached, 0-100, rounded down (99.6% is not shown as done);
    # None when the measure has no share (no numeric target, Waktu, a deadline).
    persen: int | None = None
    # JUMLAH: what the trajectory asks by today, and how far behind it the realisasi is.
    seharusnya: Decimal | None = None
    kurang: Decimal | None = None

    @property
    def label(self) -> str:
        return self.status.label


_NOL = Decimal(0)
_SEN = Decimal("0.01")
_PERSEN = ("%", "persen", "persentase")


def _angka(indikator) -> bool:
    return indikator.target_min is not None


def _persen(indikator) -> bool:
    return (indikator.satuan or "").strip().lower() in _PERSEN


def ukuran_rhk(
    indikator: Sequence, *, kualitatif: bool = False
) -> tuple[object | None, JenisUkuran]:
    """The indicator that measures an RHK's progress and its kind (see the module docstring).
    `indikator`: the RHK's indicators in their order."""
    if kualitatif:
        return None, JenisUkuran.TANPA
    kuantitas = [i for i in indikator if i.aspek == Aspek.KUANTITAS]
    tanpa_aspek = [i for i in indikator if not i.aspek]
    calon = kuantitas or tanpa_aspek
    jumlah = next((i for i in calon if _angka(i) and not _persen(i)), None)
    if jumlah is not None:
        return jumlah, JenisUkuran.JUMLAH
    persen = next((i for i in calon if _angka(i)), None)
    if persen is not None:  # a level, not a count: followed as without a numeric target
        return persen, JenisUkuran.TANPA
    for i in calon:
        if i.target_tanggal is not None:
            return i, JenisUkuran.TENGGAT
    waktu = next((i for i in indikator if i.aspek == Aspek.WAKTU and _angka(i)), None)
    if waktu is not None:
        return waktu, JenisUkuran.WAKTU
    tenggat = next((i for i in indikator if i.target_tanggal is not None), None)
    if tenggat is not None:
        return tenggat, JenisUkuran.TENGGAT
    return None, JenisUkuran.TANPA


def lintasan_rata(target: Decimal, akhir_periode: Sequence[date]) -> list[Titik]:
    """The yearly target spread evenly over the periods (52 over four quarters: 13, 26, 39, 52)."""
    n = len(akhir_periode)
    # Two decimals, as targets are written (10 over twelve months: 0,83, 1,67, ..., 10).
    return [
        Titik(akhir, (target * k / n).quantize(_SEN, rounding=ROUND_HALF_UP))
        for k, akhir in enumerate(akhir_periode, start=1)
    ]


def lintasan_bertahap(
    target_periode: Sequence[Decimal], akhir_periode: Sequence[date]
) -> list[Titik]:
    """The targets per period (the rencana aksi's; 0 for a period without one), added up."""
    hasil, jumlah = [], _NOL
    for target, akhir in zip(target_periode, akhir_periode, strict=True):
        jumlah += target
        hasil.append(Titik(akhir, jumlah))
    return hasil


def status_rhk(
    *,
    jenis: JenisUkuran,
    target: Decimal | None,
    lintasan: Sequence[Titik],
    realisasi: Decimal | None,
    hari_ini: date,
    tenggat: date | None = None,
    ada_kegiatan: bool = False,
) -> Kemajuan:
    """The status of one RHK on `hari_ini`.

    `realisasi`: JUMLAH the total so far (the periods' realisasi plus the jurnal's results);
    WAKTU the latest value; TENGGAT anything (not None) once the completion date is recorded.
    `lintasan`: the trajectory, one point per period of the year in order. `tenggat`: the
    deadline of a TENGGAT measure. `ada_kegiatan`: something was written in the jurnal for it.

    - JUMLAH: Selesai once the total reaches the yearly target, whenever that is (done early
      included). Otherwise Terlambat when the total is below what the trajectory asks of the
      periods that have ended (one unit short is late; exactly on it is on schedule), Belum
      mulai while nothing was reached and nothing was due yet, else Sesuai jadwal.
    - WAKTU (less is better): Terlambat when the latest value is above the target, or when the
      year is over with none; at or below it Sesuai jadwal, Selesai once the year is over;
      Belum mulai before any value.
    - TENGGAT: Selesai once done; Terlambat after the deadline; else by activity.
    - TANPA, and a JUMLAH or WAKTU target missing or 0: nothing can be late or done by numbers:
      Belum mulai until something is recorded, then Sesuai jadwal."""
    akhir_tahun = lintasan[-1].selesai if lintasan else None
    tahun_lewat = akhir_tahun is not None and hari_ini > akhir_tahun
    if jenis in (JenisUkuran.JUMLAH, JenisUkuran.WAKTU) and (target is None or target <= 0):
        jenis = JenisUkuran.TANPA
    if jenis == JenisUkuran.JUMLAH:
        return _jumlah(target, lintasan, realisasi or _NOL, hari_ini)
    if jenis == JenisUkuran.WAKTU:
        if realisasi is None:
            return Kemajuan(StatusRhk.TERLAMBAT if tahun_lewat else StatusRhk.BELUM_MULAI)
        if realisasi > target:
            return Kemajuan(StatusRhk.TERLAMBAT, kurang=realisasi - target)
        return Kemajuan(StatusRhk.SELESAI if tahun_lewat else StatusRhk.SESUAI_JADWAL)
    if jenis == JenisUkuran.TENGGAT:
        if realisasi is not None:
            return Kemajuan(StatusRhk.SELESAI)
        if tenggat is not None and hari_ini > tenggat:
            return Kemajuan(StatusRhk.TERLAMBAT)
    aktif = ada_kegiatan or bool(realisasi)
    return Kemajuan(StatusRhk.SESUAI_JADWAL if aktif else StatusRhk.BELUM_MULAI)


def _jumlah(
    target: Decimal, lintasan: Sequence[Titik], realisasi: Decimal, hari_ini: date
) -> Kemajuan:
    if realisasi >= target:
        return Kemajuan(StatusRhk.SELESAI, persen=100, seharusnya=target, kurang=_NOL)
    seharusnya = _NOL
    for titik in lintasan:
        if titik.selesai < hari_ini:
            seharusnya = titik.target
    persen = math.floor(realisasi * 100 / target)
    if realisasi < seharusnya:
        status = StatusRhk.TERLAMBAT
    elif realisasi == 0:
        status = StatusRhk.BELUM_MULAI
    else:
        status = StatusRhk.SESUAI_JADWAL
    return Kemajuan(
        status, persen=persen, seharusnya=seharusnya, kurang=max(seharusnya - realisasi, _NOL)
    )
