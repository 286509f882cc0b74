"""The login that goes with a pegawai: username = NIP, email and active flag follow the pegawai.

Kept in one place so the import, the Django admin and anything later agree: a pegawai set
inactive can no longer sign in (Django refuses inactive users, also for open sessions), and a
changed email reaches the login, where "Lupa kata sandi" looks for it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.hashers import make_password

from organisasi.models import Pegawai


def selaraskan_akun(pegawai: Pegawai) -> AbstractBaseUser:
    """Creates the pegawai's login when missing (no usable password: the person sets one via
    "Lupa kata sandi") and brings its username, email and active flag in line."""
    User = get_user_model()
    user = pegawai.user
    if user is None:
        user = User.objects.filter(username=pegawai.nip).first() or User(
            username=pegawai.nip, password=make_password(None)
        )
    nilai = {"username": pegawai.nip, "email": pegawai.email, "is_active": pegawai.aktif}
    berubah = user.pk is None or any(getattr(user, k) != v for k, v in nilai.items())
    if berubah:
        for k, v in nilai.items():
            setattr(user, k, v)
        user.save()
    if pegawai.user_id != user.pk:
        pegawai.user = user
        pegawai.save(update_fields=["user"])
    return user
