from django import template

from organisasi.nip import format_nip

register = template.Library()


@register.filter
def nip(nilai: str | None) -> str:
    """Prints a NIP grouped as on official documents: 19860926 201505 1 001."""
    return format_nip(nilai or "")
