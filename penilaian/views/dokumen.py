"""The signed evaluation form: the latest version (issued now if issuing after the rating
failed) and older versions, for whoever may see the evaluation (penilaian.access, "lihat")."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_GET

from core.dokumen import baca_dokumen
from penilaian import access
from penilaian.dokumen import BelumDinilai, nama_berkas, terbitkan
from penilaian.models import DokumenPenilaian


@login_required
@require_GET
def unduh(request: HttpRequest, pk: int, versi: int | None = None) -> HttpResponse:
    penilaian = access.get_penilaian_for_user(request.user, pk)
    if versi is None:
        try:
            dokumen = terbitkan(penilaian)
        except BelumDinilai as e:
            raise Http404(str(e)) from e
        except ImproperlyConfigured:
            return HttpResponse(
                "Formulir evaluasi kinerja bertanda tangan belum dapat dibuat: sertifikat "
                "penanda tangan instansi belum dipasang. Hubungi admin aplikasi.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
    else:
        dokumen = get_object_or_404(
            DokumenPenilaian.objects.exclude(sha256="").exclude(berkas=""),
            penilaian=penilaian,
            versi=versi,
        )
    respons = HttpResponse(baca_dokumen(dokumen), content_type="application/pdf")
    nama = nama_berkas(penilaian, dokumen.versi)
    respons["Content-Disposition"] = f'inline; filename="{nama}"'
    respons["Cache-Control"] = "private, no-store"
    return respons


urlpatterns = [
    path("<int:pk>/dokumen/", unduh, name="dokumen_unduh"),
    path("<int:pk>/dokumen/<int:versi>/", unduh, name="dokumen_unduh_versi"),
]
