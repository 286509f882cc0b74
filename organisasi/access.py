"""The only place that decides who may see or do what with the organisation's data."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from organisasi.models import Instansi
from organisasi.selectors import instansi_dikelola

AKSI_ADMIN = {"impor_pegawai", "lihat_pegawai", "aktivasi_akun", "kelola_plt"}


def adalah_admin(user: AbstractBaseUser | AnonymousUser) -> bool:
    return instansi_dikelola(user).exists()


def can(
    user: AbstractBaseUser | AnonymousUser, aksi: str, instansi: Instansi | None = None
) -> bool:
    """May `user` do `aksi` (on `instansi`, or on at least one instansi when None)?"""
    if aksi not in AKSI_ADMIN:
        raise ValueError(f"Aksi tidak dikenal: {aksi}")
    dikelola = instansi_dikelola(user)
    return dikelola.filter(pk=instansi.pk).exists() if instansi else dikelola.exists()


def require(
    user: AbstractBaseUser | AnonymousUser, aksi: str, instansi: Instansi | None = None
) -> None:
    if not can(user, aksi, instansi):
        raise PermissionDenied("Anda tidak berwenang melakukan tindakan ini.")
