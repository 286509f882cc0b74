"""A pegawai's monitoring page as their atasan, the admin or they themself read it: progress of
every RHK, the jurnal entries of a period, the dialog kinerja with open follow-ups first (and the
form to record one, for the two parties); marking a follow-up done; and "Dialog Kinerja", the
list of one's own dialogs on both sides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from monitoring import access, selectors
from monitoring.forms import DialogForm
from monitoring.services import dialog as services
from monitoring.views.jurnal import (
    daftar_entri,
    konteks_kemajuan,
    periode_diminta,
    tahun_diminta,
)
from organisasi.models import Pegawai
from organisasi.selectors import bawahan_langsung
from penilaian.services.alur import wajib_pegawai
from skp.services import TAHUN_PERTAMA


def _konteks(request: HttpRequest, pegawai: Pegawai, form: DialogForm | None = None) -> dict:
    tahun = tahun_diminta(request)
    daftar_periode, periode = periode_diminta(request, pegawai, tahun)
    atasan = access.penilai(pegawai)
    pihak = access.pihak_dialog(request.user, pegawai, atasan)
    dialog = selectors.dialog_pegawai(pegawai, tahun)
    for d in dialog:
        d.pegawai = pegawai
        d.boleh_selesai = access.boleh_selesaikan(request.user, d, atasan)
    if form is None and pihak is not None:
        form = DialogForm()
    return {
        "pegawai": pegawai,
        "atasan": atasan,
        "sendiri": pegawai.user_id == request.user.pk,
        "tahun": tahun,
        "daftar_tahun": list(range(timezone.localdate().year, TAHUN_PERTAMA - 1, -1)),
        "daftar_periode": daftar_periode,
        "periode": periode,
        "entri": daftar_entri(request, pegawai, periode),
        "dialog": dialog,
        "pihak": pihak,
        "form": form,
        **konteks_kemajuan(pegawai, tahun),
    }


@login_required
@require_GET
def halaman(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = access.get_pegawai_for_user(request.user, pk)  # 404 for who may not see them
    konteks = _konteks(request, pegawai)
    if request.htmx:
        return render(request, "monitoring/pegawai.html#isi-pegawai", konteks)
    return render(request, "monitoring/pegawai.html", konteks)


def _ke_dialog(pegawai: Pegawai) -> HttpResponse:
    return redirect(f"{reverse('monitoring:pegawai', args=[pegawai.pk])}#dialog")


def _bagian_dialog(request: HttpRequest, pegawai: Pegawai, form=None) -> HttpResponse:
    """The dialog section (htmx), and the open follow-ups above it out of band."""
    konteks = _konteks(request, pegawai, form)
    html = render_to_string("monitoring/pegawai.html#dialog", konteks, request)
    html += render_to_string("monitoring/_tindak_lanjut.html", {**konteks, "oob": True}, request)
    return HttpResponse(html)


@login_required
@require_POST
def dialog_tambah(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = access.get_pegawai_for_user(request.user, pk)
    form = DialogForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.dialog_catat(
                user=request.user, pegawai=pegawai, token=d["token"], tanggal=d["tanggal"],
                jenis=d["jenis"], topik=d["topik"], kesepakatan=d["kesepakatan"],
                tindak_lanjut=d["tindak_lanjut"], tanggal_tindak_lanjut=d["tanggal_tindak_lanjut"],
            )  # fmt: skip
        except ValidationError as e:
            if not hasattr(e, "error_dict"):  # a double click: said once, nothing written
                messages.info(request, " ".join(e.messages))
                return _bagian_dialog(request, pegawai) if request.htmx else _ke_dialog(pegawai)
            for nama, pesan in e.message_dict.items():
                form.add_error(nama if nama in form.fields else None, pesan)
        else:
            messages.success(request, "Dialog kinerja dicatat; pihak lainnya diberi tahu.")
            return _bagian_dialog(request, pegawai) if request.htmx else _ke_dialog(pegawai)
    elif access.pihak_dialog(request.user, pegawai) is None:
        # Only the two parties may record; say so before any field error.
        raise PermissionDenied(access.PESAN_DIALOG)
    form.fokus_galat()
    if request.htmx:
        return _bagian_dialog(request, pegawai, form)
    return render(request, "monitoring/pegawai.html", _konteks(request, pegawai, form))


@login_required
@require_POST
def dialog_selesai(request: HttpRequest, pk: int) -> HttpResponse:
    dialog = access.get_dialog_for_user(request.user, pk)  # 404 for who may not see it
    try:
        services.tindak_lanjut_selesai(user=request.user, dialog=dialog)  # 403 for others
    except ValidationError as e:
        messages.info(request, " ".join(e.messages))
    else:
        messages.success(request, f"Tindak lanjut “{dialog.topik}” ditandai selesai.")
    if request.POST.get("kembali") == "daftar":
        return redirect("monitoring:dialog")
    if request.htmx:
        return _bagian_dialog(request, dialog.pegawai)
    return _ke_dialog(dialog.pegawai)


@login_required
@require_GET
def dialog_saya(request: HttpRequest) -> HttpResponse:
    """The dialogs one takes part in: as the pegawai, and as atasan (those one recorded or took
    part in, and the open follow-ups of one's bawahan now), open follow-ups first."""
    saya = wajib_pegawai(request.user)
    bawahan = list(bawahan_langsung(saya).values_list("pk", flat=True))
    terbuka = selectors.tindak_lanjut_terbuka(pegawai_ids=[saya.pk, *bawahan], atasan=saya)
    penilai = selectors.penilai_banyak({d.pegawai for d in terbuka})
    for d in terbuka:
        d.boleh_selesai = access.boleh_selesaikan(request.user, d, penilai.get(d.pegawai_id))
    konteks = {
        "saya": saya,
        "terbuka": terbuka,
        "sebagai_pegawai": selectors.dialog_pegawai(saya)[:50],
        "sebagai_atasan": selectors.dialog_sebagai_atasan(saya)[:50],
        "punya_bawahan": bool(bawahan),
        "hari_ini": timezone.localdate(),
    }
    return render(request, "monitoring/dialog.html", konteks)


urlpatterns = [
    path("pegawai/<int:pk>/", halaman, name="pegawai"),
    path("pegawai/<int:pk>/dialog/", dialog_tambah, name="dialog_tambah"),
    path("dialog/<int:pk>/selesai/", dialog_selesai, name="dialog_selesai"),
    path("dialog/", dialog_saya, name="dialog"),
]
