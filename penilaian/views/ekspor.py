"""Ekspor Hasil Penilaian: for the admin of the instansi (every unit, or the whole instansi) and
the leaders of a unit (their units): the Dokumen Evaluasi Kinerja Pegawai of a period as one
ZIP built in the background (progress refreshed by htmx while a job runs), and the list for the
TPP team as XLSX or CSV."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisasi.models import AdminInstansi, Instansi
from penilaian import access
from penilaian import ekspor as layanan
from penilaian.models import EksporEvaluasi, Periode
from penilaian.periode import periode_berjalan, periode_tahun

logger = logging.getLogger(__name__)


class EksporForm(forms.Form):
    periode = forms.ModelChoiceField(queryset=None, empty_label=None, label="Periode penilaian")
    unit = forms.ModelChoiceField(
        queryset=None, required=False, label="Unit kerja (termasuk sub-unitnya)"
    )

    def __init__(self, *args, user, unit_qs, periode_qs, **kwargs) -> None:  # noqa: ANN001, ANN003
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["periode"].queryset = periode_qs
        self.fields["periode"].label_from_instance = lambda p: f"{p.nama} {p.tahun}"
        self.fields["unit"].queryset = unit_qs.order_by("instansi__nama", "kode")
        self.fields["unit"].label_from_instance = lambda u: f"{u.kode} {u.nama}"
        # The whole instansi is for its admin only; a leader picks one of their units.
        self.fields["unit"].empty_label = (
            "Semua unit kerja" if AdminInstansi.objects.filter(user=user).exists() else None
        )

    def clean(self) -> dict:
        data = super().clean()
        periode, unit = data.get("periode"), data.get("unit")
        if periode is None:
            return data
        if unit is not None and unit.instansi_id != periode.instansi_id:
            self.add_error("unit", "Unit kerja ini bukan bagian instansi periode yang dipilih.")
        if unit is None and not access.boleh_ekspor_instansi(self.user, periode.instansi_id):
            self.add_error("unit", "Pilih unit kerja: seluruh instansi hanya untuk admin instansi.")
        return data


def _periode_qs(unit_qs):  # noqa: ANN001, ANN202
    """The periods of the instansi of the user's units, last year and this (made on first need)."""
    ids = []
    for i in Instansi.objects.filter(pk__in=unit_qs.values("instansi_id")):
        kini = periode_berjalan(i)
        ids += [p.pk for t in (kini.tahun - 1, kini.tahun) for p in periode_tahun(i, t)]
    return Periode.objects.filter(pk__in=ids).order_by("-tahun", "-nomor")


def _ekspor_qs(request: HttpRequest):  # noqa: ANN202
    """The exports the user may see: of their units, and (admin) of their whole instansi."""
    admin = AdminInstansi.objects.filter(user=request.user).values("instansi")
    syarat = Q(unit__in=access.unit_ekspor(request.user))
    syarat |= Q(unit__isnull=True, instansi__in=admin)
    if request.user.is_superuser:
        syarat = Q()
    return EksporEvaluasi.objects.filter(syarat)


def _form(request: HttpRequest, data=None, auto_id: str = "id_%s") -> EksporForm:  # noqa: ANN001
    unit_qs = access.unit_ekspor(request.user)
    periode_qs = _periode_qs(unit_qs)
    return EksporForm(
        data, user=request.user, unit_qs=unit_qs, periode_qs=periode_qs,
        initial={"periode": periode_qs.first()}, auto_id=auto_id,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def halaman(request: HttpRequest) -> HttpResponse:
    access.require_buka_ekspor(request.user)
    daftar = _ekspor_qs(request).select_related("unit", "instansi", "periode")[:20]
    if request.htmx and request.method == "GET":
        return render(request, "penilaian/ekspor.html#daftar-ekspor", {"daftar": daftar})
    form = _form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            layanan.ekspor_mulai(
                user=request.user,
                periode=form.cleaned_data["periode"],
                unit=form.cleaned_data["unit"],
            )
        except ValidationError as e:  # the same export already waits or runs
            messages.info(request, e.messages[0])
        else:
            messages.success(request, "Ekspor dimulai. Kemajuannya tampil di bawah.")
        return redirect("penilaian:ekspor")
    return render(
        request,
        "penilaian/ekspor.html",
        {"form": form, "form_tpp": _form(request, auto_id="tpp_%s"), "daftar": daftar},
    )


@login_required
@require_POST
def ulangi(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_buka_ekspor(request.user)
    try:
        layanan.ekspor_ulangi(ekspor_id=pk, qs=_ekspor_qs(request))
    except EksporEvaluasi.DoesNotExist:
        raise Http404("Ekspor tidak ditemukan.") from None
    except ValidationError as e:
        messages.info(request, e.messages[0])
    else:
        messages.success(request, "Ekspor dijalankan lagi. Kemajuannya tampil di bawah.")
    return redirect("penilaian:ekspor")


@login_required
@require_GET
def unduh(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_buka_ekspor(request.user)
    ekspor = get_object_or_404(_ekspor_qs(request).exclude(berkas=""), pk=pk)
    try:
        berkas = ekspor.berkas.open("rb")
    except OSError:
        logger.exception("Berkas ekspor dokumen evaluasi %s tidak dapat dibaca", ekspor.pk)
        raise Http404("Berkas ZIP ekspor tidak ada di penyimpanan; jalankan ekspor lagi.") from None
    return FileResponse(berkas, as_attachment=True, filename=ekspor.berkas.name.split("/")[-1])


@login_required
@require_GET
def tpp(request: HttpRequest) -> HttpResponse:
    """The TPP list of the chosen period and unit (or instansi, for its admin), as XLSX or CSV."""
    access.require_buka_ekspor(request.user)
    form = _form(request, request.GET, auto_id="tpp_%s")
    if not form.is_valid():
        daftar = _ekspor_qs(request).select_related("unit", "instansi", "periode")[:20]
        return render(
            request, "penilaian/ekspor.html",
            {"form": _form(request), "form_tpp": form, "daftar": daftar}, status=400,
        )  # fmt: skip
    periode, unit = form.cleaned_data["periode"], form.cleaned_data["unit"]
    baris = layanan.baris_tpp(periode, unit=unit)
    if request.GET.get("format") == "csv":
        isi, jenis, ekstensi = layanan.tpp_csv(baris), "text/csv; charset=utf-8", "csv"
    else:
        isi = layanan.tpp_xlsx(baris)
        jenis = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ekstensi = "xlsx"
    respons = HttpResponse(isi, content_type=jenis)
    nama = layanan.nama_berkas_tpp(periode, unit, ekstensi)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    respons["Cache-Control"] = "private, no-store"
    return respons


urlpatterns = [
    path("ekspor/", halaman, name="ekspor"),
    path("ekspor/<int:pk>/unduh/", unduh, name="ekspor_unduh"),
    path("ekspor/<int:pk>/ulangi/", ulangi, name="ekspor_ulangi"),
    path("ekspor/tpp/", tpp, name="ekspor_tpp"),
]
