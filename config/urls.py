from django.contrib import admin
from django.urls import include, path

from skp.views import verifikasi_dokumen

admin.site.site_header = "Administrasi SKP"
admin.site.site_title = "Administrasi SKP"
admin.site.index_title = "Data organisasi dan pegawai"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Public and short: printed under the QR code of every signed SKP.
    path("v/<str:token>/", verifikasi_dokumen, name="verifikasi_dokumen"),
    path("organisasi/", include("organisasi.urls")),
    path("perencanaan/", include("perencanaan.urls")),
    path("skp/", include("skp.urls")),
    path("indikator/", include("indikator.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("", include("core.urls")),
]
