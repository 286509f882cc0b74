"""Kalkulator Distribusi: what admins and atasan otherwise check with outside spreadsheets. Any
signed-in user may use it (it reveals nothing, saves nothing): capaian and unit size in, the
allowed count per predikat out as a table and as the curve, with the rounding rule stated. A
plain GET form; an htmx request gets only the result partial."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from core.peran import peran_dari_request
from penilaian.distribusi import CapaianOrganisasi, kalimat_pembulatan, periksa
from penilaian.forms_kalkulator import KalkulatorForm
from penilaian.kurva import svg_distribusi
from penilaian.selectors import pembulatan_instansi


def _instansi_pengguna(request: HttpRequest) -> int | None:
    """Whose rounding applies by default: the pegawai's instansi, else the one instansi an admin
    without pegawai data administers; a superuser gets the default."""
    peran = peran_dari_request(request)
    if peran.pegawai is not None:
        return peran.pegawai.instansi_id
    if len(peran.admin_instansi) == 1 and not peran.superuser:
        return peran.admin_instansi[0].pk
    return None


@login_required
@require_GET
def kalkulator(request: HttpRequest) -> HttpResponse:
    bawaan = pembulatan_instansi(_instansi_pengguna(request))
    data = request.GET.copy()
    if not {"capaian", "jumlah"} & set(data):  # first visit: a worked example
        data.update({"capaian": CapaianOrganisasi.BAIK, "jumlah": "7"})
    data.setdefault("pembulatan", bawaan)
    form = KalkulatorForm(data)
    hasil = svg = None
    if form.is_valid():
        d = form.cleaned_data
        hasil = periksa(d["capaian"], d["jumlah"], form.hitungan(), d["pembulatan"])
        svg = svg_distribusi(hasil, id_awalan="kurva-kalkulator")
    konteks = {
        "form": form,
        "hasil": hasil,
        "svg": svg,
        "pembulatan_bawaan": bawaan,
        "kalimat_bawaan": kalimat_pembulatan(bawaan),
    }
    if request.htmx:
        return render(request, "penilaian/kalkulator.html#hasil-kalkulator", konteks)
    return render(request, "penilaian/kalkulator.html", konteks)


urlpatterns = [
    path("kalkulator-distribusi/", kalkulator, name="kalkulator"),
]
