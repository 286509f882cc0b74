from django.contrib import admin
from django.urls import include, path

from core.views import halaman_404_publik, verifikasi_dokumen
from organisasi.views import aktivasi_akun

admin.site.site_header = "Administrasi SKP"
admin.site.site_title = "Administrasi SKP"
admin.site.index_title = "Data organisasi dan pegawai"

# A lost database is answered 503 "coba lagi", anything else with templates/500.html.
handler500 = "core.views.galat_server"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Public and short: printed under the QR code of every signed document (SKP, evaluation).
    # A bad token gets the Indonesian 404 page also in development.
    path("v/<str:token>/", halaman_404_publik(verifikasi_dokumen), name="verifikasi_dokumen"),
    # Public: a pegawai without email sets a password with the code of an activation letter.
    path("aktivasi/", aktivasi_akun, name="aktivasi_akun"),
    path("organisasi/", include("organisasi.urls")),
    path("perencanaan/", include("perencanaan.urls")),
    path("skp/", include("skp.urls")),
    path("indikator/", include("indikator.urls")),
    path("penilaian/", include("penilaian.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("", include("core.urls")),
]
