from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.rincian import konteks_rincian
from core.unduhan import lampiran
from core.unggahan import ImporDitolak, tampilkan_penolakan
from organisasi.models import UnitKerja
from perencanaan import access, selectors, services
from perencanaan.ekspor import renstra_xlsx
from perencanaan.forms import TemplatForm, UnggahRenstraForm
from perencanaan.models import ImporRenstra, Renstra
from perencanaan.templat import templat_renstra_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unduhan(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=XLSX)
    response["Content-Disposition"] = lampiran(nama)
    return response


@login_required
def renstra_list(request: HttpRequest) -> HttpResponse:
    daftar = selectors.daftar_renstra(access.visible_renstra(request.user))
    return render(
        request,
        "perencanaan/renstra_list.html",
        {"daftar": daftar, "boleh_impor": access.can(request.user, "impor_renstra")},
    )


def _tahun_dipilih(request: HttpRequest, renstra: Renstra, ada: list[int]) -> int:
    """The Renja year asked for, else this year if it has a Renja, else the first that has one."""
    try:
        diminta = int(request.GET.get("tahun", ""))
    except ValueError:
        diminta = 0
    if diminta in renstra.daftar_tahun:
        return diminta
    tahun_ini = timezone.localdate().year
    if tahun_ini in ada:
        return tahun_ini
    return ada[0] if ada else renstra.tahun_awal


@login_required
def renstra_detail(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = access.get_renstra_for_user(request.user, pk)
    tahun_ada = selectors.tahun_renja(renstra)
    tahun = _tahun_dipilih(request, renstra, tahun_ada)
    program, total_pagu = selectors.renja(renstra, tahun)
    konteks = {
        "renstra": renstra,
        "tahun": tahun,
        "tahun_ada": tahun_ada,
        "program": program,
        "total_pagu": total_pagu,
    }
    if request.htmx:
        return render(request, "perencanaan/renstra_detail.html#renja", konteks)
    boleh_riwayat = access.can(request.user, "lihat_riwayat", renstra)
    konteks |= {
        "pohon": selectors.pohon_renstra(renstra),
        "lebar": len(renstra.daftar_tahun) + 4,
        "boleh_impor": boleh_riwayat,
        "riwayat": (
            selectors.riwayat_impor(ImporRenstra.objects.filter(unit=renstra.unit))[:10]
            if boleh_riwayat
            else None
        ),
    }
    return render(request, "perencanaan/renstra_detail.html", konteks)


@login_required
def renstra_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    renstra = access.get_renstra_for_user(request.user, pk)
    return _unduhan(renstra_xlsx(renstra), f"renstra_{renstra.unit.kode}_{renstra.periode}.xlsx")


def _unit_pilihan(request: HttpRequest) -> QuerySet[UnitKerja]:
    """The OPD offered in the upload form: top-level units, and any unit that already has a
    Renstra (a Renstra of a lower unit can be loaded with the impor_renstra command)."""
    return (
        access.unit_untuk_impor(request.user)
        .filter(Q(induk__isnull=True) | Q(renstra__isnull=False))
        .distinct()
        .order_by("instansi__nama", "kode")
    )


def _periode_bawaan(request: HttpRequest) -> str:
    terakhir = access.visible_impor(request.user).order_by("-dibuat", "-pk").first()
    if terakhir:
        return terakhir.periode
    # National planning runs in five-year blocks from 2025 (RPJMN/RPJMD 2025-2029).
    awal = 2025 + (timezone.localdate().year - 2025) // 5 * 5
    return f"{awal}-{awal + 4}"


@login_required
@require_http_methods(["GET", "POST"])
def impor_renstra(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "impor_renstra")
    form = UnggahRenstraForm(
        request.POST or None,
        request.FILES or None,
        unit=_unit_pilihan(request),
        # "Unggah pembaruan" on a Renstra page passes its OPD and period along.
        initial={
            "periode": request.GET.get("periode") or _periode_bawaan(request),
            "unit": request.GET.get("unit"),
        },
    )
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        data = services.impor_pratinjau(
            user=request.user,
            unit=form.cleaned_data["unit"],
            periode=form.cleaned_data["periode"],
            berkas=berkas,
            nama_berkas=berkas.name,
        )
        return redirect("perencanaan:impor_pratinjau", pk=data.pk)
    riwayat = selectors.riwayat_impor(access.visible_impor(request.user))[:50]
    return render(request, "perencanaan/impor.html", {"form": form, "riwayat": riwayat})


@login_required
def templat_renstra(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "impor_renstra")
    form = TemplatForm(request.GET, unit=access.unit_untuk_impor(request.user))
    if not form.is_valid():
        for kesalahan in form.errors.get("periode", ["Periode tidak sah."]):
            messages.error(request, f"Templat tidak dapat dibuat: {kesalahan}")
        return redirect("perencanaan:impor")
    periode, unit = form.cleaned_data["periode"], form.cleaned_data["unit"]
    nama = f"templat_renstra_{unit.kode + '_' if unit else ''}{periode}.xlsx"
    return _unduhan(templat_renstra_xlsx(periode, unit), nama)


def _impor_milik(request: HttpRequest, pk: int) -> ImporRenstra:
    # 404 for an upload of an instansi the user does not administer: its existence is not told.
    # The checked rows are only needed to apply, which reads them itself.
    return get_object_or_404(
        ImporRenstra.objects.select_related(
            "unit__instansi", "diunggah_oleh__pegawai", "renstra"
        ).defer("data", "rincian"),
        pk=pk,
        pk__in=access.visible_impor(request.user).values("pk"),
    )


@login_required
def impor_pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_renstra")
    data = _impor_milik(request, pk)
    konteks = {
        "impor": data,
        **konteks_rincian(
            data.rincian_ikhtisar,
            # The full description only when a group is opened: it may be megabytes.
            lambda: ImporRenstra.objects.values_list("rincian", flat=True).get(pk=data.pk),
            tampil=request.GET.get("tampil"),
            kelompok=request.GET.get("kelompok"),
            halaman=request.GET.get("halaman"),
        ),
    }
    return render(request, "perencanaan/impor_pratinjau.html", konteks)


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_renstra")
    data = _impor_milik(request, pk)
    try:
        data = services.impor_terapkan(
            user=request.user,
            impor_id=data.pk,
            paham_penting=request.POST.get("paham_penting") == "ya",
        )
    except ImporDitolak as e:
        tampilkan_penolakan(request, e)
        return redirect("perencanaan:impor_pratinjau", pk=pk)
    baru = sum(h["baru"] for h in data.ringkasan["hitungan"])
    diubah = sum(h["diubah"] for h in data.ringkasan["hitungan"])
    messages.success(
        request,
        f"Impor diterapkan: {baru} data baru, {diubah} diubah. Renstra {data.unit} "
        f"{data.periode} kini seperti di bawah ini.",
    )
    return redirect("perencanaan:renstra_detail", pk=data.renstra_id)
