"""Each page group keeps its routes beside its views (penilaian/views/<group>.py)."""

from penilaian.views import detail, umpan_balik

app_name = "penilaian"

urlpatterns = [*detail.urlpatterns]
urlpatterns += umpan_balik.urlpatterns
