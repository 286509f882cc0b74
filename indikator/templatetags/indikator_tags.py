"""Indicator quality on the SKP pages, computed from objects already in the template context
(the SKP page prefetches RHK and indicators, so the per-indicator tags make no queries)."""

from django import template

from indikator import access
from indikator.selectors import (
    analisis_indikator,
    analisis_isian,
    indikator_mirip,
    ringkasan_rhk,
    skp_disalin_utuh,
)

register = template.Library()


@register.inclusion_tag("indikator/_temuan.html")
def temuan_form(form, id_form: str) -> dict:
    """Findings of the indicator form: what was posted (after a failed save) or what the
    edited indicator holds. Empty for a new, untouched form. After a refused save the reasons
    are said here too ("Belum dapat disimpan"), as the live check says them while typing."""
    data = form.data if form.is_bound else form.initial
    ditolak = [p for daftar in form.errors.values() for p in daftar] if form.is_bound else []
    return {"hasil": analisis_isian(data), "id_temuan": f"temuan-{id_form}", "ditolak": ditolak}


@register.inclusion_tag("indikator/_temuan_tersimpan.html")
def temuan_indikator(ind) -> dict:
    return {"ind": ind, "hasil": analisis_indikator(ind)}


@register.inclusion_tag("indikator/_ringkasan_rhk.html")
def ringkasan_kualitas(rhk, kolom: int) -> dict:
    """A row under the RHK's indicators: "Kualitas indikator: 2 dari 3 terukur"."""
    return {"rhk": rhk, "ringkasan": ringkasan_rhk(rhk), "kolom": kolom}


@register.inclusion_tag("indikator/_audit_skp.html")
def audit_skp(skp, penilik) -> dict:
    """Overlap with colleagues and copying from last year: for the atasan chain and the admin
    only (indikator.access decides). A few queries, made only for them. `penilik` (who reads
    the page) is passed in, not taken from the request: the SKP page is kept rendered without
    one (core/bagian.py), per viewer."""
    if penilik is None or not access.can(penilik, "lihat_audit", skp):
        return {"tampil": False}
    return {
        "tampil": True,
        "skp": skp,
        "mirip": indikator_mirip(skp),
        "salinan": skp_disalin_utuh(skp),
    }
