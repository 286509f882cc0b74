from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.unggahan import ImporDitolak, tampilkan_penolakan
from organisasi import access, services
from organisasi.forms import AkhiriPltForm, PltForm, UnggahPegawaiForm
from organisasi.models import ImporPegawai, Instansi, PenugasanSementara
from organisasi.selectors import (
    daftar_pegawai,
    daftar_plt,
    instansi_dikelola,
    jabatan_atasan,
    penilai_per_pegawai,
)
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
    riwayat = ImporPegawai.objects.filter(instansi__in=dikelola).select_related(
        "instansi", "diunggah_oleh"
    )[:20]
    return render(request, "organisasi/impor.html", {"form": form, "riwayat": riwayat})


def _impor_milik(request: HttpRequest, pk: int) -> ImporPegawai:
    # 404 for an import of an instansi the user does not administer: its existence is not told.
    return get_object_or_404(
        ImporPegawai.objects.select_related("instansi", "diunggah_oleh"),
        pk=pk,
        instansi__in=instansi_dikelola(request.user),
    )


@login_required
def impor_pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    return render(request, "organisasi/impor_pratinjau.html", {"impor": _impor_milik(request, pk)})


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    data = _impor_milik(request, pk)
    try:
        data = services.impor_terapkan(user=request.user, impor_id=data.pk)
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


# --- Plt/Plh --------------------------------------------------------------------------------


def _instansi_plt(request: HttpRequest) -> Instansi:
    """The instansi whose Plt/Plh the page shows: the one chosen (?instansi=, only among those
    the user administers; another is not told to exist), else the first."""
    access.require(request.user, "kelola_plt")
    dikelola = instansi_dikelola(request.user).order_by("nama")
    pilih = request.GET.get("instansi") or request.POST.get("instansi") or ""
    if not pilih:
        return dikelola.first()
    instansi = dikelola.filter(pk=int(pilih)).first() if pilih.isdigit() else None
    if instansi is None:
        raise Http404("Instansi tidak ditemukan.")
    return instansi


def _url_plt(instansi: Instansi, jangkar: str = "") -> str:
    return f"{reverse('organisasi:plt')}?instansi={instansi.pk}" + (
        f"#{jangkar}" if jangkar else ""
    )


# The model's errors name its fields; the form asks for the pegawai by NIP.
_KOLOM_FORM_PLT = {"pegawai": "nip", "jabatan": "jabatan", "mulai": "mulai", "selesai": "selesai",
                   "jenis": "jenis", "nomor_sk": "nomor_sk"}  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def plt(request: HttpRequest) -> HttpResponse:
    """Plt/Plh of the admin's instansi: the list with dates, position and person, and a form to
    record one. Ending one early is `plt_akhiri`."""
    instansi = _instansi_plt(request)
    cari = request.GET.get("cari", "").strip()[:100]
    dikirim = request.method == "POST"
    form = PltForm(
        request.POST if dikirim else None,
        instansi=instansi,
        # A posted choice is checked against every position, whatever the search showed.
        jabatan=jabatan_atasan(instansi, "" if dikirim else cari),
        initial={"mulai": timezone.localdate()},
    )
    if dikirim and form.is_valid():
        d = form.cleaned_data
        try:
            baru = services.plt_tambah(
                user=request.user, jabatan=d["jabatan"], pegawai=d["nip"], jenis=d["jenis"],
                mulai=d["mulai"], selesai=d["selesai"], nomor_sk=d["nomor_sk"],
            )  # fmt: skip
        except ValidationError as e:
            for kolom, pesan in e.message_dict.items():
                form.add_error(_KOLOM_FORM_PLT.get(kolom), pesan)
        else:
            messages.success(
                request,
                f"{baru.get_jenis_display()} {baru.jabatan.nama} dicatat: "
                f"{baru.pegawai.nama_lengkap}, {baru.mulai:%d-%m-%Y} s.d. {baru.selesai:%d-%m-%Y}.",
            )
            return redirect(_url_plt(instansi, f"plt-{baru.pk}"))
    halaman = Paginator(daftar_plt(instansi), 50).get_page(request.GET.get("halaman"))
    return render(
        request,
        "organisasi/plt.html",
        {
            "form": form,
            "form_akhiri": AkhiriPltForm(initial={"selesai": timezone.localdate()}),
            "halaman": halaman,
            "instansi": instansi,
            "daftar_instansi": instansi_dikelola(request.user).order_by("nama"),
            "cari": cari,
            "hari_ini": timezone.localdate(),
        },
    )


@login_required
@require_POST
def plt_akhiri(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "kelola_plt")
    # 404 for another instansi's: its existence is not told.
    penugasan = get_object_or_404(
        PenugasanSementara.objects.select_related("jabatan__instansi"),
        pk=pk,
        jabatan__instansi__in=instansi_dikelola(request.user),
    )
    form = AkhiriPltForm(request.POST)
    instansi = penugasan.jabatan.instansi
    if not form.is_valid():
        for pesan in form.errors["selesai"]:
            messages.error(request, pesan)
        return redirect(_url_plt(instansi, f"plt-{pk}"))
    try:
        penugasan = services.plt_akhiri(
            user=request.user, penugasan=penugasan, selesai=form.cleaned_data["selesai"]
        )
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(
            request,
            f"{penugasan.get_jenis_display()} {penugasan.jabatan.nama} "
            f"({penugasan.pegawai.nama_lengkap}) diakhiri; hari terakhirnya "
            f"{penugasan.selesai:%d-%m-%Y}.",
        )
    return redirect(_url_plt(instansi, f"plt-{pk}"))
