"""Read queries of the periodic evaluation: who evaluates whom in a period, which SKP is in force
for it, and the evaluation rows with what their pages need."""

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from organisasi.models import Pegawai
from organisasi.selectors import atasan_langsung
from penilaian.models import PenilaianPeriodik, Periode
from skp.models import STATUS_TERBIT, RiwayatStatus, Skp, StatusSkp


def tanggal_acuan(periode: Periode, hari_ini: date | None = None) -> date:
    """The date on which to look up the penilai in force: today, kept inside the window (a
    penilai who moved before the window does not evaluate; one who moves inside it does, and is
    then recorded on the evaluation)."""
    hari_ini = hari_ini or timezone.localdate()
    return min(max(hari_ini, periode.buka), periode.tenggat)


def penilai_periode(penilaian: PenilaianPeriodik) -> Pegawai | None:
    """The pejabat penilai of this evaluation: the one recorded on it, else the one in force
    (Plt/Plh included) for the pegawai's position in the window."""
    if penilaian.penilai_id:
        return penilaian.penilai
    pegawai = penilaian.pegawai
    if not pegawai.jabatan_id:
        return None
    return atasan_langsung(pegawai, tanggal_acuan(penilaian.periode))


def atasan_penilai(penilaian: PenilaianPeriodik) -> Pegawai | None:
    """The atasan of the pejabat penilai: decides a keberatan, and rates when the penilai missed
    the deadline. Never the pegawai themself."""
    penilai = penilai_periode(penilaian)
    if penilai is None or not penilai.jabatan_id:
        return None
    atasan = atasan_langsung(penilai, tanggal_acuan(penilaian.periode))
    if atasan is None or atasan.pk == penilaian.pegawai_id:
        return None
    return atasan


def skp_untuk_periode(pegawai: Pegawai, periode: Periode) -> Skp | None:
    """The approved SKP version in force at the end of the period: the last one approved by
    then; when none was approved by then (a late approval), the version in force now. A pegawai
    who moved has a revision for the new position: the new version is evaluated (no averaging)."""
    akhir = timezone.make_aware(datetime.combine(periode.selesai, time.max))
    versi = list(
        Skp.objects.filter(pegawai=pegawai, tahun=periode.tahun, status__in=STATUS_TERBIT)
        .select_related("pegawai")
        .order_by("-versi")
    )
    if not versi:
        return None
    disetujui = dict(
        RiwayatStatus.objects.filter(skp__in=versi, aksi="setujui").values_list("skp_id", "waktu")
    )
    for skp in versi:
        waktu = disetujui.get(skp.pk)
        if waktu is not None and waktu <= akhir:
            return skp
    return next((s for s in versi if s.status == StatusSkp.DISETUJUI), versi[0])


def penilaian_lengkap() -> QuerySet[PenilaianPeriodik]:
    return PenilaianPeriodik.objects.select_related(
        "pegawai__jabatan__unit_kerja", "periode", "skp", "penilai", "dinilai_oleh"
    )
