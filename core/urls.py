from django.contrib.auth import views as auth_views
from django.urls import path

from core import views
from core.forms import MasukForm

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            authentication_form=MasukForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("kata-sandi/ubah/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "kata-sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "kata-sandi/reset/",
        views.ResetKataSandiView.as_view(),
        name="password_reset",
    ),
    path(
        "kata-sandi/reset/terkirim/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "kata-sandi/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "kata-sandi/reset/selesai/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
