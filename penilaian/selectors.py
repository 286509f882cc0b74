"""Read queries of the periodic evaluation: who evaluates whom in a period, which SKP is in force
for it, and the evaluation rows with what their pages need."""

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from organisasi.models import Jabatan, Pegawai
from organisasi.selectors import atasan_langsung, jabatan_dipegang, pejabat_per_jabatan
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
    # The one recorded keeps evaluating after a mutasi inside the window, but not once they are
    # no longer active (retired, left the instansi): then the one in force does.
    if penilaian.penilai_id and penilaian.penilai.aktif:
        return penilaian.penilai
    pegawai = penilaian.pegawai
    if not pegawai.jabatan_id:
        return None
    return atasan_langsung(pegawai, tanggal_acuan(penilaian.periode))


def atasan_penilai(penilaian: PenilaianPeriodik) -> Pegawai | None:
    """The atasan of the pejabat penilai: decides a keberatan, and rates when the penilai missed
    the deadline. Never the pegawai themself.

    Found above the position in which the penilai evaluates this pegawai, not above the
    penilai's own position: a Plt/Plh from another bidang answers, for this pegawai, to the
    superior of the position they act in."""
    penilai = penilai_periode(penilaian)
    if penilai is None:
        return None
    tanggal = tanggal_acuan(penilaian.periode)
    jabatan = _jabatan_menilai(penilaian.pegawai, penilai, tanggal)
    if jabatan is not None:
        atasan_id = jabatan[1]
        atasan = (
            pejabat_per_jabatan([atasan_id], tanggal, kecuali=penilai.pk)[atasan_id]
            if atasan_id
            else None
        )
    elif penilai.jabatan_id:  # recorded penilai who moved since: above where they are now
        atasan = atasan_langsung(penilai, tanggal)
    else:
        return None
    if atasan is None or atasan.pk == penilaian.pegawai_id:
        return None
    return atasan


def _jabatan_menilai(pegawai: Pegawai, penilai: Pegawai, tanggal: date) -> tuple[int, int] | None:
    """(id, atasan id) of the position above the pegawai's in which `penilai` acts (their own or
    a Plt/Plh), climbing past vacant ones; None when they act in none of them."""
    if not pegawai.jabatan_id:
        return None
    dipegang = set(jabatan_dipegang(penilai, tanggal))
    kini = pegawai.jabatan.atasan_id
    dilihat: set[int] = set()
    while kini is not None and kini not in dilihat:
        dilihat.add(kini)
        atasan_id = Jabatan.objects.filter(pk=kini).values_list("atasan_id", flat=True).first()
        if kini in dipegang:
            return kini, atasan_id
        kini = atasan_id
    return None


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
