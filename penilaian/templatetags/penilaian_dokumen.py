from django import template

from penilaian.dokumen import dokumen_terbit, rating_terakhir
from penilaian.models import DokumenPenilaian, PenilaianPeriodik

register = template.Library()


@register.simple_tag
def dokumen_penilaian(penilaian: PenilaianPeriodik) -> list[DokumenPenilaian]:
    """The issued versions of the evaluation form, newest first, each with `diganti_versi` (the
    version that replaced it) and `berlaku` (it shows the current rating)."""
    daftar = dokumen_terbit(penilaian)
    if not daftar:
        return daftar
    terakhir = rating_terakhir(penilaian)
    pengganti = None
    for dokumen in daftar:
        dokumen.diganti_versi = pengganti
        dokumen.berlaku = terakhir is not None and dokumen.riwayat_id == terakhir.pk
        pengganti = dokumen.versi
    return daftar
