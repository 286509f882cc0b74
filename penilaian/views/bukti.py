"""Bukti dukung: adding (a link and/or a file) and removing them on the realisasi page, and the
only way a stored file is ever read back: an access-checked download, always as an attachment
and never sniffed by the browser."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from core.unduhan import berkas_unggahan
from penilaian import access, selectors
from penilaian.forms_pegawai import BuktiForm
from penilaian.models import BuktiDukung
from penilaian.services.bukti import bukti_hapus, bukti_tambah
from penilaian.views.pegawai import konteks_realisasi, penilaian_pemilik, render_realisasi


def _ke_bukti(pk: int, rhk_pk: int) -> HttpResponse:
    return redirect(f"{reverse('penilaian:realisasi', args=[pk])}#bukti-{rhk_pk}")


def _bagian_bukti(request: HttpRequest, penilaian, rhk_pk: int, form=None) -> HttpResponse:
    """The RHK's bukti block alone (htmx), with `form` when it came back with errors."""
    konteks = konteks_realisasi(request, penilaian, bukti_form=form, bukti_rhk=rhk_pk)
    baris = next(b for b in konteks["baris"] if b.rhk.pk == rhk_pk)
    return render(request, "penilaian/realisasi.html#bukti-rhk", {**konteks, "b": baris})


@login_required
@require_POST
def tambah(request: HttpRequest, pk: int, rhk_pk: int) -> HttpResponse:
    penilaian = penilaian_pemilik(request, pk)
    baris = next((b for b in selectors.isi_realisasi(penilaian) if b.rhk.pk == rhk_pk), None)
    if baris is None:
        raise Http404("RHK tidak ditemukan pada SKP periode ini.")
    form = BuktiForm(request.POST, request.FILES, baris=baris)
    if form.is_valid():
        try:
            bukti_tambah(
                user=request.user, penilaian=penilaian, rhk_id=rhk_pk,
                indikator_id=form.cleaned_data["indikator"], tautan=form.cleaned_data["tautan"],
                berkas=form.cleaned_data["berkas"], keterangan=form.cleaned_data["keterangan"],
            )  # fmt: skip
        except ValidationError as e:
            if not hasattr(e, "error_dict"):
                messages.warning(request, " ".join(e.messages))
                if request.htmx:
                    return _bagian_bukti(request, penilaian, rhk_pk)
                return _ke_bukti(pk, rhk_pk)
            for nama, galat in e.message_dict.items():
                form.add_error(nama if nama in form.fields else None, galat)
        else:
            messages.success(request, "Bukti dukung ditambahkan.")
            if request.htmx:
                return _bagian_bukti(request, penilaian, rhk_pk)
            return _ke_bukti(pk, rhk_pk)
    if request.htmx:
        return _bagian_bukti(request, penilaian, rhk_pk, form)
    konteks = konteks_realisasi(request, penilaian, bukti_form=form, bukti_rhk=rhk_pk)
    return render_realisasi(request, konteks)


@login_required
@require_POST
def hapus(request: HttpRequest, pk: int, bukti_pk: int) -> HttpResponse:
    penilaian = penilaian_pemilik(request, pk)
    bukti = BuktiDukung.objects.filter(pk=bukti_pk, penilaian=penilaian).first()
    if bukti is None:
        raise Http404("Bukti dukung tidak ditemukan.")
    try:
        bukti_hapus(user=request.user, bukti=bukti)
    except ValidationError as e:
        messages.warning(request, " ".join(e.messages))
    else:
        messages.success(request, f"Bukti dukung “{bukti}” dihapus.")
    if request.htmx:
        return _bagian_bukti(request, penilaian, bukti.rhk_id)
    return _ke_bukti(pk, bukti.rhk_id)


@login_required
@require_GET
def unduh(request: HttpRequest, bukti_pk: int) -> HttpResponse:
    bukti = access.get_bukti_for_user(request.user, bukti_pk)  # 404 for who may not see it
    if not bukti.berkas:
        raise Http404("Bukti dukung ini berupa tautan, bukan berkas.")
    return berkas_unggahan(bukti.berkas, nama=bukti.nama_berkas, jenis=bukti.jenis_berkas)


urlpatterns = [
    path("<int:pk>/bukti/<int:rhk_pk>/tambah/", tambah, name="bukti_tambah"),
    path("<int:pk>/bukti/<int:bukti_pk>/hapus/", hapus, name="bukti_hapus"),
    path("bukti/<int:bukti_pk>/unduh/", unduh, name="bukti_unduh"),
]
