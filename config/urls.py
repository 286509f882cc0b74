from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administrasi SKP"
admin.site.site_title = "Administrasi SKP"
admin.site.index_title = "Data organisasi dan pegawai"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("organisasi/", include("organisasi.urls")),
    path("perencanaan/", include("perencanaan.urls")),
    path("skp/", include("skp.urls")),
    path("indikator/", include("indikator.urls")),
    path("", include("core.urls")),
]
