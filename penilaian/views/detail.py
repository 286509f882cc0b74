"""One pegawai's evaluation in one period: what was planned, what was realised, the umpan balik,
the ratings and predikat, and the actions `penilaian.access` allows the viewer."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from penilaian import access
from penilaian.workflow import TRANSISI


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = access.get_penilaian_for_user(request.user, pk)
    aksi = {a: access.can(request.user, a, penilaian) for a in TRANSISI}
    return render(
        request,
        "penilaian/detail.html",
        {"penilaian": penilaian, "aksi": aksi, "riwayat": penilaian.riwayat.select_related("oleh")},
    )


urlpatterns = [path("<int:pk>/", detail, name="detail")]
