"""The only place that decides who may see the indicator audits and the quality report.

- lihat_audit (on an SKP): who may see the SKP (skp.access decides) except its owner: the
  atasan chain, the pejabat penilai, the admin of the instansi, a superuser. The owner does not
  see the overlap check because it names colleagues' indicators from SKPs they may not read.
- lihat_laporan (on an instansi, or any when None): the admin of the instansi; a superuser.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from organisasi.models import Instansi
from organisasi.selectors import instansi_dikelola
from skp import access as skp_access
from skp.models import Skp

Pengguna = AbstractBaseUser | AnonymousUser
AKSI = {"lihat_audit", "lihat_laporan"}


def can(user: Pengguna, aksi: str, obj: Skp | Instansi | None = None) -> bool:
    if aksi not in AKSI:
        raise ValueError(f"Aksi tidak dikenal: {aksi}")
    if not user.is_authenticated or not user.is_active:
        return False
    if aksi == "lihat_audit":
        if not isinstance(obj, Skp) or obj.pegawai.user_id == user.pk:
            return False
        return skp_access.can(user, "lihat", obj)
    dikelola = instansi_dikelola(user)
    return dikelola.filter(pk=obj.pk).exists() if obj is not None else dikelola.exists()


PESAN_DITOLAK = {
    "lihat_laporan": "Laporan kualitas indikator hanya untuk admin instansi.",
    "lihat_audit": "Anda tidak berwenang melihat pemeriksaan SKP ini.",
}


def require(user: Pengguna, aksi: str, obj: Skp | Instansi | None = None) -> None:
    if not can(user, aksi, obj):
        raise PermissionDenied(PESAN_DITOLAK[aksi])
