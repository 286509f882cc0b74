import sys
from collections.abc import Callable
from dataclasses import replace
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import dokumen
from core.alamat import alamat_situs
from core.bagian import halaman_tersimpan
from core.forms import ResetKataSandiForm
from core.middleware import BASIS_DATA_PUTUS, basis_data_tidak_tersedia
from core.peran import peran_dari_request
from core.throttle import client_ip, durasi_teks, hitung
from organisasi.nip import samarkan_nip_dalam
from organisasi.selectors import atasan_langsung, bawahan_langsung
from skp.langkah import langkah_hari_ini


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Tells each role what to do next. Everyone opens it first, so what it shows is kept
    rendered (core/bagian.py) for the login and the day, until the SKP rows, anything planned
    or evaluated, or the organisation changes: the person's data and atasan, the next step of
    their SKP, their bawahan, the Kotak Masuk count and the instansi they administer."""
    user = request.user
    hari_ini = timezone.localdate()

    def hitung_konteks() -> dict:
        peran = peran_dari_request(request)
        konteks = {"peran": peran}
        if peran.pegawai:
            pegawai = peran.pegawai
            konteks["atasan"] = atasan_langsung(pegawai) if pegawai.jabatan_id else None
            konteks["langkah"] = langkah_hari_ini(pegawai, hari_ini)
            if peran.atasan:
                from penilaian.access import boleh_buka_capaian

                konteks["bawahan"] = list(bawahan_langsung(pegawai, jabatan=peran.jabatan))
                # Leads a unit from above: sets its capaian and confirms its predikat.
                konteks["pimpinan_unit"] = boleh_buka_capaian(user)
        return konteks

    return halaman_tersimpan(
        request,
        "core/beranda.html",
        "isi",
        ("beranda", user.pk, user.is_superuser, hari_ini),
        ("skp", "organisasi", "kinerja"),
        hitung_konteks,
        dict,
    )


def halaman_404_publik(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A public page (a citizen following a QR code) answers "not found" with the app's own
    Indonesian page also while DEBUG is on, where Django would show its English technical page
    listing the URL patterns."""

    @wraps(view)
    def dibungkus(request: HttpRequest, *args, **kwargs) -> HttpResponse:  # noqa: ANN002, ANN003
        try:
            return view(request, *args, **kwargs)
        except Http404:
            respons = render(request, "404.html", status=404)
            respons["X-Robots-Tag"] = "noindex, nofollow"
            return respons

    return dibungkus


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For the load balancer and docker-compose: 200 when the database answers, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy", whatever its type
        return JsonResponse({"status": "gagal", "database": "tidak terhubung"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def galat_server(request: HttpRequest) -> HttpResponse:
    """handler500: an exception that comes from losing the database (also raised in a middleware,
    e.g. while loading the session) is an outage, answered with the 503 page; anything else is
    Django's 500 page (templates/500.html)."""
    galat, langkah = sys.exc_info()[1], 0
    while galat is not None and langkah < 5:
        if isinstance(galat, BASIS_DATA_PUTUS):
            return basis_data_tidak_tersedia()
        galat, langkah = galat.__cause__ or galat.__context__, langkah + 1
    return defaults.server_error(request)


class ResetKataSandiView(PasswordResetView):
    """Django's reset view, throttled per NIP (or email) and per address: each request sends a
    mail, so without a limit anyone could flood a pegawai's mailbox or the mail server. Every
    request that is not throttled ends on the same page, whether or not the NIP exists or has an
    email; that page tells those without email to ask for an activation letter."""

    form_class = ResetKataSandiForm

    def form_valid(self, form: ResetKataSandiForm) -> HttpResponse:
        tunggu = hitung(
            batas={
                f"reset:akun:{form.identitas()}": settings.RESET_SANDI_MAKS_PER_AKUN,
                f"reset:alamat:{client_ip(self.request)}": settings.RESET_SANDI_MAKS_PER_ALAMAT,
            },
            jendela=settings.RESET_SANDI_JENDELA,
        )
        if tunggu is None:
            # The link's address as everywhere else: SITE_URL, else where this request came.
            self.extra_email_context = {"alamat_situs": alamat_situs(self.request)}
            return super().form_valid(form)
        # The same words whether or not the NIP has an account.
        form.add_error(
            None,
            "Terlalu banyak permintaan atur ulang kata sandi untuk NIP/email ini atau dari "
            f"jaringan Anda. Coba lagi dalam {durasi_teks(tunggu)}.",
        )
        respons = self.form_invalid(form)
        respons.status_code = 429
        return respons


@require_GET
def verifikasi_dokumen(request: HttpRequest, token: str) -> HttpResponse:
    """Public (no login): only what is needed to check a printed or downloaded document, of
    whichever kind (core.dokumen's registry) the token belongs to."""
    ditemukan = dokumen.cari_token(token)
    if ditemukan is None:
        raise Http404("Dokumen tidak ditemukan.")
    jenis, dok = ditemukan
    pengesahan = jenis.pengesahan(dok)
    if pengesahan is not None:
        # A name falls back to the login name, which is often the NIP: never print it in full.
        pengesahan = replace(pengesahan, oleh=samarkan_nip_dalam(pengesahan.oleh))
    konteks = {
        "jenis": jenis,
        "info": jenis.info(dok),
        "pengesahan": pengesahan,
        "diterbitkan": dok.diterbitkan,
        # What a chosen file is compared with, in the browser (static/js/verifikasi.js).
        "sha256": dok.sha256,
    }
    respons = render(request, "core/verifikasi.html", konteks)
    respons["X-Robots-Tag"] = "noindex, nofollow"
    respons["Referrer-Policy"] = "no-referrer"
    return respons
