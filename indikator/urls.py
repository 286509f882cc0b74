from django.urls import path

from indikator import views

app_name = "indikator"
urlpatterns = [
    path("periksa/", views.periksa, name="periksa"),
    path("laporan/", views.laporan, name="laporan"),
    path("laporan/temuan/<str:kode>/", views.laporan_temuan, name="laporan_temuan"),
]
