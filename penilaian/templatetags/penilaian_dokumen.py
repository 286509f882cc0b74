from django import template

from penilaian import evaluasi
from penilaian.dokumen import dokumen_terbit, rating_terakhir
from penilaian.models import DokumenEvaluasi, DokumenPenilaian, PenilaianPeriodik

register = template.Library()


def _tandai(penilaian: PenilaianPeriodik, daftar: list) -> list:
    if not daftar:
        return daftar
    terakhir = rating_terakhir(penilaian)
    pengganti = None
    for dokumen in daftar:
        dokumen.diganti_versi = pengganti
        dokumen.berlaku = terakhir is not None and dokumen.riwayat_id == terakhir.pk
        pengganti = dokumen.versi
    return daftar


@register.simple_tag
def dokumen_penilaian(penilaian: PenilaianPeriodik) -> list[DokumenPenilaian]:
    """The issued versions of the evaluation form, newest first, each with `diganti_versi` (the
    version that replaced it) and `berlaku` (it shows the current rating)."""
    return _tandai(penilaian, dokumen_terbit(penilaian))


@register.simple_tag
def dokumen_evaluasi(penilaian: PenilaianPeriodik) -> list[DokumenEvaluasi]:
    """The same for the Dokumen Evaluasi Kinerja Pegawai (each with its `format`)."""
    return _tandai(penilaian, list(evaluasi.dokumen_terbit(penilaian)))
