from django.urls import path

from skp import views

app_name = "skp"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("buat/", views.buat, name="buat"),
    path("bawahan/", views.bawahan, name="bawahan"),
    path("kotak-masuk/", views.kotak_masuk, name="kotak_masuk"),
    path("notifikasi/", views.notifikasi, name="notifikasi"),
    path("ekspor/", views.ekspor, name="ekspor"),
    path("ekspor/<int:pk>/unduh/", views.ekspor_unduh, name="ekspor_unduh"),
    path("ekspor/<int:pk>/ulangi/", views.ekspor_ulangi, name="ekspor_ulangi"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/pdf/", views.unduh_pdf, name="unduh_pdf"),
    path("<int:pk>/pratinjau/", views.pratinjau, name="pratinjau"),
    path("<int:pk>/ajukan/", views.ajukan, name="ajukan"),
    path("<int:pk>/kembalikan/", views.kembalikan, name="kembalikan"),
    path("<int:pk>/setujui/", views.setujui, name="setujui"),
    path("<int:pk>/tarik/", views.tarik, name="tarik"),
    path("<int:pk>/revisi/", views.buka_revisi, name="buka_revisi"),
    path("<int:pk>/alihkan-penilai/", views.alihkan_penilai, name="alihkan_penilai"),
    path(
        "<int:pk>/komentar/<int:komentar_pk>/tandai/",
        views.komentar_tandai,
        name="komentar_tandai",
    ),
    path(
        "<int:pk>/komentar/<int:komentar_pk>/balas/",
        views.komentar_balas,
        name="komentar_balas",
    ),
    path("<int:pk>/bandingkan/<int:pk2>/", views.bandingkan_versi, name="bandingkan"),
    path("<int:pk>/mph/", views.mph, name="mph"),
    path("<int:pk>/hapus/", views.hapus_skp, name="hapus"),
    path("<int:pk>/tautan/", views.pilih_tautan, name="pilih_tautan"),
    path("<int:pk>/rhk/tambah/<str:jenis>/", views.rhk_tambah, name="rhk_tambah"),
    path("<int:pk>/rhk/<int:rhk_pk>/ubah/", views.rhk_ubah, name="rhk_ubah"),
    path("<int:pk>/rhk/<int:rhk_pk>/hapus/", views.rhk_hapus, name="rhk_hapus"),
    path("<int:pk>/rhk/<int:rhk_pk>/pindah/", views.rhk_pindah, name="rhk_pindah"),
    path(
        "<int:pk>/rhk/<int:rhk_pk>/indikator/tambah/",
        views.indikator_tambah,
        name="indikator_tambah",
    ),
    path("<int:pk>/indikator/periksa/", views.indikator_periksa, name="indikator_periksa"),
    path("<int:pk>/indikator/<int:ind_pk>/ubah/", views.indikator_ubah, name="indikator_ubah"),
    path("<int:pk>/indikator/<int:ind_pk>/hapus/", views.indikator_hapus, name="indikator_hapus"),
    path("<int:pk>/lampiran/ubah/", views.lampiran_ubah, name="lampiran_ubah"),
    path("<int:pk>/perilaku/<int:urutan>/ubah/", views.ekspektasi_ubah, name="ekspektasi_ubah"),
]
