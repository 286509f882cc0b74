"""Each page group keeps its routes beside its views (penilaian/views/<group>.py)."""

from penilaian.views import (
    bawahan,
    bukti,
    capaian,
    detail,
    dokumen,
    ekspor,
    kalkulator,
    pegawai,
    penetapan,
    periode,
    rencana_aksi,
    umpan_balik,
)

app_name = "penilaian"

urlpatterns = [
    *detail.urlpatterns,
    *umpan_balik.urlpatterns,
    *pegawai.urlpatterns,
    *bukti.urlpatterns,
    *rencana_aksi.urlpatterns,
    *dokumen.urlpatterns,
    *periode.urlpatterns,
    *bawahan.urlpatterns,
    *kalkulator.urlpatterns,
    *capaian.urlpatterns,
    *penetapan.urlpatterns,
    *ekspor.urlpatterns,
]
