"""{{ hasil|kurva_distribusi }} or {{ hasil|kurva_distribusi:"kurva-unit-3" }}: the distribution
chart (penilaian.kurva) of a HasilDistribusi, in an HTML page or a WeasyPrint template."""

from django import template
from django.utils.safestring import SafeString

from penilaian.distribusi import HasilDistribusi
from penilaian.kurva import svg_distribusi

register = template.Library()


@register.filter
def kurva_distribusi(hasil: HasilDistribusi | None, id_awalan: str = "kurva") -> SafeString | str:
    return "" if hasil is None else svg_distribusi(hasil, id_awalan=id_awalan)
