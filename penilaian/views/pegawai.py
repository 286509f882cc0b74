"""The pegawai's own pages: "Penilaian Saya" (the periods of a year, their windows and results)
and the realisasi form of one period (target vs realisasi, bukti dukung, "Kirim ke penilai").
Thin: access -> form -> service -> render; a plain POST redirects, an htmx request gets the
named partial."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.jenis_berkas import DAFTAR_DIIZINKAN
from penilaian import access, selectors
from penilaian.angka_kredit import RUMUS
from penilaian.forms_pegawai import BuktiForm, RealisasiForm
from penilaian.isian import ATURAN_PERSENTASE
from penilaian.models import Periode
from penilaian.periode import batas_pegawai
from penilaian.services import alur
from penilaian.services.bukti import ukuran_mb
from penilaian.services.realisasi import realisasi_simpan
from penilaian.signals import usulan_untuk
from skp.services import TAHUN_PERTAMA

PENGINGAT_BUKTI = (
    "Bukti dukung menunjukkan hasil kerja, bukan kegiatan: foto rapat atau daftar hadir tidak "
    "membuktikan hasil. Unggah atau tautkan hasilnya, misalnya dokumen yang selesai disusun, "
    "rekap data, laporan yang ditandatangani, atau tangkapan layar aplikasi yang menampilkan "
    "capaian. Setiap indikator sebaiknya memiliki paling sedikit satu bukti yang menunjukkan "
    "capaiannya."
)


def _tahun(request: HttpRequest) -> int:
    tahun_ini = timezone.localdate().year
    teks = request.GET.get("tahun", "")
    tahun = int(teks) if teks.isdigit() else tahun_ini
    return tahun if TAHUN_PERTAMA <= tahun <= tahun_ini else tahun_ini


@login_required
@require_GET
def saya(request: HttpRequest) -> HttpResponse:
    pegawai = alur.wajib_pegawai(request.user)
    tahun = _tahun(request)
    baris = selectors.penilaian_saya(pegawai, tahun)
    konteks = {
        "tahun": tahun,
        "daftar_tahun": list(range(timezone.localdate().year, TAHUN_PERTAMA - 1, -1)),
        "baris": baris,
        "angka_kredit": selectors.angka_kredit_saya(pegawai, baris),
        "rumus_angka_kredit": RUMUS,
        "ada_skp": selectors.ada_skp_disetujui(pegawai, tahun),
        "skp_berlaku": selectors.skp_disetujui_tahun(pegawai, tahun),
    }
    if request.htmx:
        return render(request, "penilaian/saya.html#daftar-periode", konteks)
    return render(request, "penilaian/saya.html", konteks)


@login_required
@require_POST
def mulai(request: HttpRequest, periode_pk: int) -> HttpResponse:
    """Opens the pegawai's evaluation of a period (made on first need) and its realisasi form;
    refused with the reason without an approved SKP or in a span not evaluated."""
    pegawai = alur.wajib_pegawai(request.user)
    periode = get_object_or_404(Periode, pk=periode_pk, instansi_id=pegawai.instansi_id)
    try:
        penilaian = alur.pastikan_penilaian(pegawai=pegawai, periode=periode)
    except ValidationError as e:
        messages.warning(request, " ".join(e.messages))
        return redirect(f"{reverse('penilaian:saya')}?tahun={periode.tahun}")
    return redirect("penilaian:realisasi", pk=penilaian.pk)


def konteks_realisasi(
    request: HttpRequest,
    penilaian,
    form: RealisasiForm | None = None,
    bukti_form: BuktiForm | None = None,
    bukti_rhk: int | None = None,
) -> dict:
    baris = selectors.isi_realisasi(penilaian)
    boleh_isi = access.can(request.user, "isi_realisasi", penilaian)
    if form is None:
        form = RealisasiForm(baris=baris, revisi=penilaian.revisi, boleh_isi=boleh_isi)
    # Proposals from other apps (the journal's results of the period): shown, never filled in.
    usulan = usulan_untuk(penilaian) if boleh_isi else {}
    for b in baris:
        b.form = (
            bukti_form if bukti_form is not None and bukti_rhk == b.rhk.pk else BuktiForm(baris=b)
        )
        for bi in b.indikator:
            bi.field = form[f"indikator_{bi.indikator.pk}"]
            bi.usulan = usulan.get(bi.indikator.pk)
    batas = batas_pegawai(penilaian.periode, penilaian.pegawai)
    return {
        "penilaian": penilaian,
        "periode": penilaian.periode,
        "batas": batas,
        "sisa_hari": (batas - timezone.localdate()).days,
        "skp": penilaian.skp,
        "baris": baris,
        "form": form,
        "boleh_isi": boleh_isi,
        "alasan": "" if boleh_isi else access.alasan_tidak_dapat_isi(penilaian),
        "boleh_kirim": access.can(request.user, "kirim", penilaian),
        "aturan_persentase": ATURAN_PERSENTASE,
        "pengingat": PENGINGAT_BUKTI,
        "maks_berkas": ukuran_mb(settings.BUKTI_MAKS_BYTES),
        "jenis_diizinkan": DAFTAR_DIIZINKAN,
    }


def penilaian_pemilik(request: HttpRequest, pk: int):
    """The evaluation for its owner's pages: 404 for who may not see it, 403 for who may see it
    but is not the pegawai evaluated (the penilai reads it on the detail page)."""
    penilaian = access.get_penilaian_for_user(request.user, pk)
    if not access.pemilik(request.user, penilaian):
        raise PermissionDenied(access.PESAN_DITOLAK["isi_realisasi"])
    return penilaian


def render_realisasi(request: HttpRequest, konteks: dict, status: int = 200) -> HttpResponse:
    if request.htmx:
        return render(request, "penilaian/realisasi.html#realisasi", konteks, status=status)
    return render(request, "penilaian/realisasi.html", konteks, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def realisasi(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = penilaian_pemilik(request, pk)
    if request.method == "GET":
        return render_realisasi(request, konteks_realisasi(request, penilaian))

    baris = selectors.isi_realisasi(penilaian)
    form = RealisasiForm(request.POST, baris=baris, revisi=penilaian.revisi, boleh_isi=True)
    kirim = request.POST.get("aksi") == "kirim"
    if not form.is_valid():
        return render_realisasi(request, konteks_realisasi(request, penilaian, form))
    try:
        berubah = realisasi_simpan(
            user=request.user, penilaian=penilaian, isian=form.isian(),
            revisi=form.revisi_halaman(),
        )  # fmt: skip
    except ValidationError as e:
        if not hasattr(e, "error_dict"):  # stale page, state or window: the whole form
            return _tolak(request, penilaian.pk, e)
        for nama, galat in e.message_dict.items():
            form.add_error(nama if nama in form.fields else None, galat)
        return render_realisasi(request, konteks_realisasi(request, penilaian, form))
    pesan = "Realisasi disimpan." if berubah else "Tidak ada perubahan realisasi."
    if kirim:
        penilaian.refresh_from_db()
        try:
            alur.kirim(user=request.user, penilaian=penilaian, revisi=penilaian.revisi)
        except ValidationError as e:
            messages.warning(
                request,
                ("Realisasi disimpan, tetapi belum dikirim: " if berubah else "")
                + " ".join(e.messages),
            )
            return _kembali(request, penilaian.pk)
        pesan = (
            f"Realisasi {penilaian.periode.nama} {penilaian.periode.tahun} dikirim ke pejabat "
            "penilai. Anda masih dapat menambah bukti dukung sampai pejabat penilai menilai."
        )
    messages.success(request, pesan)
    return _kembali(request, penilaian.pk)


def _kembali(request: HttpRequest, pk: int) -> HttpResponse:
    if request.htmx:
        penilaian = access.get_penilaian_for_user(request.user, pk)
        return render_realisasi(request, konteks_realisasi(request, penilaian))
    return redirect("penilaian:realisasi", pk=pk)


def _tolak(request: HttpRequest, pk: int, galat: ValidationError) -> HttpResponse:
    """A refused write for the whole page (stale page, state or window changed): the reason as
    a message on the freshly loaded page."""
    messages.warning(request, " ".join(galat.messages))
    return _kembali(request, pk)


urlpatterns = [
    path("", saya, name="saya"),
    path("periode/<int:periode_pk>/mulai/", mulai, name="mulai"),
    path("<int:pk>/realisasi/", realisasi, name="realisasi"),
]
