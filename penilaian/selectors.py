"""Read queries of the periodic evaluation: who evaluates whom in a period, which SKP is in force
for it, and the evaluation rows with what their pages need."""

from collections.abc import Iterable
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from organisasi.models import Pegawai
from organisasi.selectors import atasan_langsung
from penilaian.models import PenilaianPeriodik, PeranPemberi, Periode, UmpanBalik
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
    return skp_per_pegawai_untuk_periode([pegawai.pk], periode).get(pegawai.pk)


def skp_per_pegawai_untuk_periode(pegawai_ids: Iterable[int], periode: Periode) -> dict[int, Skp]:
    """`skp_untuk_periode` for many pegawai at once (pegawai id -> SKP, absent when none): two
    queries however many pegawai."""
    akhir = timezone.make_aware(datetime.combine(periode.selesai, time.max))
    versi: dict[int, list[Skp]] = {}
    for skp in (
        Skp.objects.filter(
            pegawai_id__in=list(pegawai_ids), tahun=periode.tahun, status__in=STATUS_TERBIT
        )
        .select_related("pegawai")
        .order_by("pegawai_id", "-versi")
    ):
        versi.setdefault(skp.pegawai_id, []).append(skp)
    if not versi:
        return {}
    disetujui = dict(
        RiwayatStatus.objects.filter(
            skp__in=[s for daftar in versi.values() for s in daftar], aksi="setujui"
        ).values_list("skp_id", "waktu")
    )
    hasil = {}
    for pegawai_id, daftar in versi.items():
        berlaku = next(
            (s for s in daftar if (w := disetujui.get(s.pk)) is not None and w <= akhir), None
        )
        hasil[pegawai_id] = berlaku or next(
            (s for s in daftar if s.status == StatusSkp.DISETUJUI), daftar[0]
        )
    return hasil


def penilaian_lengkap() -> QuerySet[PenilaianPeriodik]:
    return PenilaianPeriodik.objects.select_related(
        "pegawai__jabatan__unit_kerja", "periode", "skp", "penilai", "dinilai_oleh"
    )


def umpan_balik_penilai(
    periode_id: int, pegawai_ids: Iterable[int], pemberi_ids: Iterable[int]
) -> dict[int, set[str]]:
    """Which kinds of umpan balik (JenisUmpanBalik: hasil kerja, perilaku) `pemberi_ids` gave
    each pegawai in the period as their penilai or its atasan, not counting replies: what a
    rating requires. Pegawai id -> kinds (absent: none). One query however many pegawai."""
    hasil: dict[int, set[str]] = {}
    for pegawai_id, jenis in (
        UmpanBalik.objects.filter(
            pegawai_id__in=list(pegawai_ids), periode_id=periode_id,
            pemberi_id__in=list(pemberi_ids), induk__isnull=True,
            peran__in=[PeranPemberi.PENILAI, PeranPemberi.ATASAN_PENILAI],
        )
        .values_list("pegawai_id", "jenis")
        .order_by()  # the model's ordering would make DISTINCT see every row
        .distinct()
    ):  # fmt: skip
        hasil.setdefault(pegawai_id, set()).add(jenis)
    return hasil
