"""The signed documents of an evaluation: the evaluation form (Format C.1.x) and the Dokumen
Evaluasi Kinerja Pegawai (Format D.1.x). The latest version (issued now if issuing after the
rating failed) and older versions, for whoever may see the evaluation (penilaian.access)."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_GET

from core.dokumen import baca_dokumen
from penilaian import access, evaluasi
from penilaian.dokumen import BelumDinilai, nama_berkas, terbitkan
from penilaian.models import DokumenEvaluasi, DokumenPenilaian, PenilaianPeriodik


def _unduh(
    penilaian: PenilaianPeriodik,
    versi: int | None,
    *,
    model: type[DokumenPenilaian | DokumenEvaluasi],
    terbitkan: Callable,
    nama_berkas: Callable[[PenilaianPeriodik, int], str],
    judul: str,
) -> HttpResponse:
    if versi is None:
        try:
            dokumen = terbitkan(penilaian)
        except BelumDinilai as e:
            raise Http404(str(e)) from e
        except ImproperlyConfigured:
            return HttpResponse(
                f"{judul} bertanda tangan belum dapat dibuat: sertifikat penanda tangan instansi "
                "belum dipasang. Hubungi admin aplikasi.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
    else:
        dokumen = get_object_or_404(
            model.objects.exclude(sha256="").exclude(berkas=""), penilaian=penilaian, versi=versi
        )
    respons = HttpResponse(baca_dokumen(dokumen), content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="{nama_berkas(penilaian, dokumen.versi)}"'
    respons["Cache-Control"] = "private, no-store"
    return respons


@login_required
@require_GET
def unduh(request: HttpRequest, pk: int, versi: int | None = None) -> HttpResponse:
    return _unduh(
        access.get_penilaian_for_user(request.user, pk), versi, model=DokumenPenilaian,
        terbitkan=terbitkan, nama_berkas=nama_berkas, judul="Formulir evaluasi kinerja",
    )  # fmt: skip


@login_required
@require_GET
def unduh_evaluasi(request: HttpRequest, pk: int, versi: int | None = None) -> HttpResponse:
    """The Dokumen Evaluasi Kinerja Pegawai: for the pegawai, their penilai chain and the admin
    of the instansi (access.get_dokumen_evaluasi_for_user); anyone else gets a 404."""
    return _unduh(
        access.get_dokumen_evaluasi_for_user(request.user, pk), versi, model=DokumenEvaluasi,
        terbitkan=evaluasi.terbitkan, nama_berkas=evaluasi.nama_berkas,
        judul="Dokumen evaluasi kinerja pegawai",
    )  # fmt: skip


urlpatterns = [
    path("<int:pk>/dokumen/", unduh, name="dokumen_unduh"),
    path("<int:pk>/dokumen/<int:versi>/", unduh, name="dokumen_unduh_versi"),
    path("<int:pk>/evaluasi/", unduh_evaluasi, name="evaluasi_unduh"),
    path("<int:pk>/evaluasi/<int:versi>/", unduh_evaluasi, name="evaluasi_unduh_versi"),
]
