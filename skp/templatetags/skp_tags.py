from django import template
from django.utils import timezone
from django.utils.dateformat import format as format_tanggal

from skp.models import IndikatorKinerja, StatusSkp
from skp.target import tampil_angka

register = template.Library()

WARNA_STATUS = {
    StatusSkp.DRAF: "text-bg-secondary",
    StatusSkp.DIAJUKAN: "text-bg-info",
    StatusSkp.DIKEMBALIKAN: "text-bg-warning",
    StatusSkp.DISETUJUI: "text-bg-success",
    StatusSkp.DIGANTI: "text-bg-light border",
}


@register.filter
def target(indikator: IndikatorKinerja) -> str:
    """ "12 dokumen", "90–100 %", "paling lambat 31 Desember 2026"."""
    if indikator.target_min is None and indikator.target_tanggal is not None:
        return f"paling lambat {format_tanggal(indikator.target_tanggal, 'j F Y')}"
    angka = tampil_angka(indikator.target_min)
    if indikator.target_maks is not None and indikator.target_maks != indikator.target_min:
        angka = f"{angka}–{tampil_angka(indikator.target_maks)}"
    return f"{angka} {indikator.satuan}".strip()


@register.filter
def titik_penutup(teks: str) -> str:
    """The full stop after a name that ends a sentence, unless the name ends with one already
    ("... menunggu keputusan <strong>Agus Prasetyo, S.E.</strong>")."""
    return "" if str(teks or "").rstrip().endswith(".") else "."


@register.filter
def daftar_baris(teks: str) -> list[str]:
    return [b for b in (teks or "").splitlines() if b.strip()]


@register.filter
def warna_status(status: str) -> str:
    return WARNA_STATUS.get(status, "text-bg-secondary")


@register.simple_tag
def tahun_ini() -> int:
    return timezone.localdate().year
