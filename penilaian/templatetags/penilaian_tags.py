from decimal import Decimal

from django import template

from skp.target import tampil_angka

register = template.Library()


@register.filter
def angka(nilai: Decimal | None) -> str:
    """A realisasi in Indonesian notation: 1.500.000 ; 99,5 ; 13."""
    return tampil_angka(nilai)
