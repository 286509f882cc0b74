import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.alamat import alamat_situs
from core.bagian import halaman_tersimpan, nomor_halaman
from core.rincian import konteks_rincian
from core.throttle import client_ip, durasi_teks, hitung, kembalikan
from core.unggahan import ImporDitolak, tampilkan_penolakan
from organisasi import access, services
from organisasi import aktivasi as aktivasi_layanan
from organisasi.aktivasi import SuratTerbit
from organisasi.akun import akun_per_nip
from organisasi.forms import (
    AkhiriPltForm,
    AktivasiForm,
    PltForm,
    SaringAktivasiForm,
    UnggahPegawaiForm,
)
from organisasi.models import ImporPegawai, Instansi, Pegawai, PenugasanSementara, SuratAktivasi
from organisasi.selectors import (
    boleh_diberi_surat,
    daftar_aktivasi,
    daftar_pegawai,
    daftar_plt,
    instansi_dikelola,
    jabatan_atasan,
    penilai_per_pegawai,
    surat_terakhir,
)
from organisasi.surat_aktivasi import render_surat
from organisasi.templat import templat_pegawai_xlsx

log = logging.getLogger(__name__)


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
    riwayat = (
        ImporPegawai.objects.filter(instansi__in=dikelola)
        .select_related("instansi", "diunggah_oleh__pegawai")
        # The rows of a preview of 20,000 pegawai are not shown here.
        .defer("baris", "rincian", "rincian_ikhtisar")
    )[:20]
    return render(request, "organisasi/impor.html", {"form": form, "riwayat": riwayat})


def _impor_milik(request: HttpRequest, pk: int) -> ImporPegawai:
    # 404 for an import of an instansi the user does not administer: its existence is not told.
    # The parsed rows are only needed to apply, which reads them itself.
    return get_object_or_404(
        ImporPegawai.objects.select_related("instansi", "diunggah_oleh__pegawai").defer(
            "baris", "rincian"
        ),
        pk=pk,
        instansi__in=instansi_dikelola(request.user),
    )


@login_required
def impor_pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    data = _impor_milik(request, pk)
    konteks = {
        "impor": data,
        **konteks_rincian(
            data.rincian_ikhtisar,
            # The full description only when a group is opened: it may be megabytes.
            lambda: ImporPegawai.objects.values_list("rincian", flat=True).get(pk=data.pk),
            tampil=request.GET.get("tampil"),
            kelompok=request.GET.get("kelompok"),
            halaman=request.GET.get("halaman"),
        ),
    }
    return render(request, "organisasi/impor_pratinjau.html", konteks)


@login_required
@require_POST
def impor_terapkan(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, "impor_pegawai")
    data = _impor_milik(request, pk)
    try:
        data = services.impor_terapkan(
            user=request.user,
            impor_id=data.pk,
            paham_penting=request.POST.get("paham_penting") == "ya",
        )
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
    nomor = nomor_halaman(request.GET.get("halaman", ""))

    def konteks_tabel() -> dict:
        halaman = Paginator(daftar_pegawai(instansi_dikelola(request.user), cari), 50).get_page(
            nomor
        )
        # The pejabat penilai as the workflow finds it: a Plt/Plh in force, or the next
        # position up when the superior position is vacant (not just the definitive holder).
        penilai = penilai_per_pegawai(
            {p.pk: p.jabatan.atasan_id for p in halaman if p.jabatan_id and p.jabatan.atasan_id}
        )
        for p in halaman:
            p.penilai = penilai.get(p.pk)
        return {"halaman": halaman, "cari": cari}

    # Kept until the organisation changes (core/bagian.py), per login (the instansi it
    # administers), search, page and day (a Plt ends at midnight).
    return halaman_tersimpan(
        request,
        "organisasi/pegawai_list.html",
        "tabel-pegawai",
        (
            "pegawai_list",
            request.user.pk,
            request.user.is_superuser,
            cari,
            nomor,
            timezone.localdate(),
        ),
        ("organisasi",),
        konteks_tabel,
        lambda: {"cari": cari},
    )


# --- activation letters (signing in without email) ---------------------------------------------

# About 80 ms a page on a busy 2-core server: a hundred letters stay well inside a request.
MAKS_SURAT_SEKALI_CETAK = 100


def _url_aktivasi(saring: SaringAktivasiForm) -> str:
    """The list page with the filter the print was made from."""
    data = saring.cleaned_data if saring.is_valid() else {}
    kueri = {
        "unit": data["unit"].pk if data.get("unit") else "",
        "q": data.get("q", ""),
        "belum_masuk": "on" if data.get("belum_masuk") else "",
    }
    kueri = {k: v for k, v in kueri.items() if v}
    return reverse("organisasi:aktivasi") + (f"?{urlencode(kueri)}" if kueri else "")


@login_required
@require_GET
def aktivasi(request: HttpRequest) -> HttpResponse:
    """*Aktivasi Akun*: the admin's pegawai with the state of their access (signed in or not,
    the latest activation letter), to print letters for a selection or for a whole unit."""
    access.require(request.user, "aktivasi_akun")
    dikelola = instansi_dikelola(request.user)
    saring = SaringAktivasiForm(request.GET or None, instansi=dikelola)
    qs = daftar_aktivasi(dikelola, **saring.kriteria())
    halaman = Paginator(qs, 50).get_page(request.GET.get("halaman"))
    boleh = set(
        boleh_diberi_surat(qs).filter(pk__in=[p.pk for p in halaman]).values_list("pk", flat=True)
    )
    surat = surat_terakhir(p.pk for p in halaman)
    for p in halaman:
        p.boleh_diberi_surat = p.pk in boleh
        p.surat_terakhir = surat.get(p.pk)
    konteks = {
        "saring": saring,
        "halaman": halaman,
        "jumlah_boleh": boleh_diberi_surat(qs).count(),
        "kueri": request.GET.urlencode() if saring.is_valid() else "",
        "maks_cetak": MAKS_SURAT_SEKALI_CETAK,
        "berlaku_hari": settings.AKTIVASI_BERLAKU_HARI,
    }
    return render(request, "organisasi/aktivasi.html", konteks)


def _unduh_surat(request: HttpRequest, terbit: list[SuratTerbit], nama: str) -> HttpResponse:
    """The letters just issued as a PDF download. Rendered after the codes were saved (not
    holding the database meanwhile); if that fails, the new codes were never printed, and a new
    print closes them."""
    try:
        data = render_surat(terbit, alamat=alamat_situs(request), oleh=request.user)
    except Exception:
        log.exception("Surat aktivasi gagal dibuat untuk %d pegawai", len(terbit))
        messages.error(
            request,
            "Surat aktivasi gagal dibuat, sehingga kode yang baru diterbitkan tidak tercetak. "
            "Cetak ulang: surat baru membatalkan kode tersebut.",
        )
        return redirect("organisasi:aktivasi")
    respons = HttpResponse(data, content_type="application/pdf")
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    # The codes are secrets: no copy in any cache on the way.
    respons["Cache-Control"] = "no-store"
    return respons


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
def aktivasi_cetak(request: HttpRequest) -> HttpResponse:
    """Issues and prints letters for the pegawai ticked (`pegawai`) or, with cakupan=semua,
    for every pegawai the filter shows who may be given one."""
    access.require(request.user, "aktivasi_akun")
    dikelola = instansi_dikelola(request.user)
    saring = SaringAktivasiForm(request.POST, instansi=dikelola)
    kembali = _url_aktivasi(saring)
    if not saring.is_valid():
        messages.error(request, " ".join(e for v in saring.errors.values() for e in v))
        return redirect(kembali)
    qs = daftar_aktivasi(dikelola, **saring.kriteria())
    if request.POST.get("cakupan") == "semua":
        ids = list(
            boleh_diberi_surat(qs).values_list("pk", flat=True)[: MAKS_SURAT_SEKALI_CETAK + 1]
        )
    else:
        ids = list(dict.fromkeys(int(x) for x in request.POST.getlist("pegawai") if x.isdigit()))
        # A pegawai of an instansi the admin does not administer: not told it exists.
        if Pegawai.objects.filter(pk__in=ids, instansi__in=dikelola).count() != len(ids):
            raise Http404("Pegawai tidak ditemukan.")
    if not ids:
        messages.error(request, "Pilih sedikitnya satu pegawai yang akan diberi surat aktivasi.")
        return redirect(kembali)
    if len(ids) > MAKS_SURAT_SEKALI_CETAK:
        messages.error(
            request,
            f"Paling banyak {MAKS_SURAT_SEKALI_CETAK} surat sekali cetak. Pilih unit kerja yang "
            "lebih kecil atau centang pegawai tertentu; tidak ada yang diubah.",
        )
        return redirect(kembali)
    try:
        terbit = aktivasi_layanan.terbitkan_surat(oleh=request.user, pegawai_ids=ids)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(kembali)
    messages.success(
        request,
        f"Surat aktivasi diterbitkan untuk {len(terbit)} pegawai; kode pada surat sebelumnya "
        "untuk mereka tidak berlaku lagi.",
    )
    waktu = timezone.localtime(terbit[0].surat.dibuat)
    return _unduh_surat(request, terbit, f"surat_aktivasi_{waktu:%Y%m%d_%H%M}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def aktivasi_pegawai(request: HttpRequest, pk: int) -> HttpResponse:
    """One pegawai's access: their letters so far, and *Buat surat aktivasi baru* (a new code;
    the current password keeps working until the code is used)."""
    access.require(request.user, "aktivasi_akun")
    pegawai = get_object_or_404(
        Pegawai.objects.select_related("instansi", "jabatan__unit_kerja", "user"),
        pk=pk,
        instansi__in=instansi_dikelola(request.user),
    )
    if request.method == "POST":
        try:
            terbit = aktivasi_layanan.terbitkan_surat(oleh=request.user, pegawai_ids=[pegawai.pk])
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect("organisasi:aktivasi_pegawai", pk=pegawai.pk)
        messages.success(
            request,
            f"Surat aktivasi baru diterbitkan untuk {pegawai.nama_lengkap}; kode sebelumnya "
            "tidak berlaku lagi.",
        )
        return _unduh_surat(request, terbit, f"surat_aktivasi_{pegawai.nip}.pdf")
    _, kendali = akun_per_nip({pegawai.nip: pegawai}, instansi_id=pegawai.instansi_id)[pegawai.nip]
    konteks = {
        "pegawai": pegawai,
        "alasan": aktivasi_layanan.alasan_tidak_bisa(pegawai, kendali),
        "riwayat": SuratAktivasi.objects.filter(pegawai=pegawai).select_related(
            "dibuat_oleh__pegawai"
        ),
        "berlaku_hari": settings.AKTIVASI_BERLAKU_HARI,
    }
    return render(request, "organisasi/aktivasi_pegawai.html", konteks)


@sensitive_post_parameters("kode", "kata_sandi1", "kata_sandi2")
@never_cache
@require_http_methods(["GET", "POST"])
def aktivasi_akun(request: HttpRequest) -> HttpResponse:
    """Public: a pegawai with an activation letter sets their password with NIP and code, and
    is signed in. Attempts are counted like failed sign-ins (per NIP and per address, whether
    or not the NIP exists); one that succeeds is given back."""
    form = AktivasiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        alamat = client_ip(request)
        batas = {
            f"aktivasi:nip:{data['nip']}": settings.AXES_FAILURE_LIMIT,
            f"aktivasi:alamat:{alamat}": settings.LOGIN_GAGAL_MAKS_PER_ALAMAT,
        }
        tunggu = hitung(batas=batas, jendela=settings.AXES_COOLOFF_TIME)
        if tunggu is not None:
            form.add_error(
                None,
                "Terlalu banyak percobaan aktivasi untuk NIP ini atau dari jaringan Anda. Coba "
                f"lagi dalam {durasi_teks(tunggu)}.",
            )
            return render(request, "registration/aktivasi.html", {"form": form}, status=429)
        try:
            user = aktivasi_layanan.aktifkan(
                nip=data["nip"], kode=data["kode"], kata_sandi=data["kata_sandi1"], alamat=alamat
            )
        except aktivasi_layanan.KodeDitolak as e:
            form.add_error(None, e)
        except ValidationError as e:
            kembalikan(list(batas))  # the code was right: only the password needs another try
            form.add_error(None, e)
        else:
            kembalikan(list(batas))
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                "Akun Anda aktif dan Anda sudah masuk. Berikutnya, masuk dengan NIP dan kata "
                "sandi yang baru Anda buat.",
            )
            return redirect("beranda")
    return render(request, "registration/aktivasi.html", {"form": form})


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
