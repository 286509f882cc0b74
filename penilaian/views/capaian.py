"""Capaian Kinerja Organisasi: the leader one level above a unit head (or the admin of the
instansi on their behalf) sets each unit's capaian per period; one form per unit, PRG."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from organisasi.models import Instansi, UnitKerja
from organisasi.selectors import instansi_dikelola, pegawai_dari_user
from penilaian import access
from penilaian.capaian import capaian_banyak, unit_dipimpin
from penilaian.distribusi import CapaianOrganisasi
from penilaian.models import Periode
from penilaian.penetapan import penetapan_banyak
from penilaian.periode import periode_berjalan, periode_dari_id, periode_tahun
from penilaian.services.capaian import tetapkan_capaian


def _instansi(request: HttpRequest) -> Instansi:
    pegawai = pegawai_dari_user(request.user)
    if pegawai is not None:
        return pegawai.instansi
    instansi = instansi_dikelola(request.user).first()
    if instansi is None:
        raise PermissionDenied("Anda tidak terdaftar sebagai pegawai atau admin instansi.")
    return instansi


def _periode(teks: str, instansi: Instansi) -> Periode:
    if not teks.isdigit():
        return periode_berjalan(instansi)
    periode = periode_dari_id(instansi, int(teks))
    if periode is None:
        raise Http404("Periode penilaian tidak ditemukan.")
    return periode


def _unit(request: HttpRequest, instansi: Instansi) -> list[UnitKerja]:
    """For the admin every unit of the instansi; for a leader the units they lead from above."""
    if access.admin_instansi(request.user, instansi.pk):
        return list(UnitKerja.objects.filter(instansi=instansi).order_by("kode"))
    pegawai = pegawai_dari_user(request.user)
    return unit_dipimpin(pegawai) if pegawai else []


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    access.require_buka_capaian(request.user)
    instansi = _instansi(request)
    periode = _periode(request.GET.get("periode", ""), instansi)
    unit = _unit(request, instansi)
    penetapan = penetapan_banyak([u.pk for u in unit], periode)
    baris = [(b, lama, penetapan.get(b.unit.pk)) for b, lama in capaian_banyak(unit, periode)]
    konteks = {
        "periode": periode,
        "daftar_periode": [
            p for t in (periode.tahun - 1, periode.tahun) for p in periode_tahun(instansi, t)
        ],
        "baris": baris,
        "pilihan": CapaianOrganisasi.choices,
    }
    if request.htmx:
        return render(request, "penilaian/capaian.html#isi", konteks)
    return render(request, "penilaian/capaian.html", konteks)


@login_required
@require_POST
def tetapkan(request: HttpRequest, unit_pk: int, periode_pk: int) -> HttpResponse:
    instansi = _instansi(request)
    unit = get_object_or_404(UnitKerja, pk=unit_pk, instansi=instansi)
    periode = get_object_or_404(Periode, pk=periode_pk, instansi=instansi)
    if not access.boleh_tetapkan_capaian(request.user, unit):
        raise PermissionDenied(
            f"Anda tidak memimpin {unit.nama} dari satu tingkat di atas kepala unitnya."
        )
    try:
        c = tetapkan_capaian(
            user=request.user, unit_kerja=unit, periode=periode,
            capaian=request.POST.get("capaian", ""), catatan=request.POST.get("catatan", ""),
        )  # fmt: skip
    except ValidationError as e:
        messages.error(request, f"Capaian {unit.nama} belum tersimpan. " + " ".join(e.messages))
    else:
        messages.success(
            request, f"Capaian kinerja organisasi {unit.nama} {periode}: {c.get_capaian_display()}."
        )
    return redirect(f"{reverse('penilaian:capaian')}?periode={periode.pk}#unit-{unit.pk}")


urlpatterns = [
    path("capaian/", daftar, name="capaian"),
    path("capaian/<int:unit_pk>/<int:periode_pk>/", tetapkan, name="capaian_tetapkan"),
]
