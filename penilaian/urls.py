"""Each page group keeps its routes beside its views (penilaian/views/<group>.py)."""

from penilaian.views import bukti, detail, kalkulator, pegawai, periode, rencana_aksi

app_name = "penilaian"

urlpatterns = [
    *detail.urlpatterns,
    *pegawai.urlpatterns,
    *bukti.urlpatterns,
    *rencana_aksi.urlpatterns,
    *periode.urlpatterns,
    *kalkulator.urlpatterns,
]
