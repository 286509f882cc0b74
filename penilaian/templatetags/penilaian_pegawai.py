"""Printing realisasi as people read them: numbers in Indonesian notation, dates in words."""

from datetime import date
from decimal import Decimal

from django import template
from django.utils.dateformat import format as format_tanggal

from penilaian.isian import ANGKA, TANGGAL
from skp.target import tampil_angka

register = template.Library()


@register.filter
def angka(nilai: Decimal | None) -> str:
    """1.500 ; 99,5 ; 25."""
    return tampil_angka(nilai) if nilai is not None else ""


@register.filter
def realisasi_tampil(baris) -> str:
    """A BarisIndikator's realisasi as text: "1.500", "20 Maret 2026" or the text itself."""
    r = baris.realisasi
    if r is None:
        return ""
    if baris.jenis == ANGKA:
        return tampil_angka(r.nilai)
    if baris.jenis == TANGGAL:
        try:
            return format_tanggal(date.fromisoformat(r.teks), "j F Y")
        except ValueError:
            return r.teks
    return r.teks
