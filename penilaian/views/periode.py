"""The admin's "Periode Penilaian" page: monthly or quarterly per year, each period's window
(opened and closed by date, extendable with a reason), reopening one pegawai's window, and the
pegawai not evaluated for a span (CLTN, suspended, MPP). Objects of another instansi: 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from organisasi.models import Instansi
from organisasi.selectors import instansi_dikelola
from penilaian.forms_periode import (
    AkhiriMasaForm,
    BukaPegawaiForm,
    JenisPeriodeForm,
    MasaTidakDinilaiForm,
    PerpanjangForm,
)
from penilaian.models import HariLibur, MasaTidakDinilai, Periode, PerpanjanganPegawai
from penilaian.periode import jenis_periode, periode_tahun
from penilaian.services import periode as layanan


def _instansi(request: HttpRequest) -> Instansi:
    dikelola = instansi_dikelola(request.user)
    if not dikelola.exists():
        raise PermissionDenied(layanan.PESAN_BUKAN_ADMIN)
    pilihan = request.GET.get("instansi") or request.POST.get("instansi")
    if pilihan and str(pilihan).isdigit():
        return get_object_or_404(dikelola, pk=int(pilihan))
    return dikelola.order_by("nama").first()


def _tahun(request: HttpRequest) -> int:
    nilai = request.GET.get("tahun") or request.POST.get("tahun") or ""
    tahun = int(nilai) if nilai.isdigit() else timezone.localdate().year
    return tahun if 2000 <= tahun <= 2100 else timezone.localdate().year


def _alamat(instansi: Instansi, tahun: int) -> str:
    return f"{reverse('penilaian:periode')}?instansi={instansi.pk}&tahun={tahun}"


def _keadaan(periode: Periode, hari_ini) -> str:
    if hari_ini < periode.buka:
        return "Belum dibuka"
    if hari_ini <= periode.tenggat:
        return "Terbuka"
    return "Ditutup"


@login_required
def halaman(request: HttpRequest) -> HttpResponse:
    return _tampil(request, _instansi(request), _tahun(request))


def _tampil(request: HttpRequest, instansi: Instansi, tahun: int, **bentuk) -> HttpResponse:
    daftar = periode_tahun(instansi, tahun)
    hari_ini = timezone.localdate()
    konteks = {
        "instansi": instansi,
        "semua_instansi": instansi_dikelola(request.user).order_by("nama"),
        "tahun": tahun,
        "daftar_tahun": range(hari_ini.year - 2, hari_ini.year + 2),
        "periode": [(p, _keadaan(p, hari_ini), bentuk.get(f"perpanjang_{p.pk}") or PerpanjangForm(prefix=f"p{p.pk}")) for p in daftar],
        "form_jenis": bentuk.get("jenis") or JenisPeriodeForm(initial={"jenis": jenis_periode(instansi, tahun)}),
        "form_buka": bentuk.get("buka") or BukaPegawaiForm(instansi=instansi, periode=daftar),
        "form_masa": bentuk.get("masa") or MasaTidakDinilaiForm(instansi=instansi),
        "perpanjangan": PerpanjanganPegawai.objects.filter(periode__in=daftar).select_related("pegawai", "periode", "oleh")[:50],
        "riwayat": [r for p in daftar for r in p.riwayat.all()],
        "masa": MasaTidakDinilai.objects.filter(pegawai__instansi=instansi).exclude(selesai__lt=hari_ini.replace(year=tahun, month=1, day=1)).select_related("pegawai", "dicatat_oleh")[:200],
        "libur": HariLibur.objects.filter(tanggal__year=tahun),
    }  # fmt: skip
    return render(request, "penilaian/periode.html", konteks)


def _gagal(request: HttpRequest, e: ValidationError, form) -> None:
    for kolom, pesan in getattr(e, "message_dict", {"__all__": e.messages}).items():
        for p in pesan:
            form.add_error(kolom if kolom in form.fields else None, p)


@login_required
@require_POST
def ubah_jenis(request: HttpRequest) -> HttpResponse:
    instansi, tahun = _instansi(request), _tahun(request)
    form = JenisPeriodeForm(request.POST)
    if form.is_valid():
        try:
            layanan.atur_jenis_periode(user=request.user, instansi=instansi, tahun=tahun,
                                       jenis=form.cleaned_data["jenis"])  # fmt: skip
        except ValidationError as e:
            _gagal(request, e, form)
        else:
            messages.success(request, f"Periode penilaian tahun {tahun} disimpan.")
            return redirect(_alamat(instansi, tahun))
    return _tampil(request, instansi, tahun, jenis=form)


@login_required
@require_POST
def perpanjang(request: HttpRequest, pk: int) -> HttpResponse:
    periode = get_object_or_404(Periode, pk=pk, instansi__in=instansi_dikelola(request.user))
    form = PerpanjangForm(request.POST, prefix=f"p{periode.pk}")
    if form.is_valid():
        try:
            periode = layanan.perpanjang_periode(user=request.user, periode=periode,
                                                 **form.cleaned_data)  # fmt: skip
        except ValidationError as e:
            _gagal(request, e, form)
        else:
            messages.success(request, f"Batas waktu {periode} diperpanjang sampai "
                             f"{periode.tenggat:%d-%m-%Y} untuk seluruh instansi.")  # fmt: skip
            return redirect(_alamat(periode.instansi, periode.tahun))
    return _tampil(request, periode.instansi, periode.tahun, **{f"perpanjang_{periode.pk}": form})


@login_required
@require_POST
def buka_pegawai(request: HttpRequest) -> HttpResponse:
    instansi, tahun = _instansi(request), _tahun(request)
    form = BukaPegawaiForm(request.POST, instansi=instansi, periode=periode_tahun(instansi, tahun))
    if form.is_valid():
        try:
            p = layanan.buka_untuk_pegawai(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            _gagal(request, e, form)
        else:
            messages.success(request, f"Pengisian {p.periode} dibuka kembali untuk "
                             f"{p.pegawai.nama_lengkap} sampai {p.sampai:%d-%m-%Y}.")  # fmt: skip
            return redirect(_alamat(instansi, tahun))
    return _tampil(request, instansi, tahun, buka=form)


@login_required
@require_POST
def tambah_masa(request: HttpRequest) -> HttpResponse:
    instansi, tahun = _instansi(request), _tahun(request)
    form = MasaTidakDinilaiForm(request.POST, instansi=instansi)
    if form.is_valid():
        try:
            m = layanan.catat_masa_tidak_dinilai(user=request.user, **form.cleaned_data)
        except ValidationError as e:
            _gagal(request, e, form)
        else:
            messages.success(request, f"{m.pegawai.nama_lengkap} dicatat tidak dinilai "
                             f"({m.get_jenis_display()}) mulai {m.mulai:%d-%m-%Y}.")  # fmt: skip
            return redirect(_alamat(instansi, tahun))
    return _tampil(request, instansi, tahun, masa=form)


@login_required
@require_POST
def akhiri_masa(request: HttpRequest, pk: int) -> HttpResponse:
    masa = get_object_or_404(
        MasaTidakDinilai.objects.select_related("pegawai"),
        pk=pk, pegawai__instansi__in=instansi_dikelola(request.user),
    )  # fmt: skip
    form = AkhiriMasaForm(request.POST)
    if form.is_valid():
        try:
            layanan.akhiri_masa_tidak_dinilai(user=request.user, masa=masa, **form.cleaned_data)
        except ValidationError as e:
            for pesan in e.messages:
                messages.error(request, pesan)
        else:
            messages.success(request, f"Masa tidak dinilai {masa.pegawai.nama_lengkap} diakhiri.")
    else:
        messages.error(request, "Isi tanggal selesai yang sah.")
    return redirect(_alamat(masa.pegawai.instansi, _tahun(request)))


urlpatterns = [
    path("periode/", halaman, name="periode"),
    path("periode/jenis/", ubah_jenis, name="periode_jenis"),
    path("periode/<int:pk>/perpanjang/", perpanjang, name="periode_perpanjang"),
    path("periode/buka-pegawai/", buka_pegawai, name="periode_buka_pegawai"),
    path("periode/tidak-dinilai/", tambah_masa, name="masa_tambah"),
    path("periode/tidak-dinilai/<int:pk>/akhiri/", akhiri_masa, name="masa_akhiri"),
]
