from django.contrib import admin
from django.urls import include, path

from skp.views import verifikasi_dokumen

admin.site.site_header = "Administrasi SKP"
admin.site.site_title = "Administrasi SKP"
admin.site.index_title = "Data organisasi dan pegawai"

# A lost database is answered 503 "coba lagi", anything else with templates/500.html.
handler500 = "core.views.galat_server"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Public and short: printed under the QR code of every signed SKP.
    path("v/<str:token>/", verifikasi_dokumen, name="verifikasi_dokumen"),
    path("organisasi/", include("organisasi.urls")),
    path("perencanaan/", include("perencanaan.urls")),
    path("skp/", include("skp.urls")),
    path("indikator/", include("indikator.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("", include("core.urls")),
]
