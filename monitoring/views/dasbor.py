"""The dashboards: Dasbor Kinerja (one's own), Dasbor Tim (an atasan's bawahan, the one who needs
attention first; the team of a bawahan lower in the chain too), and for the admin of an instansi
Monitoring Pengisian (OPD -> unit -> pegawai), Monitoring Kurva and their XLSX export. Reads
come from monitoring.dasbor, access from monitoring.access; an htmx request gets the page's
named partial."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.bagian import halaman_tersimpan, nomor_halaman
from monitoring import access, dasbor
from monitoring.ekspor import pengisian_xlsx
from penilaian.periode import periode_tahun
from penilaian.services.alur import wajib_pegawai

KURVA_PER_HALAMAN = 20
# What the dashboards read: their rendered part is kept until one of these changes (core/bagian.py).
DATA_DASBOR = ("organisasi", "skp", "kinerja")


@login_required
@require_GET
def kinerja(request: HttpRequest) -> HttpResponse:
    saya = wajib_pegawai(request.user)  # 403 for an account without a pegawai record
    hari_ini = timezone.localdate()
    return halaman_tersimpan(
        request,
        "monitoring/dasbor_kinerja.html",
        "isi-dasbor",
        ("kinerja", saya.pk, hari_ini),
        DATA_DASBOR,
        lambda: {"d": dasbor.dasbor_pegawai(saya, hari_ini)},
        lambda: {"pegawai": saya, "hari_ini": hari_ini},
    )


def _tim(request: HttpRequest, atasan, sendiri: bool) -> HttpResponse:
    # The part is the same for whoever may see this team (the atasan or someone above them).
    hari_ini = timezone.localdate()
    return halaman_tersimpan(
        request,
        "monitoring/dasbor_tim.html",
        "isi-tim",
        ("tim", atasan.pk, hari_ini),
        DATA_DASBOR,
        lambda: {"d": dasbor.dasbor_tim(atasan, hari_ini)},
        lambda: {"atasan": atasan, "sendiri": sendiri, "hari_ini": hari_ini},
    )


@login_required
@require_GET
def tim(request: HttpRequest) -> HttpResponse:
    saya = wajib_pegawai(request.user)
    access.require_tim(request.user, saya)  # 403 without bawahan
    return _tim(request, saya, True)


@login_required
@require_GET
def tim_pegawai(request: HttpRequest, pk: int) -> HttpResponse:
    atasan = access.get_tim_for_user(request.user, pk)  # 404 outside one's chain / instansi
    return _tim(request, atasan, atasan.user_id == request.user.pk)


@login_required
@require_GET
def pengisian_awal(request: HttpRequest) -> HttpResponse:
    access.require_pengisian(request.user)  # 403 for who administers no instansi
    daftar = list(access.instansi_pengisian(request.user))
    if len(daftar) == 1:
        return redirect("monitoring:pengisian", pk=daftar[0].pk)
    return render(request, "monitoring/pengisian_awal.html", {"daftar": daftar})


def _periode(request: HttpRequest, instansi):  # noqa: ANN001, ANN202
    hari_ini = timezone.localdate()
    teks = request.GET.get("periode", "")
    try:
        periode = dasbor.periode_instansi(instansi, teks if teks.isdigit() else None, hari_ini)
    except LookupError:
        raise Http404("Periode tidak ditemukan.") from None
    return periode, hari_ini


@login_required
@require_GET
def pengisian(request: HttpRequest, pk: int) -> HttpResponse:
    instansi = access.get_instansi_for_admin(request.user, pk)  # 404 for another instansi
    periode, hari_ini = _periode(request, instansi)
    teks = request.GET.get("unit", "")
    unit = access.get_unit_pengisian(instansi, int(teks)) if teks.isdigit() else None

    def konteks() -> dict:
        pohon = dasbor.pohon_unit(instansi, periode)
        return {
            "instansi": instansi,
            "periode": periode,
            "pilihan_periode": periode_tahun(instansi, periode.tahun),
            "hari_ini": hari_ini,
            "unit": unit,
            "jalur": pohon.jalur(unit.pk) if unit else [],
            "baris": pohon.baris(unit.pk if unit else None),
            "total": pohon.gulung(unit.pk) if unit else pohon.total(),
            "sendiri": pohon.sendiri.get(unit.pk, dasbor.Angka()) if unit else None,
            "pegawai": dasbor.pegawai_unit(unit, periode) if unit else [],
            "jendela_lewat": hari_ini > periode.tenggat,
        }

    return halaman_tersimpan(
        request,
        "monitoring/pengisian.html",
        "isi-pengisian",
        ("pengisian", instansi.pk, periode.pk, unit.pk if unit else None, hari_ini),
        DATA_DASBOR,
        konteks,
        lambda: {"instansi": instansi, "periode": periode},
    )


@login_required
@require_GET
def kurva(request: HttpRequest, pk: int) -> HttpResponse:
    instansi = access.get_instansi_for_admin(request.user, pk)
    periode, hari_ini = _periode(request, instansi)
    nomor = nomor_halaman(request.GET.get("hal", ""))

    def konteks() -> dict:
        daftar = dasbor.kurva_instansi(instansi, periode, hari_ini)
        ditetapkan = [k for k in daftar if k.hasil is not None]
        return {
            "instansi": instansi,
            "periode": periode,
            "pilihan_periode": periode_tahun(instansi, periode.tahun),
            "ditetapkan": ditetapkan,
            # A chart per unit: a page at a time (the SVG is drawn only for the units shown).
            "halaman": Paginator(ditetapkan, KURVA_PER_HALAMAN).get_page(nomor),
            "belum": [k for k in daftar if k.hasil is None],
            "tidak_sesuai": sum(1 for k in ditetapkan if k.tidak_sesuai),
        }

    return halaman_tersimpan(
        request,
        "monitoring/kurva.html",
        "isi-kurva",
        ("kurva", instansi.pk, periode.pk, nomor, hari_ini),
        DATA_DASBOR,
        konteks,
        lambda: {"instansi": instansi, "periode": periode},
    )


@login_required
@require_GET
def ekspor(request: HttpRequest, pk: int) -> HttpResponse:
    instansi = access.get_instansi_for_admin(request.user, pk)
    periode, _ = _periode(request, instansi)
    respons = HttpResponse(
        pengisian_xlsx(instansi, periode),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    nama = f"monitoring_pengisian_{periode.tahun}_{periode.jenis}_{periode.nomor}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


urlpatterns = [
    path("dasbor/", kinerja, name="dasbor"),
    path("tim/", tim, name="tim"),
    path("tim/<int:pk>/", tim_pegawai, name="tim_pegawai"),
    path("pengisian/", pengisian_awal, name="pengisian_awal"),
    path("pengisian/<int:pk>/", pengisian, name="pengisian"),
    path("pengisian/<int:pk>/kurva/", kurva, name="kurva"),
    path("pengisian/<int:pk>/ekspor.xlsx", ekspor, name="pengisian_ekspor"),
]
