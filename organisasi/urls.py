from django.urls import path

from organisasi import views

app_name = "organisasi"
urlpatterns = [
    path("pegawai/", views.pegawai_list, name="pegawai_list"),
    path("impor/", views.impor_pegawai, name="impor_pegawai"),
    path("impor/templat.xlsx", views.templat_pegawai, name="templat_pegawai"),
    path("impor/<int:pk>/", views.impor_pratinjau, name="impor_pratinjau"),
    path("impor/<int:pk>/terapkan/", views.impor_terapkan, name="impor_terapkan"),
    path("aktivasi/", views.aktivasi, name="aktivasi"),
    path("aktivasi/cetak/", views.aktivasi_cetak, name="aktivasi_cetak"),
    path("aktivasi/<int:pk>/", views.aktivasi_pegawai, name="aktivasi_pegawai"),
    path("plt/", views.plt, name="plt"),
    path("plt/<int:pk>/akhiri/", views.plt_akhiri, name="plt_akhiri"),
]
