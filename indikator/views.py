"""Indicator pages: the live check under the indicator form (htmx) and the admin's quality
report with its drill-down per unit kerja. Thin: access -> read input -> analyse -> render."""

import re

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from indikator import access
from indikator.laporan import (
    Laporan,
    RincianUnit,
    indikator_bertemuan,
    label_temuan,
    laporan_indikator,
)
from indikator.selectors import AMBANG_MIRIP, analisis_indikator, analisis_isian
from organisasi.models import Instansi
from organisasi.selectors import instansi_dikelola
from skp.models import IndikatorKinerja

_ID_TEMUAN = re.compile(r"temuan-[a-z0-9-]{1,40}")
_KODE_TEMUAN = re.compile(r"[a-z_]{1,40}")
PER_HALAMAN = 25


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


def _laporan_dipilih(request: HttpRequest) -> tuple[list[Instansi], Laporan, RincianUnit | None]:
    """The instansi the admin administers, the report chosen by ?instansi=&tahun=, and the unit
    chosen by &unit= (None: the whole instansi). 403 for those who administer nothing; 404 for
    another instansi or a unit not of the chosen one (neither is told to exist)."""
    access.require(request.user, "lihat_laporan")
    dikelola = list(instansi_dikelola(request.user).order_by("nama"))
    pilih = request.GET.get("instansi") or ""
    if pilih:
        instansi = next((i for i in dikelola if str(i.pk) == pilih), None)
        if instansi is None:  # another instansi's report: not told it exists
            raise Http404("Instansi tidak ditemukan.")
    else:
        instansi = dikelola[0]
    hasil = laporan_indikator(instansi, _tahun(request.GET.get("tahun")))
    rincian = None
    pilih_unit = request.GET.get("unit") or ""
    if pilih_unit:
        angka = pilih_unit.isascii() and pilih_unit.isdigit() and len(pilih_unit) <= 18
        rincian = hasil.rincian(int(pilih_unit)) if angka else None
        if rincian is None:
            raise Http404("Unit kerja tidak ditemukan.")
    return dikelola, hasil, rincian


def _url_laporan(hasil: Laporan) -> str:
    return f"{reverse('indikator:laporan')}?instansi={hasil.instansi.pk}&tahun={hasil.tahun}"


@login_required
@require_GET
def laporan(request: HttpRequest) -> HttpResponse:
    dikelola, hasil, rincian = _laporan_dipilih(request)
    tahun_ini = timezone.localdate().year
    konteks = {
        "laporan": hasil,
        "rincian": rincian,
        "url_laporan": _url_laporan(hasil),
        "kueri": f"instansi={hasil.instansi.pk}&tahun={hasil.tahun}",
        "persen_mirip": round(AMBANG_MIRIP * 100),
        "daftar_instansi": dikelola,
        "daftar_tahun": list(range(tahun_ini + 1, tahun_ini - 5, -1)),
    }
    # A history restore (back button after an htmx swap) needs the whole page.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "indikator/laporan.html#isi-laporan", konteks)
    return render(request, "indikator/laporan.html", konteks)


@login_required
@require_GET
def laporan_temuan(request: HttpRequest, kode: str) -> HttpResponse:
    """The indicators (and their pegawai) behind one finding of the report, in a unit with its
    sub-units or in the whole instansi: what the count in the report is made of."""
    if not _KODE_TEMUAN.fullmatch(kode):
        raise Http404("Temuan tidak dikenal.")
    _, hasil, rincian = _laporan_dipilih(request)
    berat = request.GET.get("jenis") != "saran"
    unit_id = rincian.baris.unit_id if rincian else None
    ids = indikator_bertemuan(hasil, kode, berat=berat, unit_id=unit_id)
    halaman = Paginator(ids, PER_HALAMAN).get_page(request.GET.get("halaman"))
    per_pk = IndikatorKinerja.objects.select_related(
        "rhk__skp", "rhk__skp__pegawai__jabatan__unit_kerja"
    ).in_bulk(list(halaman.object_list))
    baris = []
    for pk in halaman.object_list:
        ind = per_pk.get(pk)
        if ind is None:  # deleted since the list was made
            continue
        temuan = next((t for t in analisis_indikator(ind).temuan if t.kode == kode), None)
        baris.append((ind, temuan))
    kueri = f"instansi={hasil.instansi.pk}&tahun={hasil.tahun}"
    if unit_id is not None:
        kueri += f"&unit={unit_id}"
    konteks = {
        "laporan": hasil,
        "rincian": rincian,
        "url_laporan": _url_laporan(hasil),
        "label": label_temuan(kode, berat=berat),
        "berat": berat,
        "halaman": halaman,
        "baris": baris,
        "kueri_halaman": kueri + ("" if berat else "&jenis=saran"),
    }
    return render(request, "indikator/laporan_temuan.html", konteks)
