"""Indicator pages: the live check under the indicator form (htmx) and the admin's quality
report. Thin: access -> read input -> analyse -> render."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from indikator import access
from indikator.laporan import laporan_indikator
from indikator.selectors import analisis_isian
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
    tahun_ini = timezone.localdate().year
    konteks = {
        "laporan": laporan_indikator(instansi, tahun),
        "daftar_instansi": dikelola,
        "daftar_tahun": list(range(tahun_ini + 1, tahun_ini - 5, -1)),
    }
    if request.htmx:
        return render(request, "indikator/laporan.html#isi-laporan", konteks)
    return render(request, "indikator/laporan.html", konteks)
