"""SKP pages. Thin: access -> form -> service -> render. A GET renders the page; an htmx request
renders only the named partial. A plain POST redirects; an htmx POST returns the partial."""

import logging
import re
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import (
    HttpResponseClientRedirect,
    reswap,
    retarget,
    trigger_client_event,
)

from core import versi
from core.bagian import halaman_tersimpan
from core.dokumen import baca_dokumen
from core.hari_kerja import hari_sejak
from core.penyimpanan import PenyimpananGagal
from core.peran import hitung_ulang_notifikasi, notifikasi_belum_dibaca, peran_dari_request
from indikator.selectors import analisis_isian
from organisasi.models import Pegawai, UnitKerja
from organisasi.selectors import adalah_atasan, instansi_dikelola, pegawai_dari_user
from skp import access, selectors, services
from skp import ekspor as services_ekspor
from skp import pratinjau as services_pratinjau
from skp.access import STATUS_MENUNGGU, can, get_skp_for_user, get_skp_untuk_dibaca, require
from skp.batas import MAKS_INDIKATOR, MAKS_INDIKATOR_SKP, MAKS_RHK
from skp.cetak import STATUS_TERBIT
from skp.cuplikan import bandingkan, buat_cuplikan
from skp.forms import (
    KOLOM_TAUTAN,
    BuatSkpForm,
    EkspektasiForm,
    IndikatorForm,
    LampiranForm,
    RhkForm,
)
from skp.models import (
    ButirKomentar,
    EksporSkp,
    IndikatorKinerja,
    JenisRhk,
    Komentar,
    KomentarBalasan,
    Notifikasi,
    PerilakuKerja,
    RencanaHasilKerja,
    Skp,
    StatusSkp,
)
from skp.selectors import RhkAtasan, TautanRenstra
from skp.target import SARAN_SATUAN
from skp.verifikasi import nama_berkas, terbitkan
from skp.workflow import TRANSISI, kalimat

logger = logging.getLogger(__name__)

# --- SKP Saya -------------------------------------------------------------------------------


def _form_buat(
    pegawai: Pegawai, data: QueryDict | None = None, tahun: int | None = None
) -> BuatSkpForm:
    """The create form; `tahun` preselects a year (e.g. the one whose draft was just deleted),
    else this year when it is still free."""
    sudah = set(selectors.skp_berlaku().filter(pegawai=pegawai).values_list("tahun", flat=True))
    pilihan = [t for t in reversed(services.tahun_tersedia()) if t not in sudah]
    tahun_ini = timezone.localdate().year
    awal = next((t for t in (tahun, tahun_ini) if t in pilihan), (pilihan or [None])[0])
    return BuatSkpForm(data, tahun_pilihan=pilihan, initial={"tahun": awal}, id_form="buat")


def _halaman_daftar(request: HttpRequest, form: BuatSkpForm) -> HttpResponse:
    """The page worked out afresh: after a refused create (the form with its errors)."""
    return render(request, "skp/daftar.html", _konteks_daftar(request, form))


def _konteks_daftar(request: HttpRequest, form: BuatSkpForm) -> dict:
    pegawai = pegawai_dari_user(request.user)
    daftar = list(selectors.skp_milik(pegawai))
    tahun_ini = timezone.localdate().year
    # The newest current version of each year (a revision in progress before the approved one).
    berlaku = {s.tahun: s for s in reversed(daftar) if s.status != "diganti"}
    # "Salin" copies the SKP of the year before the new one: offered only when there is one,
    # for the year first offered in the list (else the latest year that has one before it).
    pilihan = [t for t, _ in form.fields["tahun"].choices]
    salin = next(
        (
            {"dari": berlaku[t - 1], "ke": t}
            for t in [form.initial.get("tahun"), *pilihan]
            if t in pilihan and t - 1 in berlaku
        ),
        None,
    )
    return {
        "daftar": daftar,
        "form": form,
        "tahun_ini": tahun_ini,
        "skp_tahun_ini": berlaku.get(tahun_ini),
        "salin": salin,
        "ada_pilihan_tahun": bool(form.fields["tahun"].choices),
    }


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    require(request.user, "buat_skp")
    teks = request.GET.get("tahun", "")
    # Only a year that can be drafted is ever preselected (_form_buat): any other is none.
    tahun = int(teks) if teks.isdigit() and int(teks) in services.tahun_tersedia() else None
    pegawai = pegawai_dari_user(request.user)
    # The list and the create form, rendered, kept until an SKP of this person, its content or
    # the organisation changes (core/bagian.py); per login and day (the years offered follow
    # the date). A refused create renders afresh (`buat`).
    return halaman_tersimpan(
        request,
        "skp/daftar.html",
        "isi-daftar",
        ("skp-saya", request.user.pk, tahun, timezone.localdate()),
        ("skp", "kinerja", "organisasi"),
        lambda: _konteks_daftar(request, _form_buat(pegawai, tahun=tahun)),
        dict,
    )


@login_required
@require_POST
def buat(request: HttpRequest) -> HttpResponse:
    require(request.user, "buat_skp")
    form = _form_buat(pegawai_dari_user(request.user), request.POST)
    if form.is_valid():
        try:
            skp = services.skp_buat(
                user=request.user,
                tahun=form.cleaned_data["tahun"],
                pendekatan=form.cleaned_data["pendekatan"],
                salin=form.cleaned_data["salin"],
            )
        except ValidationError as e:
            form.add_error(None, e)
        else:
            pesan = (
                f"SKP tahun {skp.tahun} dibuat dari salinan SKP tahun {skp.tahun - 1}. "
                "Tautan RHK tidak ikut disalin: tautkan kembali setiap RHK untuk tahun ini."
                if form.cleaned_data["salin"]
                else f"SKP tahun {skp.tahun} dibuat. Mulailah dengan menambahkan RHK utama."
            )
            messages.success(request, pesan)
            return redirect("skp:detail", pk=skp.pk)
    return _halaman_daftar(request, form)


# --- the drafting page ----------------------------------------------------------------------


@dataclass
class Sunting:
    """What is open for editing on the page (one form at a time per element)."""

    jenis: str  # rhk, rhk_baru, indikator, indikator_baru, lampiran, ekspektasi
    form: forms.Form
    rhk_id: int | None = None
    indikator_id: int | None = None
    perilaku_id: int | None = None
    jenis_rhk: str = ""
    pilihan: RhkAtasan | None = None
    cari: str = ""
    terpilih: int | None = None
    tautan_lama: object | None = None
    renstra: TautanRenstra | None = None
    terpilih_renstra: str = ""

    @property
    def id_form(self) -> str:
        return self.form.auto_id.removeprefix("id_").removesuffix("_%s")


def _varian(skp: Skp) -> tuple[str, int, int]:
    """Form variant, its column count, and how many columns belong to one indicator row."""
    if skp.jpt:
        return "jpt", 5, 2
    if skp.kualitatif:
        return "kualitatif", 4, 1
    return "kuantitatif", 6, 3


def _konteks(request: HttpRequest, skp: Skp, sunting: Sunting | None = None) -> dict:
    selectors.muat_isi(skp)
    utama, tambahan = selectors.rhk_dikelompokkan(skp)
    boleh_ubah = can(request.user, "ubah", skp)
    boleh_ajukan = can(request.user, "ajukan", skp)
    info_atasan = selectors.rhk_atasan_tersedia(skp) if boleh_ubah and not skp.jpt else None
    varian, kolom, kolom_indikator = _varian(skp)
    for daftar_rhk in (utama, tambahan):
        for i, r in enumerate(daftar_rhk):
            r.terakhir = i == len(daftar_rhk) - 1
            r.lepas = r.utama and not r.ditautkan
            r.indikator_penuh = len(r.indikator.all()) >= MAKS_INDIKATOR
    # The penilai's comments next to their RHK while the SKP is being agreed; those on an RHK
    # or indicator deleted since are listed apart, still there to be read and marked.
    komentar: dict[int, list[Komentar]] = {}
    komentar_dihapus: list[Komentar] = []
    if skp.status in STATUS_MENUNGGU:
        for k in (
            skp.komentar.exclude(butir=ButirKomentar.SKP)
            .select_related("indikator")
            .prefetch_related(_BALASAN)
        ):
            if k.butir_dihapus:
                komentar_dihapus.append(k)
            else:
                komentar.setdefault(k.rhk_id, []).append(k)
    for r in utama + tambahan:
        r.daftar_komentar = komentar.get(r.pk, [])
    dipakai: dict[int, list[RencanaHasilKerja]] = {}
    for r in utama + tambahan:
        if r.rhk_atasan_id:
            dipakai.setdefault(r.rhk_atasan_id, []).append(r)
    if boleh_ubah:
        _intervensi_per_rhk(skp, utama + tambahan)
    # Review mode: the penilai deciding writes comments beside each RHK and indicator.
    meninjau = can(request.user, "kembalikan", skp)
    return {
        "skp": skp,
        # Who reads the page, for the parts that differ by viewer (the audit panel): passed in,
        # as the page may be rendered without the request (core/bagian.py).
        "penilik": request.user,
        "rhk_utama": utama,
        "rhk_tambahan": tambahan,
        "boleh_ubah": boleh_ubah,
        "boleh_ekspektasi": can(request.user, "isi_ekspektasi", skp),
        # The checklist "Sebelum diajukan" is for the owner while submitting is possible.
        "kelengkapan": services.periksa_kelengkapan(skp) if boleh_ajukan else [],
        "info_atasan": info_atasan,
        "rhk_atasan_dipakai": [
            (r, dipakai.get(r.pk, [])) for r in (info_atasan.rhk if info_atasan else [])
        ],
        "sunting": sunting,
        "varian": varian,
        "kolom": kolom,
        "kolom_indikator": kolom_indikator,
        "saran_satuan": SARAN_SATUAN,
        "pemilik": skp.pegawai.user_id == request.user.pk,
        "boleh_ajukan": boleh_ajukan,
        "boleh_tandai": can(request.user, "tandai_komentar", skp),
        "boleh_balas": can(request.user, "balas_komentar", skp),
        "meninjau": meninjau,
        # Named in the "Ajukan" confirmation: who the SKP goes to.
        "penilai_tujuan": selectors.penilai_aktif(skp) if boleh_ajukan else None,
        "komentar_dihapus": komentar_dihapus,
        # At a limit (skp/batas.py) the "Tambah" button gives way to a note saying so.
        "rhk_penuh": len(utama) + len(tambahan) >= MAKS_RHK,
        "indikator_skp_penuh": sum(len(r.indikator.all()) for r in utama + tambahan)
        >= MAKS_INDIKATOR_SKP,
        "batas": {
            "rhk": MAKS_RHK,
            "indikator": MAKS_INDIKATOR,
            "indikator_skp": MAKS_INDIKATOR_SKP,
        },
    }


# Each comment's answers with who wrote them, in order (one query for all comments).
_BALASAN = Prefetch(
    "balasan", queryset=KomentarBalasan.objects.select_related("oleh__pegawai").order_by("pk")
)


def _intervensi_per_rhk(skp: Skp, daftar_rhk: list[RencanaHasilKerja]) -> None:
    """Gives each RHK what its "Hapus RHK" must say (one query): the bawahan RHK whose link the
    delete would release (`konfirmasi_hapus`), or those that block it (`hapus_terhalang`)."""
    per_rhk: dict[int, selectors.Intervensi] = {}
    semua = selectors.intervensi_bawahan([r.pk for r in daftar_rhk], kecuali_skp=skp.pk)
    for r in semua.dilepas:
        per_rhk.setdefault(r.rhk_atasan_id, selectors.Intervensi()).dilepas.append(r)
    for r in semua.menghalangi:
        per_rhk.setdefault(r.rhk_atasan_id, selectors.Intervensi()).menghalangi.append(r)
    for r in daftar_rhk:
        intervensi = per_rhk.get(r.pk, selectors.Intervensi())
        r.hapus_terhalang = selectors.sebut_intervensi(intervensi.menghalangi)
        r.konfirmasi_hapus = f"Hapus RHK {r.label} beserta semua indikatornya?" + (
            f" {len(intervensi.dilepas)} RHK bawahan mengintervensi RHK ini: "
            f"{selectors.sebut_intervensi(intervensi.dilepas)}. Tautannya akan dilepas dan "
            "mereka diberi tahu."
            if intervensi.dilepas
            else ""
        )


BAGIAN = {
    "hasil-kerja",
    "kelengkapan",
    "lampiran",
    "rhk-baris",
    "rhk-baru",
    "perilaku-baris",
    "hapus-skp",
}


def _render_bagian(request: HttpRequest, konteks: dict, bagian: str, **ekstra) -> HttpResponse:
    return render(request, f"skp/detail.html#{bagian}", {**konteks, **ekstra})


def _cari_rhk(konteks: dict, rhk_pk: int) -> RencanaHasilKerja:
    for r in konteks["rhk_utama"] + konteks["rhk_tambahan"]:
        if r.pk == rhk_pk:
            return r
    raise Http404("RHK tidak ditemukan.")


def _cari_perilaku(skp: Skp, urutan: int) -> PerilakuKerja:
    for p in skp.perilaku.all():
        if p.urutan == urutan:
            return p
    raise Http404("Baris perilaku tidak ditemukan.")


# Where the person came from, for the breadcrumb (?dari=): only these are ever linked.
DARI = frozenset({"kotak-masuk", "bawahan"})


def _dari(request: HttpRequest) -> str:
    dari = request.GET.get("dari") or request.POST.get("dari") or ""
    return dari if dari in DARI else ""


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The page as read is kept, and so is the row it is found by; an htmx part is worked out
    # from the row as it is now.
    skp = (
        get_skp_untuk_dibaca(request.user, pk)
        if not request.htmx
        else get_skp_for_user(request.user, pk)
    )
    if not request.htmx and not can(request.user, "setujui", skp):
        # Opened after a decision (or by someone with nothing to decide): the news about it has
        # been seen. What still waits for this person's decision stays, as in the Kotak Masuk.
        # Most views find nothing unread: the navbar's count (asked anyway) spares the write.
        if notifikasi_belum_dibaca(request) and services.notifikasi.tandai_dibaca_skp(
            user=request.user, skp=skp
        ):
            hitung_ulang_notifikasi(request)
    if not request.htmx:
        return _halaman_tersimpan(request, skp)
    # htmx: one element put back as it was (the "Batal" buttons).
    konteks = _konteks(request, skp)
    bagian = request.GET.get("bagian", "hasil-kerja")
    if bagian not in BAGIAN:
        raise Http404("Bagian tidak dikenal.")
    ekstra: dict = {}
    if bagian == "rhk-baris":
        ekstra["rhk"] = _cari_rhk(konteks, _angka(request.GET.get("rhk")))
    elif bagian == "rhk-baru":
        ekstra["jenis"] = _jenis_rhk(request.GET.get("jenis", ""))
    elif bagian == "perilaku-baris":
        ekstra["p"] = _cari_perilaku(skp, _angka(request.GET.get("perilaku")))
    elif bagian == "hapus-skp":  # "Batal" on the delete confirmation
        ekstra["boleh_hapus_draf"] = can(request.user, "hapus_draf", skp)
        return _fokus(_render_bagian(request, konteks, bagian, **ekstra), "tombol-hapus-skp")
    return _render_bagian(request, konteks, bagian, **ekstra)


def _halaman_penuh(
    request: HttpRequest, skp: Skp, konteks: dict, status: int = 200, **ekstra
) -> HttpResponse:
    """The page worked out afresh: with a form open, or refused (the page as it reads now)."""
    konteks.update(_konteks_isi(request, skp), **_konteks_bingkai(request, skp))
    return render(request, "skp/detail.html", {**konteks, **ekstra}, status=status)


def _konteks_isi(request: HttpRequest, skp: Skp) -> dict:
    """What the page shows besides the HASIL KERJA and PERILAKU sections: the workflow."""
    return {"tampil_mph": adalah_atasan(skp.pegawai), **_alur_konteks(request, skp)}


def _konteks_bingkai(request: HttpRequest, skp: Skp) -> dict:
    """What the page around the SKP shows: its title and the way back (breadcrumb)."""
    return {"skp": skp, "pemilik": skp.pegawai.user_id == request.user.pk, "dari": _dari(request)}


def _halaman_tersimpan(request: HttpRequest, skp: Skp) -> HttpResponse:
    """The SKP page as this viewer reads it, kept rendered until anything it shows changes
    (core/bagian.py). It reads the SKP and its content ("skp", "kinerja": RHK, indicators,
    comments, history, the atasan's RHK, colleagues' indicators in the audit panel, the linked
    Renstra/Renja items), and the organisation ("organisasi": who the penilai is now, who may
    do what). What the viewer may do is worked out from their roles, so the viewer is part of
    the key, with their superuser flag (not an organisation row); the day too, as who acts as
    penilai (Plt/Plh) follows the date, and where they came from (?dari=, three values), which
    the decision form carries back."""
    user = request.user
    return halaman_tersimpan(
        request,
        "skp/detail.html",
        "isi-skp",
        ("skp-detail", skp.pk, user.pk, user.is_superuser, timezone.localdate(), _dari(request)),
        ("skp", "kinerja", "organisasi"),
        lambda: {**_konteks(request, skp), **_konteks_isi(request, skp), "dari": _dari(request)},
        lambda: _konteks_bingkai(request, skp),
    )


def _angka(teks: str | None) -> int:
    try:
        return int(teks or "")
    except ValueError:
        raise Http404("Nomor tidak sah.") from None


def _jenis_rhk(jenis: str) -> str:
    if jenis not in JenisRhk.values:
        raise Http404("Jenis RHK tidak dikenal.")
    return jenis


def _berhasil(
    request: HttpRequest,
    skp_pk: int,
    pesan: str,
    jangkar: str = "",
    fokus: str = "judul-hasil-kerja",
    cadangan: str = "",
) -> HttpResponse:
    """After a successful edit: the whole HASIL KERJA section and the checklist for htmx (the
    numbering and the checklist may both change), or a redirect back to the page. Keyboard focus
    goes back to the control the person used (`cadangan` when that one is now disabled).

    The section is rendered whole so the server stays the one source of numbering, the
    Naik/Turun states and the atasan panel. Other forms open in it are not lost: skp.js keeps
    every RHK block holding an open form in place across this swap (see "kept blocks" there),
    and `_sukses` tells the page the new `revisi` for its other open forms."""
    if not request.htmx:
        messages.success(request, pesan)
        url = reverse("skp:detail", args=[skp_pk])
        return redirect(f"{url}#{jangkar}" if jangkar else url)
    skp = get_skp_for_user(request.user, skp_pk)
    konteks = _konteks(request, skp)
    html = render_to_string("skp/detail.html#hasil-kerja", konteks, request) + _oob_sesudah(
        request, konteks, pesan
    )
    respons = reswap(retarget(HttpResponse(html), "#hasil-kerja"), "outerHTML")
    return _sukses(respons, skp, fokus, cadangan)


def _oob_sesudah(request: HttpRequest, konteks: dict, pesan: str) -> str:
    """Out-of-band parts of every successful edit: the checklist (its "Ajukan" form carries the
    revisi, and the edit may have completed or broken the SKP) and the announcement."""
    html = format_html('<div hx-swap-oob="innerHTML:#pengumuman">{}</div>', pesan)
    if konteks["boleh_ajukan"]:
        html = (
            render_to_string("skp/detail.html#kelengkapan", {**konteks, "oob": True}, request)
            + html
        )
    return html


def _sukses(respons: HttpResponse, skp: Skp, fokus: str, cadangan: str = "") -> HttpResponse:
    """Every successful htmx edit bumps the SKP's `revisi`, which each open form sends back so a
    form from an older page (another tab or device) is refused instead of overwriting. The forms
    still open in THIS page are not older: the "skp:revisi" event (on receipt, before the swap)
    has skp.js set their hidden `revisi` to the new value, so only other pages stay refused."""
    respons = trigger_client_event(respons, "skp:revisi", {"revisi": skp.revisi})
    return _fokus(respons, fokus, cadangan)


def _fokus(respons: HttpResponse, fokus: str, cadangan: str = "") -> HttpResponse:
    return trigger_client_event(
        respons, "skp:fokus", {"id": fokus, "cadangan": cadangan}, after="settle"
    )


def _tampil_sunting(
    request: HttpRequest, skp: Skp, sunting: Sunting, bagian: str, **ekstra
) -> HttpResponse:
    """An open form: only its element for htmx, else the whole page with the form in place."""
    if sunting.form.is_bound and sunting.form.errors:
        sunting.form.fokus_galat()
    elif not sunting.form.is_bound:
        sunting.form.fokus_awal()
    konteks = _konteks(request, skp, sunting)
    if "rhk_pk" in ekstra:
        ekstra["rhk"] = _cari_rhk(konteks, ekstra.pop("rhk_pk"))
    if request.htmx:
        return _render_bagian(request, konteks, bagian, **ekstra)
    return _halaman_penuh(request, skp, konteks, **ekstra)


def _revisi_form(request: HttpRequest) -> int | None:
    """The `revisi` the form was rendered with (absent on older pages: then not checked)."""
    try:
        return int(request.POST["revisi"])
    except (KeyError, ValueError):
        return None


def _kedaluwarsa(request: HttpRequest, skp_pk: int, galat: ValidationError) -> HttpResponse:
    """A refused write (stale page, or a state changed meanwhile): 409 with the reason for
    htmx, else the reason as a message on the SKP page."""
    pesan = " ".join(galat.messages)
    if request.htmx:
        return HttpResponse(pesan, status=409, content_type="text/plain; charset=utf-8")
    messages.warning(request, pesan)
    return redirect("skp:detail", pk=skp_pk)


def _skp_untuk_diubah(request: HttpRequest, pk: int) -> Skp:
    skp = get_skp_for_user(request.user, pk)  # 404 for those who may not see it
    require(request.user, "ubah", skp)  # 403 for those who may see but not edit
    return skp


# --- RHK ------------------------------------------------------------------------------------


def _pilihan(skp: Skp, sumber: dict, lama: RencanaHasilKerja | None = None) -> dict:
    """The picker's state: the atasan's RHK (filtered by the search words), which one is chosen,
    and the RHK's current link when it is no longer among the current atasan's RHK."""
    cari = (sumber.get("cari_rhk_atasan") or "").strip()[:100]
    try:
        terpilih = int(sumber.get("rhk_atasan") or 0) or None
    except (TypeError, ValueError):
        terpilih = None
    pilihan = selectors.rhk_atasan_tersedia(skp, cari)
    tautan_lama = None
    if terpilih and all(r.pk != terpilih for r in pilihan.rhk):
        if cari:  # the chosen one stays visible while the list is filtered
            lengkap = selectors.rhk_atasan_tersedia(skp).rhk
            pilihan.rhk = [r for r in lengkap if r.pk == terpilih] + pilihan.rhk
        if all(r.pk != terpilih for r in pilihan.rhk):
            if lama is not None and lama.pk == terpilih:
                tautan_lama = lama
            else:
                terpilih = None
    return {"pilihan": pilihan, "cari": cari, "terpilih": terpilih, "tautan_lama": tautan_lama}


def _data_rhk(form: RhkForm) -> dict:
    d = form.cleaned_data
    return {
        "jenis": d["jenis"],
        "uraian": d["uraian"],
        "rhk_atasan": d.get("rhk_atasan"),
        "perspektif": d.get("perspektif", ""),
        **d.get("tautan_renstra", {}),
    }


def _nilai_tautan(rhk: RencanaHasilKerja | None) -> str:
    """The picker value of a JPT RHK's current planning link ("indikator:5"), or ""."""
    if rhk is None:
        return ""
    for jenis, kolom in KOLOM_TAUTAN.items():
        pk = getattr(rhk, f"{kolom}_id")
        if pk:
            return f"{jenis}:{pk}"
    return ""


def _pilihan_renstra(skp: Skp, sumber: dict, lama: RencanaHasilKerja | None = None) -> dict:
    """The JPT picker's state: the OPD's Renstra/Renja items for the year (filtered by the
    search words), which one is chosen (kept listed while filtered), and the current link when
    it is no longer among them."""
    cari = (sumber.get("cari_renstra") or "").strip()[:100]
    terpilih = str(sumber.get("tautan_renstra") or "")
    tersedia = selectors.renstra_tersedia(skp, cari)
    lengkap = selectors.renstra_tersedia(skp) if cari and terpilih else tersedia
    for jenis in KOLOM_TAUTAN:  # "sasaran", "indikator", "subkegiatan": also list attributes
        for item in getattr(lengkap, jenis) + getattr(tersedia, jenis):
            item.nilai_pilihan = f"{jenis}:{item.pk}"
        if lengkap is not tersedia:
            terpilih_di_sini = [i for i in getattr(lengkap, jenis) if i.nilai_pilihan == terpilih]
            daftar = getattr(tersedia, jenis)
            if terpilih_di_sini and all(i.nilai_pilihan != terpilih for i in daftar):
                daftar.insert(0, terpilih_di_sini[0])
    semua = {i.nilai_pilihan for i in tersedia.sasaran + tersedia.indikator + tersedia.subkegiatan}
    tautan_lama = None
    if terpilih and terpilih not in semua:
        if lama is not None and terpilih == _nilai_tautan(lama):
            tautan_lama = lama.indikator_renstra or lama.sasaran_renstra or lama.subkegiatan_renja
            tautan_lama.nilai_pilihan = terpilih
        else:
            terpilih = ""
    return {"renstra": tersedia, "cari": cari, "terpilih_renstra": terpilih,
            "tautan_lama": tautan_lama}  # fmt: skip


def _pilihan_tautan(skp: Skp, sumber: dict, lama: RencanaHasilKerja | None = None) -> dict:
    if skp.jpt:
        return _pilihan_renstra(skp, sumber, lama)
    return _pilihan(skp, sumber, lama.rhk_atasan if lama and lama.rhk_atasan_id else None)


@login_required
@require_http_methods(["GET", "POST"])
def rhk_tambah(request: HttpRequest, pk: int, jenis: str) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    jenis = _jenis_rhk(jenis)
    id_form = f"rhk-baru-{jenis}"
    if request.method == "POST":
        form = RhkForm(request.POST, skp=skp, id_form=id_form)
        if form.is_valid():
            try:
                rhk = services.rhk_tambah(
                    user=request.user, skp=skp, revisi=_revisi_form(request), **_data_rhk(form)
                )
            except services.SkpKedaluwarsa as e:
                return _kedaluwarsa(request, skp.pk, e)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                return _berhasil(
                    request,
                    skp.pk,
                    f"RHK {rhk.label} ditambahkan. Tambahkan indikatornya.",
                    jangkar=f"rhk-{rhk.pk}",
                    fokus=f"tambah-indikator-{rhk.pk}",
                    cadangan=f"ubah-rhk-{rhk.pk}",
                )
        sumber = request.POST
    else:
        sumber = request.GET
        form = RhkForm(
            initial={
                "jenis": sumber.get("jenis") or jenis,
                **{k: sumber.get(k) for k in ("uraian", "perspektif")},
            },
            skp=skp,
            id_form=id_form,
        )
    sunting = Sunting("rhk_baru", form, jenis_rhk=jenis, **_pilihan_tautan(skp, sumber))
    return _tampil_sunting(request, skp, sunting, "rhk-baru", jenis=jenis)


@login_required
@require_http_methods(["GET", "POST"])
def rhk_ubah(request: HttpRequest, pk: int, rhk_pk: int) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    rhk = get_object_or_404(RencanaHasilKerja, pk=rhk_pk, skp=skp)
    id_form = f"rhk{rhk.pk}"
    if request.method == "POST":
        form = RhkForm(request.POST, skp=skp, id_form=id_form)
        if form.is_valid():
            try:
                rhk = services.rhk_ubah(
                    user=request.user, rhk=rhk, revisi=_revisi_form(request), **_data_rhk(form)
                )
            except services.SkpKedaluwarsa as e:
                return _kedaluwarsa(request, skp.pk, e)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                return _berhasil(
                    request, skp.pk, f"RHK {rhk.label} disimpan.", jangkar=f"rhk-{rhk.pk}",
                    fokus=f"ubah-rhk-{rhk.pk}",
                )  # fmt: skip
        sumber = request.POST
    else:
        awal = {"jenis": rhk.jenis, "uraian": rhk.uraian, "perspektif": rhk.perspektif}
        if "cari_rhk_atasan" in request.GET or "cari_renstra" in request.GET:
            # The search fallback without JavaScript: the page comes back with what was typed.
            awal.update({k: request.GET.get(k) for k in ("jenis", "uraian", "perspektif")})
            sumber = request.GET
        else:
            sumber = {"rhk_atasan": rhk.rhk_atasan_id, "tautan_renstra": _nilai_tautan(rhk)}
        form = RhkForm(initial=awal, skp=skp, id_form=id_form)
    sunting = Sunting("rhk", form, rhk_id=rhk.pk, **_pilihan_tautan(skp, sumber, rhk))
    return _tampil_sunting(request, skp, sunting, "rhk-baris", rhk_pk=rhk.pk)


@login_required
@require_GET
def pilih_tautan(request: HttpRequest, pk: int) -> HttpResponse:
    """The cascade picker filtered as the pegawai types (htmx): the atasan's RHK, or for a JPT
    the OPD's Renstra/Renja items. The chosen one stays listed while filtered."""
    skp = _skp_untuk_diubah(request, pk)
    if not request.htmx:
        return redirect("skp:detail", pk=skp.pk)
    id_form = request.GET.get("id_form", "")
    if not id_form.replace("-", "").isalnum() or len(id_form) > 30:
        raise Http404("Formulir tidak dikenal.")
    rhk = None
    if id_form.startswith("rhk") and id_form[3:].isdigit():
        rhk = RencanaHasilKerja.objects.filter(skp=skp, pk=int(id_form[3:])).first()
    form = RhkForm(skp=skp, id_form=id_form)
    sunting = Sunting("rhk", form, **_pilihan_tautan(skp, request.GET, rhk))
    bagian = "pilihan-renstra" if skp.jpt else "pilihan-rhk-atasan"
    return render(request, f"skp/_form_rhk.html#{bagian}", {"skp": skp, "sunting": sunting})


@login_required
@require_http_methods(["GET", "POST"])
def rhk_hapus(request: HttpRequest, pk: int, rhk_pk: int) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    rhk = get_object_or_404(RencanaHasilKerja, pk=rhk_pk, skp=skp)
    if request.method == "GET":  # confirmation page when JavaScript is off
        intervensi = selectors.intervensi_bawahan([rhk.pk], kecuali_skp=skp.pk)
        return render(
            request,
            "skp/hapus.html",
            {
                "skp": skp,
                "rhk": rhk,
                "dilepas": intervensi.dilepas,
                "terhalang": selectors.sebut_intervensi(intervensi.menghalangi),
            },
        )
    label = rhk.label
    try:
        dilepas = services.rhk_hapus(user=request.user, rhk=rhk)
    except ValidationError as e:
        return _kedaluwarsa(request, skp.pk, e)
    pesan = f"RHK {label} dihapus." + (
        f" Tautan {dilepas} RHK bawahan yang mengintervensinya dilepas; mereka diberi tahu."
        if dilepas
        else ""
    )
    return _berhasil(request, skp.pk, pesan, jangkar="hasil-kerja")


@login_required
@require_POST
def rhk_pindah(request: HttpRequest, pk: int, rhk_pk: int) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    rhk = get_object_or_404(RencanaHasilKerja, pk=rhk_pk, skp=skp)
    arah = request.POST.get("arah", "")
    if arah not in ("naik", "turun"):
        return HttpResponse("Arah tidak dikenal.", status=400)
    try:
        rhk = services.rhk_pindah(
            user=request.user, rhk=rhk, arah=arah, revisi=_revisi_form(request)
        )
    except services.SkpKedaluwarsa as e:
        return _kedaluwarsa(request, skp.pk, e)
    return _berhasil(
        request, skp.pk, f"RHK dipindahkan ke urutan {rhk.urutan}.", jangkar=f"rhk-{rhk.pk}",
        fokus=f"{arah}-{rhk.pk}", cadangan=f"{'turun' if arah == 'naik' else 'naik'}-{rhk.pk}",
    )  # fmt: skip


# --- indicators -----------------------------------------------------------------------------


def _data_indikator(form: IndikatorForm) -> dict:
    d = form.cleaned_data
    return {
        "aspek": d.get("aspek", ""),
        "uraian": d["uraian"],
        "target_min": d["target_min"],
        "target_maks": d["target_maks"],
        "satuan": d["satuan"],
        "target_tanggal": d.get("target_tanggal"),
        "rencana_bukti_dukung": d["rencana_bukti_dukung"],
    }


def _aspek_berikut(rhk: RencanaHasilKerja) -> str:
    ada = {i.aspek for i in rhk.indikator.all()}
    for aspek in ("kuantitas", "kualitas", "waktu"):
        if aspek not in ada:
            return aspek
    return ""


def alasan_ditolak_indikator(skp: Skp, form: IndikatorForm) -> list[str]:
    """Why saving what `form` holds would be refused now, in the words saving would use: the
    form's own conversion (a number that is not one) and the service's rules
    (`services.periksa_indikator`: satuan missing, a target an aspek needs, ...), for the fields
    the form could convert. Empty when saving would succeed. No rule is repeated here."""
    form.is_valid()
    alasan = [pesan for daftar in form.errors.values() for pesan in daftar]
    d = form.cleaned_data
    try:
        services.periksa_indikator(
            skp,
            aspek=d.get("aspek", ""),
            uraian=d.get("uraian", ""),
            target_min=d.get("target_min"),
            target_maks=d.get("target_maks"),
            satuan=d.get("satuan", ""),
            target_tanggal=d.get("target_tanggal"),
            rencana_bukti_dukung=d.get("rencana_bukti_dukung", ""),
        )
    except ValidationError as e:
        alasan += [p for kolom, daftar in e.message_dict.items() if kolom not in form.errors
                   for p in daftar]  # fmt: skip
    return alasan


_ID_TEMUAN = re.compile(r"temuan-[a-z0-9-]{1,40}")


@login_required
@require_POST
def indikator_periksa(request: HttpRequest, pk: int) -> HttpResponse:
    """The live advice under the indicator form (htmx, as the pegawai types): the analyser's
    findings, and whether saving would be refused and why, so the advice and the form agree.
    Saves nothing."""
    skp = _skp_untuk_diubah(request, pk)
    target = request.htmx.target if request.htmx else ""
    return render(
        request,
        "indikator/_temuan.html",
        {
            "hasil": analisis_isian(request.POST),
            "ditolak": alasan_ditolak_indikator(skp, IndikatorForm(request.POST, skp=skp)),
            "id_temuan": target if target and _ID_TEMUAN.fullmatch(target) else "temuan-indikator",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indikator_tambah(request: HttpRequest, pk: int, rhk_pk: int) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    rhk = get_object_or_404(RencanaHasilKerja, pk=rhk_pk, skp=skp)
    id_form = f"indikator-baru-{rhk.pk}"
    if request.method == "POST":
        form = IndikatorForm(request.POST, skp=skp, id_form=id_form)
        if form.is_valid():
            try:
                ind = services.indikator_tambah(
                    user=request.user, rhk=rhk, revisi=_revisi_form(request),
                    **_data_indikator(form),
                )  # fmt: skip
            except services.SkpKedaluwarsa as e:
                return _kedaluwarsa(request, skp.pk, e)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                nama = f"aspek {ind.get_aspek_display()} " if ind.aspek else ""
                return _berhasil(
                    request, skp.pk, f"Indikator {nama}untuk RHK {rhk.label} ditambahkan.",
                    jangkar=f"rhk-{rhk.pk}", fokus=f"tambah-indikator-{rhk.pk}",
                    cadangan=f"ubah-rhk-{rhk.pk}",
                )  # fmt: skip
    else:
        form = IndikatorForm(initial={"aspek": _aspek_berikut(rhk)}, skp=skp, id_form=id_form)
    sunting = Sunting("indikator_baru", form, rhk_id=rhk.pk)
    return _tampil_sunting(request, skp, sunting, "rhk-baris", rhk_pk=rhk.pk)


@login_required
@require_http_methods(["GET", "POST"])
def indikator_ubah(request: HttpRequest, pk: int, ind_pk: int) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    ind = get_object_or_404(IndikatorKinerja.objects.select_related("rhk"), pk=ind_pk, rhk__skp=skp)
    id_form = f"indikator{ind.pk}"
    if request.method == "POST":
        form = IndikatorForm(request.POST, skp=skp, id_form=id_form)
        if form.is_valid():
            try:
                services.indikator_ubah(
                    user=request.user, indikator=ind, revisi=_revisi_form(request),
                    **_data_indikator(form),
                )  # fmt: skip
            except services.SkpKedaluwarsa as e:
                return _kedaluwarsa(request, skp.pk, e)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                return _berhasil(
                    request, skp.pk, f"Indikator RHK {ind.rhk.label} disimpan.",
                    jangkar=f"rhk-{ind.rhk_id}", fokus=f"ubah-indikator-{ind.pk}",
                )  # fmt: skip
    else:
        awal = {k: getattr(ind, k) for k in ("aspek", "uraian", "target_min", "target_maks",
                                             "satuan", "target_tanggal", "rencana_bukti_dukung")}  # fmt: skip
        form = IndikatorForm(initial=awal, skp=skp, id_form=id_form)
    sunting = Sunting("indikator", form, rhk_id=ind.rhk_id, indikator_id=ind.pk)
    return _tampil_sunting(request, skp, sunting, "rhk-baris", rhk_pk=ind.rhk_id)


@login_required
@require_http_methods(["GET", "POST"])
def indikator_hapus(request: HttpRequest, pk: int, ind_pk: int) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    ind = get_object_or_404(IndikatorKinerja.objects.select_related("rhk"), pk=ind_pk, rhk__skp=skp)
    if request.method == "GET":
        return render(request, "skp/hapus.html", {"skp": skp, "indikator": ind})
    services.indikator_hapus(user=request.user, indikator=ind)
    return _berhasil(
        request, skp.pk, f"Indikator RHK {ind.rhk.label} dihapus.", jangkar=f"rhk-{ind.rhk_id}",
        fokus=f"tambah-indikator-{ind.rhk_id}", cadangan=f"ubah-rhk-{ind.rhk_id}",
    )  # fmt: skip


# --- lampiran and ekspektasi ----------------------------------------------------------------


def _lampiran_disimpan(request: HttpRequest, skp: Skp) -> HttpResponse:
    if not request.htmx:
        messages.success(request, "Lampiran disimpan.")
        return redirect(reverse("skp:detail", args=[skp.pk]) + "#lampiran")
    skp = get_skp_for_user(request.user, skp.pk)
    konteks = _konteks(request, skp)
    html = render_to_string("skp/detail.html#lampiran", konteks, request) + _oob_sesudah(
        request, konteks, "Lampiran disimpan."
    )
    return _sukses(HttpResponse(html), skp, "ubah-lampiran")


@login_required
@require_http_methods(["GET", "POST"])
def lampiran_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    skp = _skp_untuk_diubah(request, pk)
    if request.method == "POST":
        form = LampiranForm(request.POST, id_form="lampiran")
        if form.is_valid():
            try:
                skp = services.lampiran_ubah(
                    user=request.user, skp=skp, revisi=_revisi_form(request), **form.cleaned_data
                )
            except services.SkpKedaluwarsa as e:
                return _kedaluwarsa(request, skp.pk, e)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                return _lampiran_disimpan(request, skp)
    else:
        form = LampiranForm(
            initial={k: getattr(skp, k) for k in LampiranForm.base_fields}, id_form="lampiran"
        )
    return _tampil_sunting(request, skp, Sunting("lampiran", form), "lampiran")


def _ekspektasi_disimpan(request: HttpRequest, skp: Skp, perilaku: PerilakuKerja) -> HttpResponse:
    pesan = f"Ekspektasi khusus {perilaku.nilai_inti} disimpan."
    if not request.htmx:
        messages.success(request, pesan)
        return redirect(reverse("skp:detail", args=[skp.pk]) + f"#perilaku-{perilaku.urutan}")
    skp = get_skp_for_user(request.user, skp.pk)
    konteks = _konteks(request, skp)
    html = render_to_string(
        "skp/detail.html#perilaku-baris",
        {**konteks, "p": _cari_perilaku(skp, perilaku.urutan)},
        request,
    ) + format_html('<div hx-swap-oob="innerHTML:#pengumuman">{}</div>', pesan)
    return _sukses(HttpResponse(html), skp, f"ekspektasi-{perilaku.urutan}")


@login_required
@require_http_methods(["GET", "POST"])
def ekspektasi_ubah(request: HttpRequest, pk: int, urutan: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    require(request.user, "isi_ekspektasi", skp)
    perilaku = get_object_or_404(PerilakuKerja, skp=skp, urutan=urutan)
    id_form = f"perilaku{urutan}"
    if request.method == "POST":
        form = EkspektasiForm(request.POST, id_form=id_form)
        if form.is_valid():
            try:
                services.ekspektasi_ubah(
                    user=request.user,
                    perilaku=perilaku,
                    ekspektasi_khusus=form.cleaned_data["ekspektasi_khusus"],
                    revisi=_revisi_form(request),
                )
            except services.SkpKedaluwarsa as e:
                return _kedaluwarsa(request, skp.pk, e)
            except ValidationError as e:
                form.add_error(None, e)
            else:
                return _ekspektasi_disimpan(request, skp, perilaku)
    else:
        form = EkspektasiForm(
            initial={"ekspektasi_khusus": perilaku.ekspektasi_khusus}, id_form=id_form
        )
    sunting = Sunting("ekspektasi", form, perilaku_id=perilaku.pk)
    if request.htmx:
        form.fokus_awal()
        konteks = _konteks(request, skp, sunting)
        return _render_bagian(request, konteks, "perilaku-baris", p=_cari_perilaku(skp, urutan))
    return _tampil_sunting(request, skp, sunting, "perilaku-baris")


# --- for the atasan -------------------------------------------------------------------------


def _tahun_dari(request: HttpRequest) -> int:
    try:
        tahun = int(request.GET.get("tahun") or timezone.localdate().year)
    except ValueError:
        tahun = timezone.localdate().year
    return tahun if tahun in services.tahun_tersedia() else timezone.localdate().year


@login_required
@require_GET
def bawahan(request: HttpRequest) -> HttpResponse:
    require(request.user, "lihat_bawahan")
    pegawai = pegawai_dari_user(request.user)
    tahun = _tahun_dari(request)

    def hitung_konteks() -> dict:
        baris = selectors.skp_bawahan(pegawai, tahun)
        skp_sendiri = selectors.skp_tahun(pegawai, tahun)
        return {
            "tahun": tahun,
            "baris": baris,
            "skp_sendiri": skp_sendiri,
            "mph": _mph(request, skp_sendiri) if skp_sendiri else None,
            "jumlah_belum": sum(1 for b in baris if b.skp is None),
        }

    # The list and the MPH, rendered, kept between requests until an SKP, its content or the
    # organisation changes (core/bagian.py). What the MPH shows depends on what the viewer may
    # open, which follows their login (and superuser flag), the positions they act in and the
    # day (a Plt ends at midnight). The year chooser around it is the page's own.
    return halaman_tersimpan(
        request,
        "skp/bawahan.html",
        "daftar-bawahan",
        ("skp_bawahan", request.user.pk, request.user.is_superuser, pegawai.pk,
         peran_dari_request(request).jabatan, tahun, timezone.localdate()),
        ("organisasi", "skp", "kinerja"),
        hitung_konteks,
        lambda: {"tahun": tahun, "daftar_tahun": list(reversed(services.tahun_tersedia()))},
    )  # fmt: skip


def _mph(request: HttpRequest, skp: Skp) -> selectors.Mph:
    """The MPH of `skp` as the signed-in person may see it (bawahan SKP they may open)."""
    jabatan = peran_dari_request(request).jabatan  # looked up once per request
    return selectors.mph(
        skp,
        terlihat=access.visible_skps(request.user, jabatan),
        pegawai_terlihat=access.visible_pegawai(request.user, jabatan),
    )


@login_required
@require_GET
def mph(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    konteks = {"skp": skp, "mph": _mph(request, skp)}
    if request.htmx:
        return render(request, "skp/mph.html#mph", konteks)
    return render(request, "skp/mph.html", konteks)


# --- deleting a first draft -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hapus_skp(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Hapus draf SKP": a confirmation saying what will be lost (and whose links), then the
    delete, landing on SKP Saya where the SKP can be made again. Refusals (submitted once, a
    revision, bawahan holding a submitted link) come back as a message, nothing changed."""
    skp = get_skp_for_user(request.user, pk)
    if not access.boleh_peran(request.user, "hapus_draf", skp):
        raise PermissionDenied(access.PESAN_DITOLAK["hapus_draf"])
    if request.method == "POST":
        tahun = skp.tahun
        try:
            dilepas = services.skp_hapus(user=request.user, skp=skp, revisi=_revisi_form(request))
        except ValidationError as e:
            if request.htmx:
                return _kedaluwarsa(request, pk, e)
            return _tolak(request, pk, e)
        messages.success(
            request,
            f"Draf SKP tahun {tahun} dihapus. Anda dapat membuatnya kembali di bawah ini, "
            "dengan pendekatan yang sesuai atau sebagai salinan SKP tahun sebelumnya."
            + (
                f" Tautan {dilepas} RHK bawahan ke RHK Anda dilepas; mereka diberi tahu."
                if dilepas
                else ""
            ),
        )
        tujuan = f"{reverse('skp:daftar')}?tahun={tahun}"
        return HttpResponseClientRedirect(tujuan) if request.htmx else redirect(tujuan)
    intervensi = selectors.intervensi_bawahan(
        list(skp.rhk.values_list("pk", flat=True)), kecuali_skp=skp.pk
    )
    konteks = {
        "skp": skp,
        "alasan": access.alasan_tidak_dapat_dihapus(skp),
        "isi": selectors.isi_skp(skp),
        "dilepas": intervensi.dilepas,
        "terhalang": selectors.sebut_intervensi(intervensi.menghalangi),
    }
    if request.htmx:
        return _fokus(render(request, "skp/hapus_skp.html#konfirmasi", konteks), "judul-hapus-skp")
    return render(request, "skp/hapus_skp.html", konteks)


# --- approval workflow ----------------------------------------------------------------------


def _alur_konteks(request: HttpRequest, skp: Skp) -> dict:
    """What the full SKP page shows about the workflow: the actions this person may take, the
    timeline, the versions, the penilai now, and for the penilai what changed: since the
    previous submission, or for the first submission of a revision, against the version in
    force that it revises."""
    riwayat = list(skp.riwayat.select_related("oleh__pegawai").order_by("waktu", "pk"))
    pengajuan = [r for r in riwayat if r.aksi == "ajukan" and r.cuplikan]
    beda, judul_beda = None, ""
    if skp.status == StatusSkp.DIAJUKAN and len(pengajuan) >= 2:
        beda = bandingkan(pengajuan[-2].cuplikan, buat_cuplikan(skp))
        judul_beda = "Perubahan sejak pengajuan sebelumnya"
    elif skp.status == StatusSkp.DIAJUKAN and skp.versi > 1:
        berlaku = (
            Skp.objects.filter(
                pegawai_id=skp.pegawai_id, tahun=skp.tahun, status=StatusSkp.DISETUJUI
            )
            .exclude(pk=skp.pk)
            .first()
        )
        if berlaku is not None:
            beda = bandingkan(buat_cuplikan(berlaku), buat_cuplikan(skp), antar_versi=True)
            judul_beda = f"Perubahan dibanding versi {berlaku.versi} yang berlaku"
    kembali = [r for r in riwayat if r.aksi == "kembalikan"]
    versi = list(
        Skp.objects.filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun)
        .only("pk", "versi", "status", "tahun")
        .order_by("versi")
    )
    penilai_kini = selectors.penilai_aktif(skp) if skp.status in STATUS_MENUNGGU else None
    boleh_alihkan = can(request.user, "alihkan_penilai", skp)
    boleh = {aksi: can(request.user, aksi, skp) for aksi in TRANSISI if aksi != "ganti"}
    return {
        "riwayat": riwayat,
        "beda": beda,
        "judul_beda": judul_beda,
        "ada_pengajuan_sebelumnya": len(pengajuan) >= 2,
        "catatan_terakhir": kembali[-1] if kembali else None,
        "daftar_versi": versi if len(versi) > 1 else [],
        "penilai_kini": penilai_kini,
        "boleh": boleh,
        # Reminded (not blocked) before approving: the BerAKHLAK rows still without one.
        "ekspektasi_kosong": [p for p in skp.perilaku.all() if not p.ekspektasi_khusus.strip()]
        if boleh["setujui"]
        else [],
        "boleh_alihkan": boleh_alihkan,
        "boleh_hapus_draf": can(request.user, "hapus_draf", skp),
        "calon_penilai": (
            Pegawai.objects.filter(instansi_id=skp.instansi_id, aktif=True, user__isnull=False)
            .exclude(pk=skp.pegawai_id)
            .order_by("nama")
            .only("pk", "nama", "gelar_depan", "gelar_belakang", "nip")
            if boleh_alihkan
            else []
        ),
    }


def _ke_detail(skp_pk: int, dari: str = "") -> HttpResponse:
    url = reverse("skp:detail", args=[skp_pk])
    return redirect(f"{url}?dari={dari}" if dari else url)


def _tolak(request: HttpRequest, skp_pk: int, galat: ValidationError) -> HttpResponse:
    for pesan in galat.messages:
        messages.error(request, pesan)
    return _ke_detail(skp_pk, _dari(request))


@login_required
@require_POST
def ajukan(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    try:
        skp = services.ajukan(user=request.user, skp=skp, revisi=_revisi_form(request))
    except ValidationError as e:
        return _tolak(request, pk, e)
    penilai = selectors.penilai_aktif(skp)
    messages.success(
        request,
        f"SKP diajukan kepada {kalimat(penilai.nama_lengkap if penilai else 'pejabat penilai')} "
        "Anda akan diberi tahu bila SKP disetujui atau dikembalikan. Selama belum diputuskan, "
        "pengajuan dapat ditarik kembali.",
    )
    return _ke_detail(pk)


@login_required
@require_POST
def tarik(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    try:
        services.tarik(user=request.user, skp=skp, revisi=_revisi_form(request))
    except ValidationError as e:
        return _tolak(request, pk, e)
    messages.success(
        request,
        "Pengajuan ditarik kembali. SKP kembali berstatus Draf dan dapat Anda ubah; ajukan "
        "kembali setelah selesai. Pejabat penilai sudah diberi tahu.",
    )
    return _ke_detail(pk)


def _komentar_dari(post: QueryDict, awalan: str) -> dict[int, str]:
    hasil: dict[int, str] = {}
    for kunci, nilai in post.items():
        if kunci.startswith(awalan) and kunci[len(awalan) :].isdigit() and nilai.strip():
            hasil[int(kunci[len(awalan) :])] = nilai[:2000]
    return hasil


@dataclass
class IsianTinjauan:
    """What the penilai typed in the decision form: the note and the comments beside the RHK
    and indicators. Kept when the page comes back (a refusal, or the question whether to drop
    it), so nothing typed is lost."""

    catatan: str
    rhk: dict[int, str]
    indikator: dict[int, str]

    @classmethod
    def dari_post(cls, post: QueryDict) -> "IsianTinjauan":
        return cls(
            catatan=post.get("catatan", "")[:4000],
            rhk=_komentar_dari(post, "komentar_rhk_"),
            indikator=_komentar_dari(post, "komentar_indikator_"),
        )

    @property
    def jumlah(self) -> int:
        return bool(self.catatan.strip()) + len(self.rhk) + len(self.indikator)


def _halaman_tinjauan(
    request: HttpRequest, skp: Skp, isian: IsianTinjauan, **ekstra
) -> HttpResponse:
    """The SKP page again with the decision form as it was typed."""
    skp = get_skp_for_user(request.user, skp.pk)
    konteks = _konteks(request, skp)
    for r in konteks["rhk_utama"] + konteks["rhk_tambahan"]:
        r.isian_komentar = isian.rhk.get(r.pk, "")
        for ind in r.indikator.all():
            ind.isian_komentar = isian.indikator.get(ind.pk, "")
    return _halaman_penuh(request, skp, konteks, isian_catatan=isian.catatan, **ekstra)


@login_required
@require_POST
def kembalikan(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    isian = IsianTinjauan.dari_post(request.POST)
    try:
        services.kembalikan(
            user=request.user,
            skp=skp,
            catatan=isian.catatan,
            komentar_rhk=isian.rhk,
            komentar_indikator=isian.indikator,
            revisi=_revisi_form(request),
        )
    except ValidationError as e:
        # Said on the page, with everything typed still in place (nothing is saved).
        for pesan in e.messages:
            messages.error(request, pesan)
        return _halaman_tinjauan(request, skp, isian)
    messages.success(request, f"SKP {skp.pegawai_nama} dikembalikan dengan catatan Anda.")
    return redirect("skp:kotak_masuk")


@login_required
@require_POST
def setujui(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    isian = IsianTinjauan.dari_post(request.POST)
    if (
        isian.jumlah
        and request.POST.get("buang_catatan") != "1"
        and can(request.user, "setujui", skp)
    ):
        # A note or comment typed, then Setujui: ask instead of dropping it silently.
        return _halaman_tinjauan(
            request, skp, isian, konfirmasi_buang=True, jumlah_isian=isian.jumlah
        )
    try:
        services.setujui(user=request.user, skp=skp, revisi=_revisi_form(request))
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
        return _halaman_tinjauan(request, skp, isian)
    messages.success(request, f"SKP {skp.tahun} {skp.pegawai_nama} disetujui.")
    return _ke_detail(pk, _dari(request))


@login_required
@require_POST
def buka_revisi(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    try:
        baru = services.buka_revisi(
            user=request.user, skp=skp, catatan=request.POST.get("catatan", "")[:2000]
        )
    except ValidationError as e:
        return _tolak(request, pk, e)
    messages.success(
        request,
        f"Revisi dibuka sebagai versi {baru.versi} (draf). Versi {skp.versi} tetap berlaku "
        "sampai revisi ini disetujui.",
    )
    return _ke_detail(baru.pk)


@login_required
@require_POST
def alihkan_penilai(request: HttpRequest, pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    require(request.user, "alihkan_penilai", skp)
    penilai = Pegawai.objects.filter(pk=_angka(request.POST.get("penilai"))).first()
    if penilai is None:
        messages.error(request, "Pilih pegawai yang akan menjadi pejabat penilai.")
        return _ke_detail(pk)
    try:
        services.alihkan_penilai(
            user=request.user, skp=skp, penilai=penilai, catatan=request.POST.get("catatan", "")
        )
    except ValidationError as e:
        return _tolak(request, pk, e)
    messages.success(request, f"Pejabat penilai dialihkan kepada {kalimat(penilai.nama_lengkap)}")
    return _ke_detail(pk)


def _satu_komentar(request: HttpRequest, skp: Skp, komentar_pk: int, **ekstra) -> HttpResponse:
    """One comment with its thread (htmx swaps it in place)."""
    k = (
        Komentar.objects.select_related("indikator")
        .prefetch_related(_BALASAN)
        .get(pk=komentar_pk, skp=skp)
    )
    return render(
        request,
        "skp/_komentar.html#komentar",
        {
            "skp": skp,
            "k": k,
            "boleh_tandai": can(request.user, "tandai_komentar", skp),
            "boleh_balas": can(request.user, "balas_komentar", skp),
            **ekstra,
        },
    )


@login_required
@require_POST
def komentar_tandai(request: HttpRequest, pk: int, komentar_pk: int) -> HttpResponse:
    skp = get_skp_for_user(request.user, pk)
    komentar = get_object_or_404(Komentar, pk=komentar_pk, skp=skp)
    require(request.user, "tandai_komentar", skp)
    komentar = services.komentar_tandai(
        user=request.user, komentar=komentar, ditangani=request.POST.get("ditangani") == "1"
    )
    if request.htmx:
        return _satu_komentar(request, skp, komentar.pk)
    messages.success(
        request,
        "Komentar ditandai sudah diperbaiki."
        if komentar.ditangani
        else "Tanda sudah diperbaiki dibatalkan.",
    )
    return redirect(reverse("skp:detail", args=[pk]) + f"#komentar-{komentar.pk}")


@login_required
@require_POST
def komentar_balas(request: HttpRequest, pk: int, komentar_pk: int) -> HttpResponse:
    """An answer in a comment's thread (the pegawai, or the penilai answering back)."""
    skp = get_skp_for_user(request.user, pk)
    komentar = get_object_or_404(Komentar, pk=komentar_pk, skp=skp)
    require(request.user, "balas_komentar", skp)
    teks = request.POST.get("teks", "")
    try:
        services.komentar_balas(user=request.user, komentar=komentar, teks=teks)
    except ValidationError as e:
        if request.htmx:  # said inside the comment, with the typed text kept
            return _satu_komentar(
                request, skp, komentar.pk, galat_balasan=" ".join(e.messages), isian_balasan=teks
            )
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        if request.htmx:
            return _satu_komentar(request, skp, komentar.pk, pengumuman="Balasan terkirim.")
        messages.success(request, "Balasan terkirim.")
    return redirect(reverse("skp:detail", args=[pk]) + f"#komentar-{komentar.pk}")


@login_required
@require_GET
def kotak_masuk(request: HttpRequest) -> HttpResponse:
    pegawai = pegawai_dari_user(request.user)
    if pegawai is None:
        raise PermissionDenied(
            "Kotak masuk untuk pejabat penilai yang terhubung dengan data pegawai."
        )
    tahun = _tahun_dari(request)
    hari_ini = timezone.localdate()

    def hitung_konteks() -> dict:
        # The request's roles: the navbar then counts this same list instead of routing every
        # waiting SKP a second time.
        peran = peran_dari_request(request)
        menunggu = peran.kotak_masuk
        for s in menunggu:
            s.hari_menunggu = hari_sejak(s.diajukan_pada, hari_ini)
        return {
            "menunggu": menunggu,
            "tahun": tahun,
            "belum": _belum_mengajukan(pegawai, peran.jabatan, tahun) if peran.atasan else [],
        }

    # Kept rendered (core/bagian.py) for the login, the year and the day ("menunggu N hari"
    # counts calendar days): who waits follows the SKP rows and the organisation, who has not
    # submitted also what the SKP hold.
    return halaman_tersimpan(
        request,
        "skp/kotak_masuk.html",
        "isi",
        ("kotak_masuk", request.user.pk, request.user.is_superuser, tahun, hari_ini),
        ("organisasi", "skp", "kinerja"),
        hitung_konteks,
        dict,
    )


def _belum_mengajukan(
    pegawai: Pegawai, jabatan: tuple[int, ...], tahun: int
) -> list[selectors.BarisBawahan]:
    """The direct bawahan who have not submitted, kept between requests until an SKP, its
    content or the organisation changes (core/versi.py): for the positions the atasan acts in
    and the day (a Plt ends at midnight), as SKP Bawahan's list."""
    return versi.ingat(
        ("belum_mengajukan", pegawai.pk, jabatan, tahun, timezone.localdate()),
        ("organisasi", "skp", "kinerja"),
        lambda: selectors.belum_mengajukan(pegawai, tahun),
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifikasi(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        nomor = request.POST.get("notifikasi")
        services.notifikasi.tandai_dibaca(
            user=request.user, notifikasi_id=_angka(nomor) if nomor else None
        )
        tautan = request.POST.get("lanjut", "")
        # Only the app's own pages (the SKP's and, since issue 13, the evaluation's).
        if tautan.startswith(("/skp/", "/penilaian/")) and url_has_allowed_host_and_scheme(
            tautan, None
        ):
            return redirect(tautan)
        return redirect("skp:notifikasi")
    # The list is kept rendered until this person's notifications change (a new one, one
    # read): their own version, bumped by every such write (core/versi.py). Dates are printed
    # in full, so the day is not part of the key.
    user_id = request.user.pk
    return halaman_tersimpan(
        request,
        "skp/notifikasi.html",
        "isi",
        ("notifikasi_daftar", user_id),
        versi.milik_orang("notifikasi", user_id),
        lambda: {"daftar": list(Notifikasi.objects.filter(penerima_id=user_id)[:100])},
        dict,
    )


@login_required
@require_GET
def bandingkan_versi(request: HttpRequest, pk: int, pk2: int) -> HttpResponse:
    a = get_skp_for_user(request.user, pk)
    b = get_skp_for_user(request.user, pk2)
    if a.pegawai_id != b.pegawai_id or a.tahun != b.tahun:
        raise Http404("Hanya versi SKP yang sama yang dapat dibandingkan.")
    lama, baru = sorted([a, b], key=lambda s: s.versi)
    beda = bandingkan(buat_cuplikan(lama), buat_cuplikan(baru), antar_versi=True)
    return render(request, "skp/bandingkan.html", {"lama": lama, "baru": baru, "beda": beda})


# --- PDF and public verification ------------------------------------------------------------


@login_required
@require_GET
def unduh_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """An approved version: the stored signed document (issued now if it was not yet). Anything
    else: the draft preview with the DRAF watermark, from the cache or rendered now; a large one
    not in the cache yet goes to the page where the background worker prepares it."""
    skp = get_skp_for_user(request.user, pk)
    if skp.status in STATUS_TERBIT:
        try:
            data = baca_dokumen(terbitkan(skp))
        except ImproperlyConfigured:
            return _tidak_tersedia(
                "Dokumen SKP bertanda tangan belum dapat dibuat: sertifikat penanda tangan instansi "
                "belum dipasang. Hubungi admin aplikasi."
            )
        except PenyimpananGagal:
            return _tidak_tersedia(
                "Dokumen SKP bertanda tangan belum dapat disimpan karena penyimpanan berkas "
                "sedang bermasalah. Tidak ada yang berubah; coba lagi beberapa saat lagi atau "
                "hubungi admin aplikasi."
            )
        except OSError:  # issued, but its file is gone or unreadable (periksa_berkas lists it)
            logger.exception("Berkas dokumen SKP %s tidak dapat dibaca", skp.pk)
            return _tidak_tersedia(
                "Berkas dokumen SKP bertanda tangan tidak dapat dibaca dari penyimpanan. Hubungi "
                "admin aplikasi."
            )
        nama = nama_berkas(skp)
    else:
        data = services_pratinjau.pdf_langsung(skp)
        if data is None:
            return redirect("skp:pratinjau", pk=skp.pk)
        nama = f"DRAF_{nama_berkas(skp)}"
    respons = HttpResponse(data, content_type="application/pdf")
    respons["Content-Disposition"] = f'inline; filename="{nama}"'
    respons["Cache-Control"] = "private, no-store"
    return respons


def _tidak_tersedia(pesan: str) -> HttpResponse:
    return HttpResponse(pesan, status=503, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def pratinjau(request: HttpRequest, pk: int) -> HttpResponse:
    """A large draft preview being prepared by the background worker: the page polls (htmx)
    until it is ready, then offers it. Seen by exactly those who may download the preview. A
    GET may queue the job: like the preview itself, it only fills a cache (one job per SKP at
    a time). Loading the page anew retries after a failure; polling does not."""
    skp = get_skp_for_user(request.user, pk)
    if skp.status in STATUS_TERBIT:
        return redirect("skp:unduh_pdf", pk=skp.pk)
    keadaan = services_pratinjau.siapkan(skp, ulangi=not request.htmx)
    konteks = {"skp": skp, "keadaan": keadaan}
    if request.htmx:
        return render(request, "skp/pratinjau.html#keadaan-pratinjau", konteks)
    return render(request, "skp/pratinjau.html", konteks)


# --- bulk export (admin) --------------------------------------------------------------------


class EksporForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=None, empty_label=None, label="Instansi")
    unit = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Semua unit kerja",
        label="Unit kerja (termasuk sub-unitnya)",
    )
    tahun = forms.IntegerField(min_value=2000, max_value=2100, label="Tahun")

    def __init__(self, *args, instansi_qs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instansi"].queryset = instansi_qs
        self.fields["unit"].queryset = UnitKerja.objects.filter(instansi__in=instansi_qs).order_by(
            "instansi__nama", "kode"
        )
        self.fields["unit"].label_from_instance = lambda u: f"{u.kode} {u.nama}"

    def clean(self) -> dict:
        data = super().clean()
        unit, instansi = data.get("unit"), data.get("instansi")
        if unit and instansi and unit.instansi_id != instansi.pk:
            self.add_error("unit", "Unit kerja ini bukan bagian instansi yang dipilih.")
        return data


def _instansi_admin(request: HttpRequest):
    instansi = instansi_dikelola(request.user)
    if not instansi.exists():
        raise PermissionDenied("Halaman ini untuk admin instansi.")
    return instansi


@login_required
@require_http_methods(["GET", "POST"])
def ekspor(request: HttpRequest) -> HttpResponse:
    """The admin picks a unit (with its sub-units) and a year; a background worker writes every
    approved SKP into a ZIP. The list shows progress (refreshed by htmx while a job runs)."""
    instansi = _instansi_admin(request)
    daftar = EksporSkp.objects.filter(instansi__in=instansi).select_related("unit", "instansi")[:20]
    if request.htmx and request.method == "GET":
        return render(request, "skp/ekspor.html#daftar-ekspor", {"daftar": daftar})
    form = EksporForm(
        request.POST or None,
        instansi_qs=instansi,
        initial={"tahun": timezone.localdate().year, "instansi": instansi.first()},
    )
    if request.method == "POST" and form.is_valid():
        services_ekspor.ekspor_mulai(
            user=request.user,
            instansi=form.cleaned_data["instansi"],
            unit=form.cleaned_data["unit"],
            tahun=form.cleaned_data["tahun"],
        )
        messages.success(request, "Ekspor dimulai. Kemajuannya tampil di bawah.")
        return redirect("skp:ekspor")
    return render(request, "skp/ekspor.html", {"form": form, "daftar": daftar})


@login_required
@require_POST
def ekspor_ulangi(request: HttpRequest, pk: int) -> HttpResponse:
    """*Coba lagi* on a failed export: the same unit and year as a new background job."""
    try:
        services_ekspor.ekspor_ulangi(ekspor_id=pk, instansi=_instansi_admin(request))
    except EksporSkp.DoesNotExist:
        raise Http404("Ekspor tidak ditemukan.") from None
    except ValidationError as e:
        messages.info(request, e.messages[0])
    else:
        messages.success(request, "Ekspor dijalankan lagi. Kemajuannya tampil di bawah.")
    return redirect("skp:ekspor")


@login_required
@require_GET
def ekspor_unduh(request: HttpRequest, pk: int) -> HttpResponse:
    ekspor = get_object_or_404(
        EksporSkp.objects.exclude(berkas=""), pk=pk, instansi__in=_instansi_admin(request)
    )
    try:
        berkas = ekspor.berkas.open("rb")
    except OSError:  # the ZIP is gone from the storage (periksa_berkas lists it)
        logger.exception("Berkas ekspor %s tidak dapat dibaca", ekspor.pk)
        raise Http404("Berkas ZIP ekspor tidak ada di penyimpanan; jalankan ekspor lagi.") from None
    return FileResponse(berkas, as_attachment=True, filename=ekspor.berkas.name.split("/")[-1])
