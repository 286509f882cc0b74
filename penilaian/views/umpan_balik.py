"""Umpan balik: written on the evaluation page by the penilai and their atasan; on the
colleagues' page by rekan kerja and bawahan, who never see the pegawai's SKP or ratings; edits
and replies from either page. Thin: access -> form -> service -> render. Every write answers an
htmx request with the block it changed (errors inside its form), and a plain POST with a
redirect back to the block (or the page again with the errors in place)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import Pegawai
from organisasi.selectors import pegawai_dari_user
from penilaian import access, selectors
from penilaian.forms import UmpanBalikForm
from penilaian.models import JenisUmpanBalik, PenilaianPeriodik, PeranPemberi, UmpanBalik
from penilaian.periode import periode_berjalan
from penilaian.services import umpan_balik as layanan
from penilaian.views import detail
from penilaian.views.blok import (
    UMUM,
    Blok,
    Galat,
    blok_perilaku,
    id_blok,
    isi_blok,
    sasaran_dari,
)

PESAN_PERAN = {
    PeranPemberi.REKAN: "rekan kerja",
    PeranPemberi.BAWAHAN: "bawahan",
}


# --- the colleagues' page -------------------------------------------------------------------


def _pegawai_rekan(request: HttpRequest, pegawai_id: int) -> tuple[Pegawai, str]:
    """The colleague (404 outside the viewer's instansi) and the viewer's role towards them
    (403 with the reason when they have none here)."""
    pemberi = pegawai_dari_user(request.user)
    if pemberi is None:
        raise PermissionDenied("Halaman ini untuk pegawai yang terhubung dengan data pegawai.")
    pegawai = get_object_or_404(
        Pegawai.objects.select_related("jabatan__unit_kerja", "jabatan__atasan", "user"),
        pk=pegawai_id,
        instansi_id=pemberi.instansi_id,
    )
    peran = access.peran_rekan(request.user, pegawai)
    if peran is None:
        if pegawai.pk == pemberi.pk:
            raise PermissionDenied(
                "Umpan balik untuk Anda tampil di halaman penilaian Anda sendiri."
            )
        if access.boleh_lihat_pegawai(request.user, pegawai):
            raise PermissionDenied(
                "Anda memberi umpan balik kepada pegawai ini sebagai pimpinan, di halaman "
                "penilaiannya."
            )
        raise PermissionDenied(
            "Hanya rekan kerja satu unit dan bawahan yang dapat memberi umpan balik di halaman ini."
        )
    return pegawai, peran


def konteks_rekan(
    request: HttpRequest, pegawai: Pegawai, peran: str, galat: Galat | None = None
) -> dict:
    """What the colleague sees: the period, the BerAKHLAK values (the standard texts, not the
    SKP's Ekspektasi Khusus Pimpinan) and the threads they opened this year, nothing else."""
    periode = periode_berjalan(pegawai.instansi)
    skp = selectors.skp_untuk_periode(pegawai, periode)
    url = reverse("penilaian:umpan_balik_rekan", args=[pegawai.pk]) if skp is not None else ""
    perilaku = list(skp.perilaku.all()) if skp is not None else []
    blok = isi_blok(
        request.user,
        pegawai,
        [
            Blok(UMUM, "hasil kerja secara umum", JenisUmpanBalik.HASIL_KERJA, url),
            *blok_perilaku(perilaku, url),
        ],
        selectors.umpan_balik_periode(
            pegawai_id=pegawai.pk, tahun=periode.tahun, pemberi_id=request.user.pk
        ),
        final=False,  # per period below
        galat=galat,
    )
    for p in perilaku:
        p.blok = blok[f"perilaku-{p.urutan}"]
    final = {
        p.periode_id
        for p in PenilaianPeriodik.objects.filter(pegawai=pegawai, periode__tahun=periode.tahun)
        if access.penilaian_final(p)
    }
    for b in blok.values():  # threads of earlier periods of the year say which
        for ub in b.daftar:
            ub.nama_periode = ub.periode.nama if ub.periode_id != periode.pk else ""
            if ub.periode_id in final:  # no edit form where the edit would be refused
                for pesan in (ub, *ub.balasan_list):
                    pesan.boleh_ubah = False
    return {
        "pegawai": pegawai,
        "sebagai": PESAN_PERAN[peran],  # not "peran": the navbar's context variable
        "periode": periode,
        "skp_ada": skp is not None,
        "blok_umum": blok[UMUM],
        "perilaku": perilaku,
        "blok": blok,
    }


def _blok_atau_halaman(
    request: HttpRequest,
    *,
    penilaian: PenilaianPeriodik | None,
    pegawai: Pegawai,
    blok_id: str | None = None,
    umpan_balik: UmpanBalik | None = None,
    galat: Galat | None = None,
    pesan: str = "",
) -> HttpResponse:
    """After a write from a block: the block again for htmx; else a redirect to it (success) or
    the whole page with the form and its errors in place."""
    if penilaian is not None:
        ctx = detail.konteks(request, penilaian, galat=galat)
        blok = {b.id: b for b in _blok_halaman(ctx)}
        url = reverse("penilaian:detail", args=[penilaian.pk])
        halaman = "penilaian/detail.html"
    else:
        peran = access.peran_rekan(request.user, pegawai)
        if peran is None:
            raise PermissionDenied(access.PESAN_DITOLAK["umpan_balik"])
        ctx = konteks_rekan(request, pegawai, peran, galat)
        blok = ctx["blok"]
        url = reverse("penilaian:umpan_balik_rekan", args=[pegawai.pk])
        halaman = "penilaian/umpan_balik_rekan.html"
    if blok_id is None:
        blok_id = id_blok(umpan_balik, blok) if umpan_balik is not None else UMUM
    if request.htmx:
        return render(request, "penilaian/_umpan_balik.html#blok", {"blok": blok[blok_id]})
    if galat is None:
        messages.success(request, pesan)
        return redirect(f"{url}#ub-{blok_id}")
    return render(request, halaman, ctx)


def _blok_halaman(ctx: dict) -> list[Blok]:
    return [
        *(r.blok for r in ctx["rhk_utama"] + ctx["rhk_tambahan"]),
        *(p.blok for p in ctx["perilaku"]),
        ctx["blok_umum"],
    ]


def _galat(form: UmpanBalikForm, e: ValidationError) -> None:
    if hasattr(e, "error_dict"):
        for nama, daftar in e.error_dict.items():
            form.add_error(nama if nama in form.fields else None, daftar)
    else:
        form.add_error(None, e)


@login_required
@require_http_methods(["GET", "POST"])
def umpan_balik_rekan(request: HttpRequest, pegawai_id: int) -> HttpResponse:
    pegawai, peran = _pegawai_rekan(request, pegawai_id)
    if request.method == "GET":
        ctx = konteks_rekan(request, pegawai, peran)
        if request.htmx:
            return render(request, "penilaian/umpan_balik_rekan.html#isi-rekan", ctx)
        return render(request, "penilaian/umpan_balik_rekan.html", ctx)
    blok_id = request.POST.get("blok", "")
    ctx = konteks_rekan(request, pegawai, peran)
    sasaran = sasaran_dari(ctx["blok"], blok_id, "")
    form = UmpanBalikForm(request.POST)
    if form.is_valid():
        try:
            layanan.beri_rekan(
                user=request.user, pegawai=pegawai, jenis=sasaran.jenis,
                perilaku=sasaran.perilaku, teks=form.cleaned_data["teks"],
            )  # fmt: skip
        except ValidationError as e:
            _galat(form, e)
        else:
            return _blok_atau_halaman(
                request, penilaian=None, pegawai=pegawai, blok_id=blok_id,
                pesan=f"Umpan balik untuk {pegawai.nama_lengkap} disimpan.",
            )  # fmt: skip
    return _blok_atau_halaman(
        request, penilaian=None, pegawai=pegawai, blok_id=blok_id,
        galat=Galat("baru", form, blok=blok_id),
    )  # fmt: skip


@login_required
@require_GET
def rekan(request: HttpRequest) -> HttpResponse:
    """ "Beri umpan balik kepada rekan": the colleagues of one's unit and one's own atasan."""
    pemberi = pegawai_dari_user(request.user)
    if pemberi is None:
        raise PermissionDenied("Halaman ini untuk pegawai yang terhubung dengan data pegawai.")
    periode = periode_berjalan(pemberi.instansi)
    daftar = selectors.rekan_untuk(pemberi, periode)
    return render(
        request,
        "penilaian/rekan.html",
        {"daftar": daftar, "periode": periode},
    )


# --- on the evaluation page -----------------------------------------------------------------


@login_required
@require_POST
def tulis(request: HttpRequest, pk: int) -> HttpResponse:
    """New feedback from the penilai or the atasan of the penilai, on an RHK (or one of its
    indicators), a BerAKHLAK value or the hasil kerja as a whole."""
    penilaian = access.get_penilaian_for_user(request.user, pk)
    if access.peran_umpan_balik(request.user, penilaian) not in detail.PIMPINAN:
        raise PermissionDenied(
            "Di halaman ini umpan balik ditulis pejabat penilai dan atasannya; pegawai yang "
            "dinilai membalasnya."
        )
    blok_id = request.POST.get("blok", "")
    ctx = detail.konteks(request, penilaian)
    sasaran = sasaran_dari(
        {b.id: b for b in _blok_halaman(ctx)}, blok_id, request.POST.get("sasaran", "")
    )
    form = UmpanBalikForm(request.POST)
    if form.is_valid():
        try:
            layanan.beri(
                user=request.user, penilaian=penilaian, jenis=sasaran.jenis, rhk=sasaran.rhk,
                indikator=sasaran.indikator, perilaku=sasaran.perilaku,
                teks=form.cleaned_data["teks"],
            )  # fmt: skip
        except ValidationError as e:
            _galat(form, e)
        else:
            return _blok_atau_halaman(
                request, penilaian=penilaian, pegawai=penilaian.pegawai, blok_id=blok_id,
                pesan="Umpan balik disimpan.",
            )  # fmt: skip
    return _blok_atau_halaman(
        request, penilaian=penilaian, pegawai=penilaian.pegawai, blok_id=blok_id,
        galat=Galat("baru", form, blok=blok_id),
    )  # fmt: skip


def _umpan_balik(request: HttpRequest, pk: int) -> tuple[UmpanBalik, PenilaianPeriodik | None]:
    ub = get_object_or_404(UmpanBalik.objects.select_related("induk", "pegawai", "perilaku"), pk=pk)
    return ub, access.halaman_umpan_balik(request.user, ub)


@login_required
@require_POST
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    """The giver edits their own feedback or reply; the earlier text stays in its history."""
    ub, penilaian = _umpan_balik(request, pk)
    if ub.pemberi_id != request.user.pk:
        raise PermissionDenied(layanan.PESAN_ORANG_LAIN)
    akar = ub.induk or ub
    form = UmpanBalikForm(request.POST)
    if form.is_valid():
        try:
            layanan.ubah(user=request.user, umpan_balik=ub, teks=form.cleaned_data["teks"])
        except ValidationError as e:
            _galat(form, e)
        else:
            return _blok_atau_halaman(
                request, penilaian=penilaian, pegawai=ub.pegawai, umpan_balik=akar,
                pesan="Umpan balik diubah; teks sebelumnya tetap tersimpan di riwayatnya.",
            )  # fmt: skip
    return _blok_atau_halaman(
        request, penilaian=penilaian, pegawai=ub.pegawai, umpan_balik=akar,
        galat=Galat("ubah", form, umpan_balik_id=ub.pk),
    )  # fmt: skip


@login_required
@require_POST
def balas(request: HttpRequest, pk: int) -> HttpResponse:
    """A reply in a thread, by the pegawai or by whoever opened the thread."""
    ub, penilaian = _umpan_balik(request, pk)
    akar = ub.induk or ub
    if not access.boleh_balas_umpan_balik(request.user, akar, ub.pegawai):
        raise PermissionDenied(
            "Hanya pegawai yang menerima umpan balik ini dan pemberinya yang dapat membalas."
        )
    form = UmpanBalikForm(request.POST)
    if form.is_valid():
        try:
            layanan.balas(user=request.user, umpan_balik=akar, teks=form.cleaned_data["teks"])
        except ValidationError as e:
            _galat(form, e)
        else:
            return _blok_atau_halaman(
                request, penilaian=penilaian, pegawai=ub.pegawai, umpan_balik=akar,
                pesan="Balasan disimpan.",
            )  # fmt: skip
    return _blok_atau_halaman(
        request, penilaian=penilaian, pegawai=ub.pegawai, umpan_balik=akar,
        galat=Galat("balas", form, umpan_balik_id=akar.pk),
    )  # fmt: skip


urlpatterns = [
    path("<int:pk>/umpan-balik/", tulis, name="umpan_balik_tulis"),
    path("umpan-balik/<int:pk>/ubah/", ubah, name="umpan_balik_ubah"),
    path("umpan-balik/<int:pk>/balas/", balas, name="umpan_balik_balas"),
    path("pegawai/<int:pegawai_id>/umpan-balik/", umpan_balik_rekan, name="umpan_balik_rekan"),
    path("rekan/", rekan, name="rekan"),
]
