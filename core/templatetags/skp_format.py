from datetime import timedelta

from django import template

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
