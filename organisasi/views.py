from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.rincian import konteks_rincian
from core.unggahan import ImporDitolak, tampilkan_penolakan
from organisasi import access, services
from organisasi.forms import UnggahPegawaiForm
from organisasi.models import ImporPegawai
from organisasi.selectors import daftar_pegawai, instansi_dikelola, penilai_per_pegawai
from organisasi.templat import templat_pegawai_xlsx


@login_required
@require_http_methods(["GET", "POST"])
def impor_pegawai(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    dikelola = instansi_dikelola(request.user)
    dikirim = request.method == "POST"  # an empty POST must still show "wajib diisi" errors
    form = UnggahPegawaiForm(
        request.POST if dikirim else None, request.FILES if dikirim else None, instansi=dikelola
    )
    if dikirim and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        data = services.impor_pratinjau(
            user=request.user,
            instansi=form.cleaned_data["instansi"],
            berkas=berkas,
            nama_berkas=berkas.name,
        )
        return redirect("organisasi:impor_pratinjau", pk=data.pk)
    riwayat = (
        ImporPegawai.objects.filter(instansi__in=dikelola)
        .select_related("instansi", "diunggah_oleh__pegawai")
        # The rows of a preview of 20,000 pegawai are not shown here.
        .defer("baris", "rincian", "rincian_ikhtisar")
    )[:20]
    return render(request, "organisasi/impor.html", {"form": form, "riwayat": riwayat})


def _impor_milik(request: HttpRequest, pk: int) -> ImporPegawai:
    # 404 for an import of an instansi the user does not administer: its existence is not told.
    # The parsed rows are only needed to apply, which reads them itself.
    return get_object_or_404(
        ImporPegawai.objects.select_related("instansi", "diunggah_oleh__pegawai").defer(
            "baris", "rincian"
        ),
        pk=pk,
        instansi__in=instansi_dikelola(request.user),
    )


@login_required
def impor_pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    data = _impor_milik(request, pk)
    konteks = {
        "impor": data,
        **konteks_rincian(
            data.rincian_ikhtisar,
            # The full description only when a group is opened: it may be megabytes.
            lambda: ImporPegawai.objects.values_list("rincian", flat=True).get(pk=data.pk),
            tampil=request.GET.get("tampil"),
            kelompok=request.GET.get("kelompok"),
            halaman=request.GET.get("halaman"),
        ),
    }
    return render(request, "organisasi/impor_pratinjau.html", konteks)


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    data = _impor_milik(request, pk)
    try:
        data = services.impor_terapkan(
            user=request.user,
            impor_id=data.pk,
            paham_penting=request.POST.get("paham_penting") == "ya",
        )
    except ImporDitolak as e:
        tampilkan_penolakan(request, e)
        return redirect("organisasi:impor_pratinjau", pk=pk)
    ringkasan = data.ringkasan["pegawai"]
    messages.success(
        request,
        f"Impor diterapkan: {ringkasan['baru']} pegawai baru, {ringkasan['diubah']} diubah, "
        f"{ringkasan['tetap']} tidak berubah.",
    )
    return redirect("organisasi:impor_pratinjau", pk=pk)


@login_required
def templat_pegawai(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    response = HttpResponse(
        templat_pegawai_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat_impor_pegawai.xlsx"'
    return response


@login_required
def pegawai_list(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "lihat_pegawai")
    cari = request.GET.get("q", "")
    halaman = Paginator(daftar_pegawai(instansi_dikelola(request.user), cari), 50).get_page(
        request.GET.get("halaman")
    )
    # The pejabat penilai as the workflow finds it: a Plt/Plh in force, or the next position up
    # when the superior position is vacant (not just the definitive holder).
    penilai = penilai_per_pegawai(
        {p.pk: p.jabatan.atasan_id for p in halaman if p.jabatan_id and p.jabatan.atasan_id}
    )
    for p in halaman:
        p.penilai = penilai.get(p.pk)
    konteks = {"halaman": halaman, "cari": cari}
    if request.htmx:
        return render(request, "organisasi/pegawai_list.html#tabel-pegawai", konteks)
    return render(request, "organisasi/pegawai_list.html", konteks)
