"""Notifications about an evaluation page become read when their recipient opens that page (or
comes back to it after acting, which the redirect after every action does)."""

from django.contrib.auth.models import AbstractBaseUser

from skp.services.notifikasi import tandai_dibaca_tautan


def tandai_dibaca_halaman(*, user: AbstractBaseUser, tautan: str) -> int:
    """Marks read every unread notification of `user` that opens `tautan` (a path)."""
    return tandai_dibaca_tautan(user=user, tautan=tautan)
