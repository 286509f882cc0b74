"""Each page group keeps its routes beside its views (monitoring/views/<group>.py)."""

from monitoring.views import audit, dasbor, jurnal, pegawai, tinjauan

app_name = "monitoring"

urlpatterns = [
    *audit.urlpatterns,
    *dasbor.urlpatterns,
    *jurnal.urlpatterns,
    *pegawai.urlpatterns,
    *tinjauan.urlpatterns,
]
