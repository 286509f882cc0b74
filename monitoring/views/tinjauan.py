"""The mid-year review: the atasan's list of direct bawahan (who has reviewed, how many RHK are
behind, their last jurnal entry and open follow-ups), and one page per pegawai with the RHK behind schedule, the way into a revision of the
SKP (the SKP's own revision workflow) and the two confirmations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from monitoring import access, selectors
from monitoring.forms import TinjauanForm
from monitoring.kemajuan import StatusRhk
from monitoring.models import PihakDialog
from monitoring.services.tinjauan import BULAN_MULAI, tinjauan_konfirmasi
from organisasi.selectors import bawahan_langsung
from penilaian.services.alur import wajib_pegawai
from skp import access as skp_access
from skp.models import STATUS_DAPAT_DIUBAH, Skp, StatusSkp


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    saya = wajib_pegawai(request.user)
    bawahan = list(bawahan_langsung(saya))
    if not bawahan:
        return redirect("monitoring:tinjauan_pegawai", pk=saya.pk)
    tahun = timezone.localdate().year
    ids = [b.pk for b in bawahan]
    kemajuan = selectors.kemajuan_banyak(ids, tahun)
    tinjauan = selectors.tinjauan_per_pegawai(ids, tahun)
    jurnal = selectors.jurnal_terakhir(ids)
    tindak_lanjut = selectors.tindak_lanjut_per_pegawai(ids)
    baris = [
        {
            "pegawai": b,
            "kemajuan": kemajuan[b.pk],
            "tinjauan": tinjauan.get(b.pk),
            "jurnal": jurnal.get(b.pk),
            "tindak_lanjut": tindak_lanjut.get(b.pk, []),
        }
        for b in bawahan
    ]
    # Those still waiting for the atasan's confirmation first, the most RHK behind first.
    baris.sort(
        key=lambda r: (
            bool(r["tinjauan"] and r["tinjauan"].atasan_konfirmasi_pada),
            -len(r["kemajuan"].terlambat),
            r["pegawai"].nama,
        )
    )
    konteks = {
        "saya": saya,
        "tahun": tahun,
        "baris": baris,
        "masa_tinjauan": selectors.masa_tinjauan(),
    }
    return render(request, "monitoring/tinjauan_daftar.html", konteks)


def _konteks(request: HttpRequest, pegawai, form: TinjauanForm | None = None) -> dict:
    hari_ini = timezone.localdate()
    tahun = hari_ini.year
    kemajuan = selectors.kemajuan_pegawai(pegawai, tahun, hari_ini)
    tinjauan = selectors.tinjauan_per_pegawai([pegawai.pk], tahun).get(pegawai.pk)
    pihak = access.pihak_tinjauan(request.user, pegawai)
    sudah = tinjauan is not None and (
        tinjauan.pegawai_konfirmasi_pada
        if pihak == PihakDialog.PEGAWAI
        else tinjauan.atasan_konfirmasi_pada
    )
    boleh_konfirmasi = (
        pihak is not None and not sudah and hari_ini.month >= BULAN_MULAI and kemajuan.skp
    )
    skp = kemajuan.skp
    revisi = None
    if skp is not None:
        revisi = Skp.objects.filter(
            pegawai=pegawai, tahun=tahun, versi__gt=skp.versi,
            status__in=[*STATUS_DAPAT_DIUBAH, StatusSkp.DIAJUKAN],
        ).first()  # fmt: skip
    terlambat = [k for k in kemajuan.rhk if k.status == StatusRhk.TERLAMBAT]
    return {
        "pegawai": pegawai,
        "tahun": tahun,
        "kemajuan": kemajuan,
        "terlambat": terlambat,
        "tinjauan": tinjauan,
        "pihak": pihak,
        "form": (form or TinjauanForm()) if boleh_konfirmasi else None,
        "sebelum_juni": hari_ini.month < BULAN_MULAI,
        "masa_tinjauan": selectors.masa_tinjauan(hari_ini),
        "revisi": revisi,
        "boleh_revisi": skp is not None
        and revisi is None
        and skp_access.can(request.user, "buka_revisi", skp),
        "catatan_revisi": "Tinjauan tengah tahun: "
        + (
            "RHK terlambat " + ", ".join(k.rhk.label for k in terlambat)
            if terlambat
            else "penyesuaian SKP"
        )
        + ".",
    }


@login_required
@require_http_methods(["GET", "POST"])
def halaman(request: HttpRequest, pk: int) -> HttpResponse:
    pegawai = access.get_pegawai_for_user(request.user, pk)  # 404 for who may not see them
    form = None
    if request.method == "POST":
        if access.pihak_tinjauan(request.user, pegawai) is None:
            raise PermissionDenied(access.PESAN_TINJAUAN)
        form = TinjauanForm(request.POST)
        if form.is_valid():
            try:
                tinjauan_konfirmasi(  # 403 for anyone but the two parties
                    user=request.user, pegawai=pegawai, catatan=form.cleaned_data["catatan"]
                )
            except ValidationError as e:
                if not hasattr(e, "error_dict"):
                    messages.info(request, " ".join(e.messages))
                    return redirect("monitoring:tinjauan_pegawai", pk=pegawai.pk)
                for nama, pesan in e.message_dict.items():
                    form.add_error(nama if nama in form.fields else None, pesan)
            else:
                messages.success(request, "Tinjauan tengah tahun dikonfirmasi.")
                return redirect("monitoring:tinjauan_pegawai", pk=pegawai.pk)
    return render(request, "monitoring/tinjauan.html", _konteks(request, pegawai, form))


urlpatterns = [
    path("tinjauan/", daftar, name="tinjauan"),
    path("tinjauan/<int:pk>/", halaman, name="tinjauan_pegawai"),
]
