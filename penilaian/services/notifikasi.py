"""Notifications about an evaluation page become read when their recipient opens that page (or
comes back to it after acting, which the redirect after every action does)."""

from django.contrib.auth.models import AbstractBaseUser

from skp.models import Notifikasi


def tandai_dibaca_halaman(*, user: AbstractBaseUser, tautan: str) -> int:
    """Marks read every unread notification of `user` that opens `tautan` (a path)."""
    if not user.is_authenticated:
        return 0
    return Notifikasi.objects.filter(penerima=user, dibaca=False, tautan=tautan).update(dibaca=True)
