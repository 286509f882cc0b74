"""The only place that decides who may see or do what with an SKP.

Seeing: the owner; the atasan and the atasan's atasan (by position, including a Plt/Plh in force,
and the pejabat penilai recorded on the SKP); the admin of the SKP's instansi; a superuser.
Everybody else gets a 404: they cannot even tell the SKP exists.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from organisasi.models import AdminInstansi
from organisasi.selectors import adalah_atasan, jabatan_dipegang, pegawai_dari_user
from skp.models import STATUS_DAPAT_DIUBAH, Skp, StatusSkp

Pengguna = AbstractBaseUser | AnonymousUser

# The atasan writes Ekspektasi Khusus Pimpinan while the SKP is being agreed, including while it
# waits for their approval; never on an approved or replaced one.
STATUS_EKSPEKTASI = frozenset({StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN})

AKSI_SKP = {"lihat", "ubah", "isi_ekspektasi"}
AKSI_UMUM = {"buat_skp", "lihat_bawahan"}


def visible_skps(user: Pengguna) -> QuerySet[Skp]:
    """Every SKP `user` may read, as one queryset (no per-row checks)."""
    if not user.is_authenticated or not user.is_active:
        return Skp.objects.none()
    if user.is_superuser:
        return Skp.objects.all()
    syarat = Q(instansi__in=AdminInstansi.objects.filter(user=user).values("instansi_id"))
    pegawai = pegawai_dari_user(user)
    if pegawai is not None:
        jabatan = jabatan_dipegang(pegawai)
        syarat |= (
            Q(pegawai=pegawai)
            | Q(penilai=pegawai)
            | Q(pegawai__jabatan__atasan_id__in=jabatan)
            | Q(pegawai__jabatan__atasan__atasan_id__in=jabatan)
            # The atasan of the recorded penilai (a vacant position was skipped upwards).
            | Q(penilai__jabatan__atasan_id__in=jabatan)
        )
    return Skp.objects.filter(syarat)


def get_skp_for_user(user: Pengguna, pk: int) -> Skp:
    skp = visible_skps(user).select_related("pegawai", "penilai").filter(pk=pk).first()
    if skp is None:
        raise Http404("SKP tidak ditemukan.")
    return skp


def _pemilik(user: Pengguna, skp: Skp) -> bool:
    return user.is_authenticated and skp.pegawai.user_id == user.pk


def can(user: Pengguna, aksi: str, skp: Skp | None = None) -> bool:
    """May `user` do `aksi` (on `skp` for the SKP actions)?"""
    if aksi in AKSI_UMUM:
        pegawai = pegawai_dari_user(user)
        if pegawai is None or not user.is_active:
            return False
        if aksi == "buat_skp":
            return pegawai.aktif and pegawai.jabatan_id is not None
        return adalah_atasan(pegawai)
    if aksi not in AKSI_SKP:
        raise ValueError(f"Aksi tidak dikenal: {aksi}")
    if skp is None or not user.is_authenticated or not user.is_active:
        return False
    if aksi == "ubah":
        return _pemilik(user, skp) and skp.status in STATUS_DAPAT_DIUBAH
    if aksi == "isi_ekspektasi":
        pegawai = pegawai_dari_user(user)
        return (
            pegawai is not None and skp.penilai_id == pegawai.pk and skp.status in STATUS_EKSPEKTASI
        )
    return _pemilik(user, skp) or visible_skps(user).filter(pk=skp.pk).exists()


PESAN_DITOLAK = {
    "ubah": "Hanya pemilik SKP yang dapat mengubahnya, dan hanya selama berstatus Draf atau "
    "Dikembalikan.",
    "isi_ekspektasi": "Ekspektasi khusus hanya diisi oleh pejabat penilai kinerja SKP ini.",
    "buat_skp": "Akun Anda belum terhubung dengan data pegawai yang memiliki jabatan. Hubungi "
    "admin kepegawaian instansi Anda.",
    "lihat_bawahan": "Halaman ini untuk pejabat yang memiliki bawahan.",
}


def require(user: Pengguna, aksi: str, skp: Skp | None = None) -> None:
    if not can(user, aksi, skp):
        raise PermissionDenied(PESAN_DITOLAK.get(aksi, "Anda tidak berwenang melakukan ini."))
