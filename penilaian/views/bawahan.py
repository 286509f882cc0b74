"""Penilaian Bawahan: the penilai rates every bawahan of a period in one table, one row saved at
a time (htmx swaps the row; without JavaScript each row is a plain form that redirects back)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from core import versi
from core.alur import Kedaluwarsa
from core.bagian import halaman_tersimpan
from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from penilaian import access
from penilaian.bawahan import HalamanBawahan, halaman_bawahan, lengkapi
from penilaian.capaian import PolaUnit, pola_bawahan
from penilaian.kuadran import PANDUAN_HASIL_KERJA, PANDUAN_PERILAKU, Predikat, Rating
from penilaian.models import Periode
from penilaian.periode import periode_berjalan, periode_dari_id, periode_tahun
from penilaian.services import alur
from penilaian.services import bawahan as services
from penilaian.services.capaian import catat_alasan_pola
from penilaian.signals import spanduk_untuk


def _periode(request: HttpRequest, pegawai: Pegawai) -> Periode:
    """The period asked for (?periode=<id>, of the viewer's instansi), else the one people work
    on now."""
    teks = request.GET.get("periode", "")
    if not teks.isdigit():
        return periode_berjalan(pegawai.instansi)
    periode = periode_dari_id(pegawai.instansi, int(teks))
    if periode is None:
        raise Http404("Periode penilaian tidak ditemukan.")
    return periode


def _daftar_periode(pegawai: Pegawai, periode: Periode) -> list[Periode]:
    """The periods offered in the chooser: the chosen one's year and the year before (and the
    year after, when it has begun)."""
    tahun = [periode.tahun - 1, periode.tahun]
    if periode.tahun < timezone.localdate().year:
        tahun.append(periode.tahun + 1)
    return [p for t in tahun for p in periode_tahun(pegawai.instansi, t)]


def _konteks(halaman: HalamanBawahan, **ekstra) -> dict:
    return {
        "halaman": halaman,
        "periode": halaman.periode,
        "pilihan_rating": Rating.choices,
        **ekstra,
    }


@login_required
@require_GET
def bawahan(request: HttpRequest) -> HttpResponse:
    access.require_penilaian_bawahan(request.user)
    pegawai = pegawai_dari_user(request.user)
    periode = _periode(request, pegawai)

    def konteks_isi() -> dict:
        halaman = halaman_bawahan(pegawai, periode)
        # Every row that can be rated gets its evaluation now, so it has a detail page (where
        # the umpan balik is written) and a revisi for its form.
        halaman.pasang(
            services.pastikan_penilaian_banyak(
                periode=periode, skp_per_pegawai=halaman.perlu_dibuat
            )
        )
        # A pegawai who moved since their row was made (and nothing was done on it yet) is
        # evaluated on the SKP in force now.
        for b in halaman.perlu_dialihkan:
            b.penilaian = alur.ikuti_skp_berlaku(b.penilaian)
            b.skp, b.skp_berlaku = b.penilaian.skp, None
        lengkapi(halaman, request.user.pk)
        return _konteks(
            halaman,
            pola=_pola(pegawai, halaman),
            panduan=[
                (Rating(r).label, PANDUAN_HASIL_KERJA[r], PANDUAN_PERILAKU[r])
                for r in Rating.values
            ],
        )

    def konteks_halaman() -> dict:
        # The period chooser and the links above the table, kept as the table is (the periods
        # and what this login leads or administers); the banner is asked for afresh.
        tetap = versi.ingat(
            ("penilaian_bawahan_atas", request.user.pk, pegawai.pk, periode.pk,
             timezone.localdate()),
            ("organisasi", "kinerja"),
            lambda: {
                "daftar_periode": _daftar_periode(pegawai, periode),
                "pimpinan_unit": access.boleh_buka_capaian(request.user),
                "boleh_ekspor": access.boleh_buka_ekspor(request.user),
            },
        )  # fmt: skip
        return {"periode": periode, "spanduk": spanduk_untuk(request, pegawai, periode), **tetap}

    # The table of rows is kept rendered until anything it shows changes (core/bagian.py): what
    # each row offers depends on who looks (the penilai, or their atasan acting for them).
    return halaman_tersimpan(
        request,
        "penilaian/bawahan.html",
        "isi",
        ("penilaian_bawahan", request.user.pk, pegawai.pk, periode.pk, timezone.localdate()),
        ("organisasi", "skp", "kinerja"),
        konteks_isi,
        konteks_halaman,
    )


def _pola(pegawai: Pegawai, halaman: HalamanBawahan) -> PolaUnit | None:
    """The unit's capaian and the chart of the rows the viewer rates as their penilai (a row
    not rated yet counts in the unit's size, not in any predikat)."""
    predikat = [b.penilaian.predikat or "" for b in halaman.baris if b.penilaian is not None]
    return pola_bawahan(pegawai, halaman.periode, predikat)


def _kembali(periode_id: int, penilaian_pk: int) -> HttpResponse:
    return redirect(f"{reverse('penilaian:bawahan')}?periode={periode_id}#baris-{penilaian_pk}")


@login_required
@require_POST
def nilai(request: HttpRequest, pk: int) -> HttpResponse:
    """Both ratings of one row. Refusals (missing umpan balik, outside the window, a page that
    changed meanwhile) are said inside the row and change nothing."""
    penilaian = access.get_penilaian_for_user(request.user, pk)
    hasil_kerja = request.POST.get("rating_hasil_kerja", "")
    perilaku = request.POST.get("rating_perilaku", "")
    revisi = request.POST.get("revisi", "")
    galat: list[str] = []
    pilihan: tuple[str, str] | None = None
    try:
        penilaian = services.nilai_baris(
            user=request.user, penilaian=penilaian, rating_hasil_kerja=hasil_kerja,
            rating_perilaku=perilaku, revisi=int(revisi) if revisi.isdigit() else None,
            oleh_atasan=request.POST.get("sebagai") == "atasan",
        )  # fmt: skip
    except Kedaluwarsa as e:
        galat = e.messages  # the row comes back as it is now, with its new revisi
    except ValidationError as e:
        galat, pilihan = e.messages, (hasil_kerja, perilaku)
    nama = penilaian.pegawai.nama_lengkap

    if not request.htmx:
        if galat:
            messages.error(request, f"Penilaian {nama} belum tersimpan. " + " ".join(galat))
        else:
            predikat = Predikat(penilaian.predikat).label
            messages.success(request, f"Penilaian {nama} tersimpan: predikat {predikat}.")
        return _kembali(penilaian.periode_id, penilaian.pk)

    pegawai = pegawai_dari_user(request.user)
    halaman = halaman_bawahan(pegawai, penilaian.periode) if pegawai else None
    baris = halaman.cari(penilaian.pk) if halaman else None
    if baris is None:
        raise PermissionDenied(
            " ".join(galat) or "Penilaian ini tidak ada di halaman Penilaian Bawahan Anda."
        )
    lengkapi(halaman, request.user.pk, hanya=[baris])
    baris.pilihan = pilihan
    konteks = _konteks(halaman, b=baris, galat=galat, tersimpan=not galat, fokus=True)
    html = render_to_string("penilaian/bawahan.html#baris", konteks, request)
    konteks = {**konteks, "oob": True, "pola": _pola(pegawai, halaman)}
    html += render_to_string("penilaian/bawahan.html#ringkasan", konteks)
    html += render_to_string("penilaian/bawahan.html#pola", konteks, request)
    return HttpResponse(html)


@login_required
@require_POST
def alasan_pola(request: HttpRequest, periode_pk: int) -> HttpResponse:
    """The penilai acknowledges a pattern that does not fit, with a reason (PRG)."""
    access.require_penilaian_bawahan(request.user)
    pegawai = pegawai_dari_user(request.user)
    periode = Periode.objects.filter(pk=periode_pk, instansi_id=pegawai.instansi_id).first()
    if periode is None:
        raise Http404("Periode penilaian tidak ditemukan.")
    try:
        catat_alasan_pola(user=request.user, periode=periode, alasan=request.POST.get("alasan", ""))
    except ValidationError as e:
        messages.error(request, "Alasan belum tersimpan. " + " ".join(e.messages))
    else:
        messages.success(request, "Alasan pola distribusi tercatat.")
    return redirect(f"{reverse('penilaian:bawahan')}?periode={periode.pk}#pola-distribusi")


urlpatterns = [
    path("bawahan/", bawahan, name="bawahan"),
    path("bawahan/<int:pk>/nilai/", nilai, name="bawahan_nilai"),
    path("bawahan/alasan-pola/<int:periode_pk>/", alasan_pola, name="bawahan_alasan_pola"),
]
