"""Each page group keeps its routes beside its views (monitoring/views/<group>.py)."""

from monitoring.views import audit, jurnal, pegawai, tinjauan

app_name = "monitoring"

urlpatterns = [
    *audit.urlpatterns,
    *jurnal.urlpatterns,
    *pegawai.urlpatterns,
    *tinjauan.urlpatterns,
]
