from django.urls import path

from perencanaan import views

app_name = "perencanaan"
urlpatterns = [
    path("", views.renstra_list, name="renstra_list"),
    path("renstra/<int:pk>/", views.renstra_detail, name="renstra_detail"),
    path("renstra/<int:pk>/unduh.xlsx", views.renstra_unduh, name="renstra_unduh"),
    path("impor/", views.impor_renstra, name="impor"),
    path("impor/templat.xlsx", views.templat_renstra, name="templat"),
    path("impor/<int:pk>/", views.impor_pratinjau, name="impor_pratinjau"),
    path("impor/<int:pk>/terapkan/", views.impor_terapkan, name="impor_terapkan"),
]
