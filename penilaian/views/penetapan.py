"""Penetapan predikat: the leader of a unit from above sees every pegawai's predikat of the unit
for a period, the pattern and its fit, and confirms it as a signed document; the admin of the
instansi may look. Access in penilaian.access; writes in penilaian.services.penetapan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from core.dokumen import baca_dokumen
from penilaian import access
from penilaian import penetapan as aturan
from penilaian.capaian import capaian_banyak
from penilaian.models import DokumenPenetapan, Periode
from penilaian.periode import periode_tahun
from penilaian.services.penetapan import PESAN_BUKAN_PIMPINAN, tetapkan_predikat
from penilaian.views.capaian import _instansi, _periode, _unit


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    """The units whose predikat this user confirms (all units of the instansi for its admin),
    each with the state of its penetapan in the chosen period."""
    access.require_buka_capaian(request.user)
    instansi = _instansi(request)
    periode = _periode(request.GET.get("periode", ""), instansi)
    unit = _unit(request, instansi)
    penetapan = aturan.penetapan_banyak([u.pk for u in unit], periode)
    konteks = {
        "periode": periode,
        "daftar_periode": [
            p for t in (periode.tahun - 1, periode.tahun) for p in periode_tahun(instansi, t)
        ],
        "baris": [(b, penetapan.get(b.unit.pk)) for b, _ in capaian_banyak(unit, periode)],
    }
    if request.htmx:
        return render(request, "penilaian/penetapan_daftar.html#isi", konteks)
    return render(request, "penilaian/penetapan_daftar.html", konteks)


def _muat(request: HttpRequest, unit_pk: int, periode_pk: int):  # noqa: ANN202
    unit = access.get_unit_penetapan_for_user(request.user, unit_pk)
    periode = get_object_or_404(Periode, pk=periode_pk, instansi_id=unit.instansi_id)
    return unit, periode


@login_required
@require_GET
def halaman(request: HttpRequest, unit_pk: int, periode_pk: int) -> HttpResponse:
    unit, periode = _muat(request, unit_pk, periode_pk)
    h = aturan.halaman_penetapan(unit, periode)
    konteks = {
        "h": h,
        "unit": unit,
        "periode": periode,
        "boleh_tetapkan": access.boleh_tetapkan_predikat(request.user, unit),
        "kurang": h.alasan_tidak_dapat(),
        "riwayat": h.penetapan.riwayat.select_related("oleh") if h.penetapan else [],
    }
    if request.htmx:
        return render(request, "penilaian/penetapan.html#isi", konteks)
    return render(request, "penilaian/penetapan.html", konteks)


@login_required
@require_POST
def tetapkan(request: HttpRequest, unit_pk: int, periode_pk: int) -> HttpResponse:
    unit, periode = _muat(request, unit_pk, periode_pk)
    if not access.boleh_tetapkan_predikat(request.user, unit):
        raise PermissionDenied(PESAN_BUKAN_PIMPINAN)
    revisi = request.POST.get("revisi", "")
    try:
        dokumen = tetapkan_predikat(
            user=request.user, unit_kerja=unit, periode=periode,
            revisi=int(revisi) if revisi.isdigit() else None,
        )  # fmt: skip
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request,
            f"Predikat pegawai {unit.nama} {periode} ditetapkan (versi {dokumen.versi}). "
            "Dokumen bertanda tangan elektronik dapat diunduh di bawah.",
        )
    return redirect(reverse("penilaian:penetapan", args=[unit.pk, periode.pk]))


@login_required
@require_GET
def unduh(request: HttpRequest, unit_pk: int, periode_pk: int, versi: int) -> HttpResponse:
    unit, periode = _muat(request, unit_pk, periode_pk)
    dokumen = get_object_or_404(
        DokumenPenetapan.objects.select_related(
            "penetapan__unit_kerja__instansi", "penetapan__periode"
        ),
        penetapan__unit_kerja=unit, penetapan__periode=periode, versi=versi,
    )  # fmt: skip
    try:
        dokumen = aturan.terbitkan(dokumen)
    except ImproperlyConfigured:
        return HttpResponse(
            "Dokumen penetapan bertanda tangan belum dapat dibuat: sertifikat penanda tangan "
            "instansi belum dipasang. Hubungi admin aplikasi.",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    if not dokumen.terbit:
        raise Http404("Dokumen belum tersedia.")
    respons = HttpResponse(baca_dokumen(dokumen), content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="{aturan.nama_berkas(dokumen)}"'
    respons["Cache-Control"] = "private, no-store"
    return respons


urlpatterns = [
    path("penetapan/", daftar, name="penetapan_daftar"),
    path("penetapan/<int:unit_pk>/<int:periode_pk>/", halaman, name="penetapan"),
    path("penetapan/<int:unit_pk>/<int:periode_pk>/tetapkan/", tetapkan, name="penetapan_tetapkan"),
    path(
        "penetapan/<int:unit_pk>/<int:periode_pk>/dokumen/<int:versi>/",
        unduh,
        name="penetapan_unduh",
    ),
]
