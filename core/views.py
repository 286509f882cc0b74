from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordResetView
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.forms import ResetKataSandiForm
from core.peran import peran_dari_request
from core.throttle import client_ip, durasi_teks, hitung
from organisasi.selectors import atasan_langsung, bawahan_langsung
from skp.langkah import langkah_skp


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Tells each role what to do next."""
    peran = peran_dari_request(request)
    konteks = {}
    if peran.pegawai:
        konteks["atasan"] = atasan_langsung(peran.pegawai) if peran.pegawai.jabatan_id else None
        konteks["langkah"] = langkah_skp(peran.pegawai)
        if peran.atasan:
            konteks["bawahan"] = list(bawahan_langsung(peran.pegawai, jabatan=peran.jabatan))
    return render(request, "core/beranda.html", konteks)


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


class ResetKataSandiView(PasswordResetView):
    """Django's reset view, throttled per NIP (or email) and per address: each request sends a
    mail, so without a limit anyone could flood a pegawai's mailbox or the mail server."""

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
