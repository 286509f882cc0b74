"""Audit SKP Tahunan: the admin draws a reproducible random sample of approved SKPs per unit kerja,
checks each sampled SKP (the indicator analyser's overlap and copy findings, the bukti dukung per
period) and records a finding; the sample and findings export as XLSX. Thin: access -> form ->
service -> render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from indikator.selectors import indikator_mirip, skp_disalin_utuh
from monitoring import access_audit, audit
from monitoring.forms import token_baru
from monitoring.forms_audit import SampelForm, TemuanForm
from monitoring.models import TemuanAudit
from monitoring.services.audit import butir_periksa, sampel_ambil
from skp.models import IndikatorKinerja, RencanaHasilKerja, Skp

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Service errors on the model's names, shown on the form's fields.
MEDAN = {"ukuran": "nilai", "persen": "nilai"}


def _pasang_galat(form, e: ValidationError) -> None:
    if not hasattr(e, "error_dict"):
        form.add_error(None, e.messages)
        return
    for nama, pesan in e.message_dict.items():
        nama = MEDAN.get(nama, nama)
        form.add_error(nama if nama in form.fields else None, pesan)


@login_required
@require_http_methods(["GET", "POST"])
def daftar(request: HttpRequest) -> HttpResponse:
    access_audit.require_auditor(request.user)  # 403 for who administers nothing
    instansi = list(access_audit.instansi_audit(request.user).order_by("nama"))
    if request.method == "POST":
        form = SampelForm(request.POST, instansi=instansi)
        if form.is_valid():
            pilihan = next(i for i in instansi if i.pk == form.cleaned_data["instansi"])
            try:
                sampel = sampel_ambil(user=request.user, instansi=pilihan, **form.isian())
            except ValidationError as e:
                _pasang_galat(form, e)
            else:
                messages.success(
                    request,
                    f"Sampel audit SKP {sampel.tahun} diambil: seed {sampel.seed} (catat untuk "
                    "mengulang pengambilan yang sama).",
                )
                return redirect("monitoring:audit_sampel", pk=sampel.pk)
        form.fokus_galat()
    else:
        form = SampelForm(initial={"token": token_baru()}, instansi=instansi)
    konteks = {
        "form": form,
        "sampel": audit.daftar_sampel(access_audit.sampel_terlihat(request.user)),
    }
    return render(request, "monitoring/audit_daftar.html", konteks)


@login_required
@require_GET
def sampel(request: HttpRequest, pk: int) -> HttpResponse:
    s = access_audit.get_sampel_for_user(request.user, pk)  # 404 for another instansi
    butir = audit.butir_sampel(s)
    konteks = {
        "sampel": s,
        "kelompok": audit.per_unit(butir),
        "ringkasan": audit.ringkasan(butir),
    }
    return render(request, "monitoring/audit_sampel.html", konteks)


@login_required
@require_GET
def ekspor(request: HttpRequest, pk: int) -> HttpResponse:
    s = access_audit.get_sampel_for_user(request.user, pk)
    respons = HttpResponse(audit.sampel_xlsx(s, audit.butir_sampel(s)), content_type=XLSX)
    nama = f"audit_skp_{s.tahun}_sampel_{s.pk}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


def _skp_lengkap(skp_id: int) -> Skp:
    """The SKP with its RHK and indicators prefetched (the analyser's checks read them)."""
    return (
        Skp.objects.select_related("pegawai__jabatan")
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=RencanaHasilKerja.objects.order_by(
                    "jenis", "urutan", "pk"
                ).prefetch_related(
                    Prefetch("indikator", queryset=IndikatorKinerja.objects.order_by("pk"))
                ),
            )
        )
        .get(pk=skp_id)
    )


def _konteks_butir(butir, form: TemuanForm | None = None) -> dict:
    if form is None:
        awal = {"revisi": butir.revisi, "catatan": butir.catatan}
        if butir.temuan != TemuanAudit.BELUM:
            awal["temuan"] = butir.temuan
        form = TemuanForm(initial=awal, id_form="temuan")
    return {"butir": butir, "form": form, "riwayat": audit.riwayat(butir)}


@login_required
@require_http_methods(["GET", "POST"])
def butir(request: HttpRequest, pk: int) -> HttpResponse:
    b = access_audit.get_butir_for_user(request.user, pk)  # 404 for another instansi
    form = None
    if request.method == "POST":
        form = TemuanForm(request.POST, id_form="temuan")
        if form.is_valid():
            d = form.cleaned_data
            try:
                b = butir_periksa(
                    user=request.user, butir=b, temuan=d["temuan"], catatan=d["catatan"],
                    revisi=d["revisi"],
                )  # fmt: skip
            except ValidationError as e:
                _pasang_galat(form, e)
            else:
                if request.htmx:
                    konteks = _konteks_butir(b) | {"tersimpan": True}
                    return render(request, "monitoring/audit_butir.html#temuan-audit", konteks)
                messages.success(request, f"Temuan disimpan: {b.get_temuan_display()}.")
                return redirect("monitoring:audit_butir", pk=b.pk)
        if request.htmx:
            return render(
                request, "monitoring/audit_butir.html#temuan-audit", _konteks_butir(b, form)
            )
    skp = _skp_lengkap(b.skp_id)
    konteks = _konteks_butir(b, form) | {
        "skp": skp,
        # The indicator analyser's own checks, as the SKP page shows them to atasan and admin.
        "tampil": True,
        "mirip": indikator_mirip(skp),
        "salinan": skp_disalin_utuh(skp),
        "penilaian": audit.bukti_per_periode(skp),
    }
    return render(request, "monitoring/audit_butir.html", konteks)


urlpatterns = [
    path("audit/", daftar, name="audit"),
    path("audit/<int:pk>/", sampel, name="audit_sampel"),
    path("audit/<int:pk>/ekspor/", ekspor, name="audit_ekspor"),
    path("audit/butir/<int:pk>/", butir, name="audit_butir"),
]
