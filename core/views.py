from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core import dokumen
from core.peran import peran_dari_request
from organisasi.selectors import atasan_langsung, bawahan_langsung


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    """Tells each role what to do next."""
    peran = peran_dari_request(request)
    konteks = {}
    if peran.pegawai:
        konteks["atasan"] = atasan_langsung(peran.pegawai) if peran.pegawai.jabatan_id else None
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


@require_GET
def verifikasi_dokumen(request: HttpRequest, token: str) -> HttpResponse:
    """Public (no login): only what is needed to check a printed or downloaded document, of
    whichever kind (core.dokumen's registry) the token belongs to."""
    ditemukan = dokumen.cari_token(token)
    if ditemukan is None:
        raise Http404("Dokumen tidak ditemukan.")
    jenis, dok = ditemukan
    respons = render(request, "core/verifikasi.html", {"jenis": jenis, "info": jenis.info(dok)})
    respons["X-Robots-Tag"] = "noindex, nofollow"
    respons["Referrer-Policy"] = "no-referrer"
    return respons
