"""Each page group keeps its routes beside its views (penilaian/views/<group>.py)."""

from penilaian.views import detail, periode

app_name = "penilaian"

urlpatterns = [*detail.urlpatterns, *periode.urlpatterns]
