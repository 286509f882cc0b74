"""Each page group keeps its routes beside its views (penilaian/views/<group>.py)."""

from penilaian.views import bawahan as views_bawahan
from penilaian.views import detail

app_name = "penilaian"

urlpatterns = [*detail.urlpatterns]
urlpatterns += views_bawahan.urlpatterns
