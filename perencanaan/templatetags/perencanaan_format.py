from decimal import Decimal

from django import template

from perencanaan.angka import tulis_angka, tulis_rupiah

register = template.Library()


@register.filter
def angka(nilai: Decimal | None) -> str:
    """1500 -> "1.500", 85.5 -> "85,5"."""
    return tulis_angka(nilai)


@register.filter
def rupiah(nilai: Decimal | None) -> str:
    """2000000 -> "Rp 2.000.000"."""
    return tulis_rupiah(nilai)
