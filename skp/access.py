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
from skp.models import STATUS_DAPAT_DIUBAH, RiwayatStatus, Skp, StatusSkp
from skp.selectors import penilai_aktif
from skp.workflow import TRANSISI

Pengguna = AbstractBaseUser | AnonymousUser

# The atasan writes Ekspektasi Khusus Pimpinan while the SKP is being agreed, including while it
# waits for their approval; never on an approved or replaced one.
STATUS_EKSPEKTASI = frozenset({StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN})

AKSI_SKP = {
    "lihat",
    "ubah",
    "isi_ekspektasi",
    *TRANSISI,
    "alihkan_penilai",
    "tandai_komentar",
    "hapus_draf",
}
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
            | Q(penilai_ditetapkan=pegawai)
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
    if aksi in TRANSISI:
        return boleh_peran(user, aksi, skp) and skp.status in TRANSISI[aksi].dari
    if aksi == "alihkan_penilai":
        return skp.status in STATUS_MENUNGGU and (
            user.is_superuser
            or AdminInstansi.objects.filter(user=user, instansi_id=skp.instansi_id).exists()
        )
    if aksi == "tandai_komentar":
        return _pemilik(user, skp) and skp.status in STATUS_DAPAT_DIUBAH
    if aksi == "hapus_draf":
        return _pemilik(user, skp) and alasan_tidak_dapat_dihapus(skp) == ""
    if aksi == "isi_ekspektasi":
        # The same person who approves (a Plt, a new atasan, the one the admin assigned), not
        # the penilai recorded when the SKP was created.
        return skp.status in STATUS_EKSPEKTASI and adalah_penilai(user, skp)
    return _pemilik(user, skp) or visible_skps(user).filter(pk=skp.pk).exists()


# A pending SKP (not yet approved) may be given another penilai by the admin.
STATUS_MENUNGGU = frozenset({StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN})


def adalah_penilai(user: Pengguna, skp: Skp) -> bool:
    """Is `user` the pejabat penilai of `skp` now? Never the SKP's own pegawai."""
    pegawai = pegawai_dari_user(user)
    if pegawai is None or pegawai.pk == skp.pegawai_id:
        return False
    penilai = penilai_aktif(skp)
    return penilai is not None and penilai.pk == pegawai.pk


def alasan_tidak_dapat_dihapus(skp: Skp) -> str:
    """Why the owner may not delete `skp` ("" when they may). Only a first version still Draf
    that was never submitted goes: anything submitted is part of the record, and a revision
    is a new version of an agreed SKP, which stays in force meanwhile. (Bawahan who intervene
    its RHK may still block it: the service checks that on the locked rows.)"""
    if skp.status not in STATUS_DAPAT_DIUBAH:
        return (
            f"SKP berstatus {skp.get_status_display()} tidak dapat dihapus. Hanya draf SKP "
            "yang belum pernah diajukan yang dapat dihapus."
        )
    if skp.versi > 1:
        return (
            f"Draf ini adalah revisi (versi {skp.versi}) dari SKP yang sudah disetujui dan tidak "
            f"dapat dihapus. Lanjutkan revisi ini lalu ajukan; versi {skp.versi - 1} tetap "
            "berlaku sampai revisi disetujui."
        )
    if (
        skp.status == StatusSkp.DIKEMBALIKAN
        or RiwayatStatus.objects.filter(skp=skp, aksi="ajukan").exists()
    ):
        return (
            "SKP ini sudah pernah diajukan kepada pejabat penilai sehingga tercatat dalam riwayat "
            "dan tidak dapat dihapus. Perbaiki isinya lalu ajukan kembali."
        )
    return ""


# Who performs the actions the services check person-first: the workflow's table, and deleting
# a first draft (no transition: the SKP is gone).
PELAKU = {aksi: t.pelaku for aksi, t in TRANSISI.items()} | {"hapus_draf": "pemilik"}


def boleh_peran(user: Pengguna, aksi: str, skp: Skp) -> bool:
    """The person part of a workflow action, whatever the SKP's state: the services check the
    person first (403) and then the state (an Indonesian message saying why)."""
    if not user.is_authenticated or not user.is_active:
        return False
    pelaku = PELAKU[aksi]
    if pelaku == "pemilik":
        return _pemilik(user, skp)
    if pelaku == "penilai":
        return adalah_penilai(user, skp)
    if pelaku == "pemilik_atau_penilai":
        return _pemilik(user, skp) or adalah_penilai(user, skp)
    return False


PESAN_DITOLAK = {
    "ajukan": "Hanya pegawai pemilik SKP yang dapat mengajukannya.",
    "kembalikan": "Hanya pejabat penilai kinerja SKP ini yang dapat mengembalikannya.",
    "setujui": "Hanya pejabat penilai kinerja SKP ini yang dapat menyetujuinya. Tidak ada yang "
    "dapat menyetujui SKP-nya sendiri.",
    "buka_revisi": "Revisi hanya dapat dibuka oleh pegawai pemilik SKP atau pejabat penilainya.",
    "alihkan_penilai": "Hanya admin instansi yang dapat mengalihkan pejabat penilai, dan hanya "
    "untuk SKP yang belum disetujui.",
    "tandai_komentar": "Hanya pemilik SKP yang menandai komentar, selama SKP dapat diubah.",
    "hapus_draf": "Hanya pegawai pemilik SKP yang dapat menghapus drafnya.",
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
