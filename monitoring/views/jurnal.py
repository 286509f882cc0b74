"""Jurnal Kinerja, the pegawai's own page: a quick entry (made for a phone), the progress of each
RHK, open follow-ups, and the entries of a period; editing an entry while it may be changed;
its file read back through the access check. A plain POST redirects; htmx gets the partial."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.jenis_berkas import DAFTAR_DIIZINKAN
from core.unduhan import berkas_unggahan
from monitoring import access, selectors
from monitoring.forms import JurnalForm
from monitoring.models import JurnalKinerja
from monitoring.services import jurnal as services
from organisasi.models import Pegawai
from penilaian.models import Periode
from penilaian.periode import periode_tahun
from penilaian.services.alur import wajib_pegawai
from penilaian.services.bukti import ukuran_mb
from skp.services import TAHUN_PERTAMA

PER_HALAMAN = 25


def tahun_diminta(request: HttpRequest) -> int:
    tahun_ini = timezone.localdate().year
    teks = request.GET.get("tahun", "")
    tahun = int(teks) if teks.isdigit() else tahun_ini
    return tahun if TAHUN_PERTAMA <= tahun <= tahun_ini else tahun_ini


def periode_diminta(
    request: HttpRequest, pegawai: Pegawai, tahun: int
) -> tuple[list[Periode], Periode]:
    """The periods of the year and the one whose entries are listed: ?periode=<id>, else the one
    today falls in (the last one for a past year)."""
    daftar = periode_tahun(pegawai.instansi, tahun)
    teks = request.GET.get("periode", "")
    if teks.isdigit():
        pilih = next((p for p in daftar if p.pk == int(teks)), None)
        if pilih is None:
            raise Http404("Periode tidak ditemukan.")
        return daftar, pilih
    hari_ini = timezone.localdate()
    kini = next((p for p in daftar if p.mulai <= hari_ini <= p.selesai), daftar[-1])
    return daftar, kini


def daftar_entri(request: HttpRequest, pegawai: Pegawai, periode: Periode):
    """One page of the period's entries, each knowing whether the viewer may still change it."""
    halaman = Paginator(
        selectors.jurnal_rentang(pegawai, periode.mulai, periode.selesai), PER_HALAMAN
    ).get_page(request.GET.get("hal"))
    for e in halaman:
        e.pegawai = pegawai  # known: no query per row
        e.boleh_ubah = access.boleh_ubah_jurnal(request.user, e)
        e.terkunci_sejak = access.terkunci_sejak(e)
    return halaman


def konteks_kemajuan(pegawai: Pegawai, tahun: int) -> dict:
    hari_ini = timezone.localdate()
    kemajuan = selectors.kemajuan_pegawai(pegawai, tahun, hari_ini)
    tinjauan = None
    masa = tahun == hari_ini.year and selectors.masa_tinjauan(hari_ini)
    if masa:
        tinjauan = selectors.tinjauan_per_pegawai([pegawai.pk], tahun).get(pegawai.pk)
    return {
        "kemajuan": kemajuan,
        "tindak_lanjut": selectors.tindak_lanjut_terbuka(pegawai_ids=[pegawai.pk]),
        "masa_tinjauan": masa,
        "tinjauan": tinjauan,
        "hari_ini": hari_ini,
    }


def _konteks(request: HttpRequest, pegawai: Pegawai, form: JurnalForm | None = None) -> dict:
    tahun = tahun_diminta(request)
    skp = access.skp_jurnal(pegawai, tahun)
    daftar_periode, periode = periode_diminta(request, pegawai, tahun)
    if skp is not None and form is None:
        form = JurnalForm(pilihan=selectors.pilihan_rhk(skp))
    return {
        "pegawai": pegawai,
        "tahun": tahun,
        "daftar_tahun": list(range(timezone.localdate().year, TAHUN_PERTAMA - 1, -1)),
        "skp": skp,
        "form": form,
        "daftar_periode": daftar_periode,
        "periode": periode,
        "entri": daftar_entri(request, pegawai, periode),
        "hari_ubah": settings.JURNAL_HARI_UBAH,
        "maks_berkas": ukuran_mb(settings.BUKTI_MAKS_BYTES),
        "jenis_diizinkan": DAFTAR_DIIZINKAN,
        **konteks_kemajuan(pegawai, tahun),
    }


def _render(request: HttpRequest, konteks: dict) -> HttpResponse:
    if request.htmx:
        return render(request, "monitoring/jurnal.html#isi-jurnal", konteks)
    return render(request, "monitoring/jurnal.html", konteks)


def _alamat(tahun: int, periode_pk: int | None = None, jangkar: str = "") -> str:
    alamat = f"{reverse('monitoring:jurnal')}?tahun={tahun}"
    if periode_pk:
        alamat += f"&periode={periode_pk}"
    return alamat + (f"#{jangkar}" if jangkar else "")


def _pasang_galat(form, galat: ValidationError) -> None:
    for nama, pesan in galat.message_dict.items():
        form.add_error(nama if nama in form.fields else None, pesan)


@login_required
@require_http_methods(["GET", "POST"])
def jurnal(request: HttpRequest) -> HttpResponse:
    pegawai = wajib_pegawai(request.user)
    if request.method == "GET":
        return _render(request, _konteks(request, pegawai))
    tahun = tahun_diminta(request)
    skp = access.skp_jurnal(pegawai, tahun)
    if skp is None:
        messages.warning(request, f"Belum ada SKP tahun {tahun} yang disetujui: jurnal dicatat "
                                  "pada RHK SKP yang berlaku.")  # fmt: skip
        return redirect(_alamat(tahun))
    form = JurnalForm(request.POST, request.FILES, pilihan=selectors.pilihan_rhk(skp))
    if form.is_valid():
        try:
            entri = services.jurnal_tambah(
                user=request.user, isian=form.isian(), token=form.cleaned_data["token"],
                berkas=form.cleaned_data["berkas"],
            )  # fmt: skip
        except ValidationError as e:
            if hasattr(e, "error_dict"):
                _pasang_galat(form, e)
            else:  # a double click, or the form lost its token: said once, nothing written
                messages.info(request, " ".join(e.messages))
                return _kembali(request, pegawai, tahun)
        else:
            messages.success(
                request,
                f"Entri jurnal {entri.tanggal:%d-%m-%Y} disimpan. Anda dapat mengubahnya selama "
                f"{settings.JURNAL_HARI_UBAH} hari.",
            )
            return _kembali(request, pegawai, tahun)
    form.fokus_galat()
    return _render(request, _konteks(request, pegawai, form))


def _kembali(request: HttpRequest, pegawai: Pegawai, tahun: int) -> HttpResponse:
    if request.htmx:
        return _render(request, _konteks(request, pegawai))
    return redirect(_alamat(tahun, request.GET.get("periode") or None))


def _periode_entri(entri: JurnalKinerja) -> int | None:
    return next(
        (p.pk for p in periode_tahun(entri.pegawai.instansi, entri.tanggal.year)
         if p.mulai <= entri.tanggal <= p.selesai),
        None,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    entri = access.get_jurnal_for_user(request.user, pk)  # 404 for who may not see it
    access.require_pemilik_jurnal(request.user, entri)  # 403 for the atasan, the admin
    alasan = access.alasan_tidak_dapat_ubah(entri)
    pilihan = selectors.pilihan_rhk(entri.skp)
    kembali = _alamat(entri.tanggal.year, _periode_entri(entri), f"entri-{entri.pk}")
    form = None
    if request.method == "POST":
        if alasan:
            messages.warning(request, alasan)
            return redirect(kembali)
        form = JurnalForm(
            request.POST, request.FILES, pilihan=pilihan, ada_berkas=bool(entri.berkas),
            id_form=f"jurnal-{entri.pk}",
        )  # fmt: skip
        if form.is_valid():
            try:
                berubah = services.jurnal_ubah(
                    user=request.user, jurnal=entri, isian=form.isian(),
                    revisi=form.cleaned_data["revisi"], berkas=form.cleaned_data["berkas"],
                    hapus_berkas=form.cleaned_data.get("hapus_berkas", False),
                )  # fmt: skip
            except ValidationError as e:
                if not hasattr(e, "error_dict"):  # locked or changed elsewhere meanwhile
                    messages.warning(request, " ".join(e.messages))
                    return redirect(reverse("monitoring:jurnal_ubah", args=[entri.pk]))
                _pasang_galat(form, e)
            else:
                messages.success(
                    request, "Entri jurnal diubah." if berubah else "Tidak ada perubahan."
                )
                return redirect(kembali)
        form.fokus_galat()
    elif not alasan:
        form = JurnalForm(
            pilihan=pilihan, ada_berkas=bool(entri.berkas), id_form=f"jurnal-{entri.pk}",
            initial={
                "revisi": entri.revisi, "tanggal": entri.tanggal, "rhk": entri.rhk_id,
                "kegiatan": entri.kegiatan, "hasil": entri.hasil,
                "jam_mulai": entri.jam_mulai, "jam_selesai": entri.jam_selesai,
                "rencana_aksi": entri.rencana_aksi_id, "hambatan": entri.hambatan,
                "solusi": entri.solusi, "tautan": entri.tautan, "token": "-",
            },
        )  # fmt: skip
    konteks = {
        "entri": entri,
        "form": form,
        "alasan": alasan,
        "terkunci_sejak": access.terkunci_sejak(entri),
        "riwayat": list(entri.riwayat.select_related("oleh__pegawai").order_by("-waktu", "-pk")),
        "kembali": kembali,
        "maks_berkas": ukuran_mb(settings.BUKTI_MAKS_BYTES),
        "jenis_diizinkan": DAFTAR_DIIZINKAN,
    }
    return render(request, "monitoring/jurnal_ubah.html", konteks)


@login_required
@require_POST
def hapus(request: HttpRequest, pk: int) -> HttpResponse:
    entri = access.get_jurnal_for_user(request.user, pk)
    kembali = _alamat(entri.tanggal.year, _periode_entri(entri))
    try:
        terhapus = services.jurnal_hapus(user=request.user, jurnal=entri)
    except ValidationError as e:
        messages.warning(request, " ".join(e.messages))
    else:
        if terhapus:
            messages.success(request, f"Entri jurnal {entri.tanggal:%d-%m-%Y} dihapus.")
    return redirect(kembali)


@login_required
@require_GET
def berkas(request: HttpRequest, pk: int) -> HttpResponse:
    entri = access.get_jurnal_for_user(request.user, pk)  # 404 for who may not see the jurnal
    if not entri.berkas:
        raise Http404("Entri jurnal ini tidak memiliki berkas.")
    return berkas_unggahan(entri.berkas, nama=entri.nama_berkas, jenis=entri.jenis_berkas)


urlpatterns = [
    path("", jurnal, name="jurnal"),
    path("jurnal/<int:pk>/ubah/", ubah, name="jurnal_ubah"),
    path("jurnal/<int:pk>/hapus/", hapus, name="jurnal_hapus"),
    path("jurnal/<int:pk>/berkas/", berkas, name="jurnal_berkas"),
]
