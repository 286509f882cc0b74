"""Working days (hari kerja): Monday to Friday, less the holidays the caller passes (national
holidays and cuti bersama, kept as data by the app that needs them). Deadlines of the
evaluation cycle are counted in working days (PermenPANRB 6/2022: 14 hari kerja for a keberatan,
7 for its decision, 10 for the penilai after a period)."""

from collections.abc import Collection
from datetime import date, datetime, timedelta

from django.utils import timezone


def hari_kerja(tanggal: date, libur: Collection[date] = ()) -> bool:
    return tanggal.weekday() < 5 and tanggal not in libur


def tambah_hari_kerja(mulai: date, jumlah: int, libur: Collection[date] = ()) -> date:
    """The date `jumlah` working days after `mulai` (`mulai` itself not counted): 10 working
    days after Friday 31 March 2023 is Friday 14 April 2023."""
    if jumlah < 0:
        raise ValueError("jumlah hari kerja tidak boleh negatif")
    tanggal = mulai
    while jumlah:
        tanggal += timedelta(days=1)
        if hari_kerja(tanggal, libur):
            jumlah -= 1
    return tanggal


def selisih_hari_kerja(dari: date, sampai: date, libur: Collection[date] = ()) -> int:
    """Working days after `dari` up to and including `sampai` (negative when `sampai` is
    earlier): how many working days are left until a deadline, or have passed since."""
    if sampai < dari:
        return -selisih_hari_kerja(sampai, dari, libur)
    jumlah, tanggal = 0, dari
    while tanggal < sampai:
        tanggal += timedelta(days=1)
        if hari_kerja(tanggal, libur):
            jumlah += 1
    return jumlah


def hari_sejak(waktu: datetime | None, hari_ini: date | None = None) -> int:
    """Calendar days from `waktu`'s local date to today: "menunggu sejak hari ini" for
    something submitted today, 1 from tomorrow on, whatever the time of day. (Whole periods of
    24 hours would call yesterday afternoon's submission "today" until its hour comes round, and
    would change in the middle of a day that pages are kept for.)"""
    if waktu is None:
        return 0
    return ((hari_ini or timezone.localdate()) - timezone.localtime(waktu).date()).days
