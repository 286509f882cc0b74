"""One pegawai's evaluation in one period, laid out like the evaluation form (Format C.1.x): the
header with the deadlines, the HASIL KERJA table with realisasi, bukti dukung and umpan balik per
RHK, the seven PERILAKU KERJA rows, both ratings and the predikat, the actions
`penilaian.access` allows the viewer (rate, accept, object, decide), and the history.

Thin: access -> form -> service -> render. A GET renders the page (and marks the viewer's
notifications about it read); an htmx GET renders a named partial. A plain POST redirects; an
htmx POST returns the action panel with the errors inside its form, or on success asks the
browser to load the page again (the status, the deadlines and the ratings all change)."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from core.hari_kerja import selisih_hari_kerja
from penilaian import access, selectors
from penilaian.capaian import rating_kepala_unit
from penilaian.forms import KeberatanForm, PutuskanForm, RatingForm
from penilaian.kuadran import PANDUAN_HASIL_KERJA, PANDUAN_PERILAKU, Predikat, Rating, predikat
from penilaian.models import JenisUmpanBalik, PenilaianPeriodik, PeranPemberi, StatusPenilaian
from penilaian.periode import batas_keberatan, batas_keputusan, batas_pegawai, libur
from penilaian.services import alur
from penilaian.views.blok import (
    UMUM,
    Blok,
    Galat,
    blok_hasil_kerja,
    blok_perilaku,
    id_blok_perilaku,
    id_blok_rhk,
    isi_blok,
)
from penilaian.workflow import STATUS_ISI, TRANSISI
from skp.services.notifikasi import tandai_dibaca_tautan

PIMPINAN = (PeranPemberi.PENILAI, PeranPemberi.ATASAN_PENILAI)


@dataclass
class Tenggat:
    label: str
    tanggal: date
    keterangan: str  # "sisa 4 hari kerja", "hari ini hari kerja terakhir", "lewat 2 hari kerja"
    lewat: bool


def _tenggat(label: str, tanggal: date, hari_ini: date, hari_libur: set[date]) -> Tenggat:
    if tanggal < hari_ini:
        lewat = max(1, -selisih_hari_kerja(hari_ini, tanggal, hari_libur))
        return Tenggat(label, tanggal, f"lewat {lewat} hari kerja", True)
    sisa = selisih_hari_kerja(hari_ini, tanggal, hari_libur)
    teks = f"sisa {sisa} hari kerja" if sisa else "hari ini hari kerja terakhir"
    return Tenggat(label, tanggal, teks, False)


def daftar_tenggat(penilaian: PenilaianPeriodik) -> list[Tenggat]:
    """The deadlines that still matter in the evaluation's state, in working days."""
    hari_ini, hari_libur = timezone.localdate(), libur()
    periode, status = penilaian.periode, penilaian.status
    hasil = []
    if status in STATUS_ISI:
        batas = batas_pegawai(periode, penilaian.pegawai)
        if status == StatusPenilaian.BELUM_DIISI:
            hasil.append(_tenggat("Pengiriman realisasi oleh pegawai", batas, hari_ini, hari_libur))
        hasil.append(_tenggat("Penilaian oleh pejabat penilai", batas, hari_ini, hari_libur))
    if status == StatusPenilaian.DINILAI and not penilaian.oleh_atasan_penilai:
        batas = batas_keberatan(penilaian, hari_libur)
        hasil.append(_tenggat("Pengajuan keberatan oleh pegawai", batas, hari_ini, hari_libur))
    if status == StatusPenilaian.KEBERATAN:
        batas = batas_keputusan(penilaian, hari_libur)
        hasil.append(_tenggat("Keputusan atasan pejabat penilai", batas, hari_ini, hari_libur))
    return hasil


def _varian(penilaian: PenilaianPeriodik) -> tuple[str, int]:
    """The form's variant and its column count (with REALISASI and UMPAN BALIK)."""
    skp = penilaian.skp
    if skp.jpt:
        return "jpt", 7
    if skp.kualitatif:
        return "kualitatif", 6
    return "kuantitatif", 8


def _pilihan_rating(panduan: dict) -> list[tuple[str, str, str]]:
    return [(r.value, r.label, panduan[r]) for r in Rating]


def _oleh_atasan(user, penilaian: PenilaianPeriodik) -> bool:
    """The rating form of this viewer rates as the atasan of the penilai (after the deadline)."""
    return not access.boleh_peran(user, "nilai", penilaian) and access.boleh_peran(
        user, "nilai_atasan", penilaian
    )


def _info_aksi(user, penilaian: PenilaianPeriodik, aksi: dict[str, bool]) -> list[str]:
    """Why an action this viewer would take is not possible now (the calendar), so nobody
    searches for a missing button."""
    pesan = []
    for a in ("nilai", "keberatan"):
        if (
            not aksi[a]
            and access.boleh_peran(user, a, penilaian)
            and penilaian.status in TRANSISI[a].dari
        ):
            alasan = access.alasan_waktu(a, penilaian)
            if alasan:
                pesan.append(alasan)
    return pesan


def _jangkar_kurang(pesan: str) -> str:
    return "#judul-perilaku" if "perilaku" in pesan else "#judul-hasil-kerja"


def konteks(
    request: HttpRequest,
    penilaian: PenilaianPeriodik,
    *,
    form_aksi: dict | None = None,
    galat: Galat | None = None,
) -> dict:
    user = request.user
    selectors.ingat_peran(penilaian)  # every action below asks who the penilai and atasan are
    isi = selectors.isi_penilaian(penilaian)
    final = access.penilaian_final(penilaian)
    pimpinan = access.peran_umpan_balik(user, penilaian) in PIMPINAN
    url_tulis = reverse("penilaian:umpan_balik_tulis", args=[penilaian.pk]) if pimpinan else ""
    semua_rhk = isi.rhk_utama + isi.rhk_tambahan
    blok = isi_blok(
        user,
        penilaian.pegawai,
        [
            *blok_hasil_kerja(semua_rhk, url_tulis),
            *blok_perilaku(isi.perilaku, url_tulis),
            Blok(UMUM, "hasil kerja secara umum", JenisUmpanBalik.HASIL_KERJA, url_tulis),
        ],
        isi.umpan_balik,
        final=final,
        galat=galat,
    )
    for rhk in semua_rhk:
        rhk.blok = blok[id_blok_rhk(rhk.pk)]
    for p in isi.perilaku:
        p.blok = blok[id_blok_perilaku(p.urutan)]

    aksi = {a: access.can(user, a, penilaian) for a in TRANSISI}
    form_aksi = form_aksi or {}
    boleh_nilai = aksi["nilai"] or aksi["nilai_atasan"]
    # A unit head's rating hasil kerja is the capaian of the unit they lead: offered, explained,
    # and still the penilai's to change.
    rating_unit = rating_kepala_unit(penilaian) if boleh_nilai or aksi["putuskan"] else None
    awal_rating = {
        "rating_hasil_kerja": penilaian.rating_hasil_kerja
        or (rating_unit.rating if rating_unit else None),
        "rating_perilaku": penilaian.rating_perilaku or None,
    }
    form_nilai = form_aksi.get("nilai") or RatingForm(
        initial={**awal_rating, "catatan": penilaian.catatan_penilai, "revisi": penilaian.revisi}
    )
    form_putuskan = form_aksi.get("putuskan") or PutuskanForm(initial=awal_rating)
    varian, kolom = _varian(penilaian)
    return {
        "penilaian": penilaian,
        "periode": penilaian.periode,
        "skp": penilaian.skp,
        "pegawai": penilaian.pegawai,
        "penilai": selectors.penilai_periode(penilaian),
        "atasan_penilai": selectors.atasan_penilai(penilaian),
        "pemilik": penilaian.pegawai.user_id == user.pk,
        "rhk_utama": isi.rhk_utama,
        "rhk_tambahan": isi.rhk_tambahan,
        "perilaku": isi.perilaku,
        "blok_umum": blok[UMUM],
        "varian": varian,
        "kolom": kolom,
        "final": final,
        "tenggat": daftar_tenggat(penilaian),
        "aksi": aksi,
        "info_aksi": _info_aksi(user, penilaian, aksi),
        "boleh_nilai": boleh_nilai,
        "oleh_atasan": boleh_nilai and _oleh_atasan(user, penilaian),
        "umpan_balik_kurang": [
            (m, _jangkar_kurang(m)) for m in alur.umpan_balik_kurang(penilaian, [user.pk])
        ]
        if boleh_nilai
        else [],
        "rating_unit": rating_unit,
        "form_nilai": form_nilai,
        "form_putuskan": form_putuskan,
        "form_keberatan": form_aksi.get("keberatan") or KeberatanForm(),
        "pilihan_hasil_kerja": _pilihan_rating(PANDUAN_HASIL_KERJA),
        "pilihan_perilaku": _pilihan_rating(PANDUAN_PERILAKU),
        "pratinjau_nilai": _pratinjau(form_nilai),
        "pratinjau_putuskan": _pratinjau(form_putuskan),
        "kuadran": _tabel_kuadran(),
        "batas_keberatan": batas_keberatan(penilaian) if aksi["keberatan"] else None,
        "riwayat": penilaian.riwayat.select_related("oleh__pegawai"),
    }


def _nilai_form(form, nama: str) -> str:
    if form.is_bound:
        return form.data.get(nama, "")
    return form.initial.get(nama) or ""


def _pratinjau(form) -> str:
    """The predikat the quadrant gives for the choices in `form` ("" until both are chosen)."""
    try:
        return Predikat(
            predikat(_nilai_form(form, "rating_hasil_kerja"), _nilai_form(form, "rating_perilaku"))
        ).label
    except ValueError:
        return ""


def _tabel_kuadran() -> list[tuple[str, list[str]]]:
    """Rows hasil kerja (Di Atas, Sesuai, Di Bawah) x columns perilaku (Di Bawah, Sesuai, Di
    Atas), as the regulation prints the quadrant."""
    kolom = [Rating.DI_BAWAH, Rating.SESUAI, Rating.DI_ATAS]
    return [
        (hasil.label, [Predikat(predikat(hasil, perilaku)).label for perilaku in kolom])
        for hasil in (Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH)
    ]


BAGIAN = {"aksi-penilaian", "ringkasan"}


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = access.get_penilaian_for_user(request.user, pk)
    if request.htmx:
        bagian = request.GET.get("bagian", "aksi-penilaian")
        if bagian not in BAGIAN:
            raise Http404("Bagian tidak dikenal.")
        return render(request, f"penilaian/detail.html#{bagian}", konteks(request, penilaian))
    tandai_dibaca_tautan(user=request.user, tautan=request.path)
    return render(request, "penilaian/detail.html", konteks(request, penilaian))


@login_required
@require_GET
def pratinjau_predikat(request: HttpRequest, pk: int) -> HttpResponse:
    """The predikat two chosen ratings give, computed by the server as the choices change
    (the rating and decision forms show it before anything is saved)."""
    penilaian = access.get_penilaian_for_user(request.user, pk)
    if not any(access.boleh_peran(request.user, a, penilaian) for a in ("nilai", "nilai_atasan", "putuskan")):  # fmt: skip
        raise PermissionDenied("Hanya pejabat penilai dan atasannya yang menentukan rating.")
    form = RatingForm(request.GET)
    return render(request, "penilaian/detail.html#isi-pratinjau", {"pratinjau": _pratinjau(form)})


def _ke_halaman(request: HttpRequest, penilaian: PenilaianPeriodik, pesan: str) -> HttpResponse:
    messages.success(request, pesan)
    url = reverse("penilaian:detail", args=[penilaian.pk])
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(f"{url}#hasil-penilaian")


def _galat_ke_form(form, galat: ValidationError) -> None:
    if hasattr(galat, "error_dict"):
        for nama, daftar in galat.error_dict.items():
            form.add_error(nama if nama in form.fields else None, daftar)
    else:
        form.add_error(None, galat)


def _tampil_galat(
    request: HttpRequest, penilaian: PenilaianPeriodik, nama: str, form=None, pesan=()
) -> HttpResponse:
    """The action panel (htmx) or the page with `form` and its errors in place: 200, nothing
    saved, what was typed kept. When the action is no longer on offer (its state changed
    meanwhile, its deadline passed), the reason stands at the top of the panel instead."""
    ctx = konteks(request, penilaian, form_aksi={nama: form} if form is not None else None)
    tampil = ctx["boleh_nilai"] if nama == "nilai" else ctx["aksi"].get(nama, False)
    if form is not None and not tampil:
        pesan = [m for daftar in form.errors.values() for m in daftar]
    ctx["galat_umum"] = list(pesan) if (pesan and (form is None or not tampil)) else []
    if request.htmx:
        return render(request, "penilaian/detail.html#aksi-penilaian", ctx)
    return render(request, "penilaian/detail.html", ctx)


def _wajib_peran(user, penilaian: PenilaianPeriodik, *daftar_aksi: str) -> None:
    if not any(access.boleh_peran(user, a, penilaian) for a in daftar_aksi):
        raise PermissionDenied(access.PESAN_DITOLAK[daftar_aksi[0]])


@login_required
@require_POST
def nilai(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = access.get_penilaian_for_user(request.user, pk)
    _wajib_peran(request.user, penilaian, "nilai", "nilai_atasan")
    form = RatingForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            hasil = alur.nilai(
                user=request.user, penilaian=penilaian,
                rating_hasil_kerja=d["rating_hasil_kerja"], rating_perilaku=d["rating_perilaku"],
                catatan=d["catatan"], revisi=d["revisi"],
                oleh_atasan=_oleh_atasan(request.user, penilaian),
            )  # fmt: skip
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            return _ke_halaman(
                request,
                hasil,
                f"Penilaian disimpan. Predikat {hasil.pegawai.nama_lengkap}: "
                f"{hasil.get_predikat_display()}.",
            )
    return _tampil_galat(request, penilaian, "nilai", form)


@login_required
@require_POST
def terima(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = access.get_penilaian_for_user(request.user, pk)
    _wajib_peran(request.user, penilaian, "terima")
    try:
        alur.terima(user=request.user, penilaian=penilaian)
    except ValidationError as e:
        return _tampil_galat(request, penilaian, "terima", pesan=e.messages)
    return _ke_halaman(request, penilaian, "Hasil penilaian diterima.")


@login_required
@require_POST
def keberatan(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = access.get_penilaian_for_user(request.user, pk)
    _wajib_peran(request.user, penilaian, "keberatan")
    form = KeberatanForm(request.POST)
    if form.is_valid():
        try:
            alur.ajukan_keberatan(
                user=request.user, penilaian=penilaian, alasan=form.cleaned_data["alasan"]
            )
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            return _ke_halaman(
                request,
                penilaian,
                "Keberatan diajukan kepada atasan pejabat penilai, yang memutuskannya dalam "
                "7 hari kerja.",
            )
    return _tampil_galat(request, penilaian, "keberatan", form)


@login_required
@require_POST
def putuskan(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = access.get_penilaian_for_user(request.user, pk)
    _wajib_peran(request.user, penilaian, "putuskan")
    form = PutuskanForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            hasil = alur.putuskan(
                user=request.user, penilaian=penilaian,
                rating_hasil_kerja=d["rating_hasil_kerja"], rating_perilaku=d["rating_perilaku"],
                catatan=d["catatan"],
            )  # fmt: skip
        except ValidationError as e:
            _galat_ke_form(form, e)
        else:
            return _ke_halaman(
                request, hasil, f"Keberatan diputuskan. Predikat: {hasil.get_predikat_display()}."
            )
    return _tampil_galat(request, penilaian, "putuskan", form)


urlpatterns = [
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/predikat/", pratinjau_predikat, name="predikat"),
    path("<int:pk>/nilai/", nilai, name="nilai"),
    path("<int:pk>/terima/", terima, name="terima"),
    path("<int:pk>/keberatan/", keberatan, name="keberatan"),
    path("<int:pk>/putuskan/", putuskan, name="putuskan"),
]
