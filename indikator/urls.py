from django.urls import path

from indikator import views

app_name = "indikator"
urlpatterns = [
    path("periksa/", views.periksa, name="periksa"),
    path("laporan/", views.laporan, name="laporan"),
]
