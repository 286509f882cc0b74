from datetime import date, datetime, timedelta

from django import template
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist

from core.throttle import durasi_teks
from organisasi.nip import format_nip

register = template.Library()


@register.filter
def nip(nilai: str | None) -> str:
    """Prints a NIP grouped as on official documents: 19860926 201505 1 001."""
    return format_nip(nilai or "")


@register.filter
def durasi(nilai: timedelta | None) -> str:
    """A wait in words: "15 menit", "1 jam 5 menit"."""
    return durasi_teks(nilai) if nilai else ""


@register.filter
def nama_orang(user: AbstractBaseUser | None) -> str:
    """Who did something, as colleagues know them: the pegawai's name with gelar, else the login
    name (a superuser without a pegawai); "-" when the login is gone. Load the user with
    `select_related("...__pegawai")` to keep a list free of one query per row."""
    if user is None:
        return "-"
    try:
        return user.pegawai.nama_lengkap
    except ObjectDoesNotExist:
        return user.get_username()


@register.filter
def tanggal_id(nilai: date | datetime | None) -> str:
    """ "31 Desember 2026" (core.pdf.tanggal_indonesia), in the project's timezone; "-" for none."""
    if not nilai:
        return "-"
    from core.pdf import tanggal_indonesia  # WeasyPrint loads only when a page uses this

    return tanggal_indonesia(nilai)
