"""Rencana aksi of an SKP: per RHK the steps and targets per period. The owner of an approved
SKP adds and removes them; everyone who may see the SKP (the penilai, the atasan chain, the
admin) reads them here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods, require_POST

from penilaian import access
from penilaian.forms_pegawai import RencanaAksiForm
from penilaian.models import RencanaAksi
from penilaian.services import rencana_aksi as services
from skp.access import get_skp_for_user
from skp.models import IndikatorKinerja, RencanaHasilKerja


def _konteks(request: HttpRequest, skp, form=None, form_rhk: int | None = None) -> dict:
    periode = services.pilihan_periode(skp)
    nama = dict(periode)
    boleh = access.can_ubah_rencana_aksi(request.user, skp)
    daftar = list(
        RencanaHasilKerja.objects.filter(skp=skp).prefetch_related(
            Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk")),
            "rencana_aksi",
        )
    )
    for rhk in daftar:
        rhk.daftar_aksi = list(rhk.rencana_aksi.all())
        for ra in rhk.daftar_aksi:
            ra.nama_periode = nama.get(ra.nomor_periode, ra.nomor_periode)
        if boleh:
            rhk.form = (
                form
                if form is not None and form_rhk == rhk.pk
                else RencanaAksiForm(periode=periode, rhk_pk=rhk.pk)
            )
    return {
        "skp": skp,
        "daftar": daftar,
        "boleh_ubah": boleh,
        "pemilik": skp.pegawai.user_id == request.user.pk,
    }


def _render(request: HttpRequest, konteks: dict, rhk=None) -> HttpResponse:
    if request.htmx and rhk is not None:
        return render(
            request, "penilaian/rencana_aksi.html#rencana-aksi-rhk", {**konteks, "rhk": rhk}
        )
    if request.htmx:
        return render(request, "penilaian/rencana_aksi.html#daftar-rencana-aksi", konteks)
    return render(request, "penilaian/rencana_aksi.html", konteks)


def _kembali(request: HttpRequest, skp, rhk_pk: int) -> HttpResponse:
    if request.htmx:
        konteks = _konteks(request, skp)
        rhk = next(r for r in konteks["daftar"] if r.pk == rhk_pk)
        return _render(request, konteks, rhk)
    return redirect(f"{reverse('penilaian:rencana_aksi', args=[skp.pk])}#rhk-{rhk_pk}")


@login_required
@require_http_methods(["GET", "POST"])
def rencana_aksi(request: HttpRequest, skp_id: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, skp_id)  # 404 for who may not see the SKP
    if request.method == "GET":
        return _render(request, _konteks(request, skp))
    if not access.can_ubah_rencana_aksi(request.user, skp):
        raise PermissionDenied(services.PESAN_DITOLAK)
    try:
        rhk_pk = int(request.POST.get("rhk", ""))
        rhk = RencanaHasilKerja.objects.get(pk=rhk_pk, skp=skp)
    except (ValueError, RencanaHasilKerja.DoesNotExist):
        raise Http404("RHK tidak ditemukan pada SKP ini.") from None
    form = RencanaAksiForm(request.POST, periode=services.pilihan_periode(skp), rhk_pk=rhk.pk)
    if form.is_valid():
        try:
            services.rencana_aksi_tambah(user=request.user, rhk=rhk, **form.cleaned_data)
        except ValidationError as e:
            for nama, galat in e.message_dict.items():
                form.add_error(nama if nama in form.fields else None, galat)
        else:
            messages.success(request, "Rencana aksi ditambahkan.")
            return _kembali(request, skp, rhk.pk)
    konteks = _konteks(request, skp, form, rhk.pk)
    return _render(request, konteks, next(r for r in konteks["daftar"] if r.pk == rhk.pk))


@login_required
@require_POST
def hapus(request: HttpRequest, skp_id: int, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, skp_id)
    ra = RencanaAksi.objects.filter(pk=pk, rhk__skp=skp).select_related("rhk").first()
    if ra is None:
        raise Http404("Rencana aksi tidak ditemukan.")
    services.rencana_aksi_hapus(user=request.user, rencana_aksi=ra)  # 403 for others
    messages.success(request, "Rencana aksi dihapus.")
    return _kembali(request, skp, ra.rhk_id)


urlpatterns = [
    path("skp/<int:skp_id>/rencana-aksi/", rencana_aksi, name="rencana_aksi"),
    path("skp/<int:skp_id>/rencana-aksi/<int:pk>/hapus/", hapus, name="rencana_aksi_hapus"),
]
