"""Indicator pages: the live check under the indicator form (htmx) and the admin's quality
report with its drill-down per unit kerja. Thin: access -> read input -> analyse -> render."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from indikator import access
from indikator.laporan import laporan_indikator
from indikator.selectors import AMBANG_MIRIP, analisis_isian
from organisasi.selectors import instansi_dikelola

_ID_TEMUAN = re.compile(r"temuan-[a-z0-9-]{1,40}")


@login_required
@require_POST
def periksa(request: HttpRequest) -> HttpResponse:
    """Analyse the indicator being typed (uraian, target_min, target_maks, satuan, aspek,
    target_tanggal as the indicator form names them) and return the findings partial. It only
    reads the posted text, so no SKP access is involved; it never saves anything."""
    target = request.htmx.target if request.htmx else ""
    id_temuan = target if target and _ID_TEMUAN.fullmatch(target) else "temuan-indikator"
    return render(
        request,
        "indikator/_temuan.html",
        {"hasil": analisis_isian(request.POST), "id_temuan": id_temuan},
    )


def _tahun(teks: str | None) -> int:
    try:
        tahun = int(teks or "")
    except ValueError:
        return timezone.localdate().year
    return tahun if 2000 <= tahun <= 2100 else timezone.localdate().year


@login_required
@require_GET
def laporan(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "lihat_laporan")  # 403 for those who administer nothing
    dikelola = list(instansi_dikelola(request.user).order_by("nama"))
    pilih = request.GET.get("instansi") or ""
    if pilih:
        instansi = next((i for i in dikelola if str(i.pk) == pilih), None)
        if instansi is None:  # another instansi's report: not told it exists
            raise Http404("Instansi tidak ditemukan.")
    else:
        instansi = dikelola[0]
    tahun = _tahun(request.GET.get("tahun"))
    hasil = laporan_indikator(instansi, tahun)
    rincian = None
    pilih_unit = request.GET.get("unit") or ""
    if pilih_unit:
        # Only a unit of the instansi chosen above: another instansi's unit is not told to exist.
        angka = pilih_unit.isascii() and pilih_unit.isdigit() and len(pilih_unit) <= 18
        rincian = hasil.rincian(int(pilih_unit)) if angka else None
        if rincian is None:
            raise Http404("Unit kerja tidak ditemukan.")
    tahun_ini = timezone.localdate().year
    konteks = {
        "laporan": hasil,
        "rincian": rincian,
        "url_laporan": f"{reverse('indikator:laporan')}?instansi={instansi.pk}&tahun={tahun}",
        "persen_mirip": round(AMBANG_MIRIP * 100),
        "daftar_instansi": dikelola,
        "daftar_tahun": list(range(tahun_ini + 1, tahun_ini - 5, -1)),
    }
    # A history restore (back button after an htmx swap) needs the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "indikator/laporan.html#isi-laporan", konteks)
    return render(request, "indikator/laporan.html", konteks)
