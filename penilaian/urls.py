"""Each page group keeps its routes beside its views (penilaian/views/<group>.py)."""

from penilaian.views import detail, periode
from penilaian.views import dokumen as views_dokumen

app_name = "penilaian"

urlpatterns = [*detail.urlpatterns, *periode.urlpatterns]
urlpatterns += views_dokumen.urlpatterns
