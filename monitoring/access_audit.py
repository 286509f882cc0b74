"""Who may draw and work on the SKP audit samples (Audit SKP Tahunan): the only place deciding it.

The app has no inspectorate role (organisasi knows pegawai, atasan by position, and the admin of
an instansi), so the auditor is the admin of the instansi (AdminInstansi) and a superuser. An
admin sees, draws and records findings only for the instansi they administer; a sample of
another instansi is a 404, and the audit pages are a 403 for everyone who administers nothing."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from monitoring.models import ButirAudit, SampelAudit
from organisasi.models import Instansi
from organisasi.selectors import instansi_dikelola

Pengguna = AbstractBaseUser | AnonymousUser

PESAN_BUKAN_AUDITOR = "Audit SKP hanya untuk admin instansi."


def instansi_audit(user: Pengguna) -> QuerySet[Instansi]:
    """The instansi whose SKPs `user` may audit."""
    return instansi_dikelola(user)


def boleh_audit(user: Pengguna, instansi: Instansi | None = None) -> bool:
    dikelola = instansi_audit(user)
    return dikelola.filter(pk=instansi.pk).exists() if instansi is not None else dikelola.exists()


def require_auditor(user: Pengguna, instansi: Instansi | None = None) -> None:
    if not boleh_audit(user, instansi):
        raise PermissionDenied(PESAN_BUKAN_AUDITOR)


def sampel_terlihat(user: Pengguna) -> QuerySet[SampelAudit]:
    return SampelAudit.objects.filter(instansi__in=instansi_audit(user))


def get_sampel_for_user(user: Pengguna, pk: int) -> SampelAudit:
    sampel = sampel_terlihat(user).select_related("instansi").filter(pk=pk).first()
    if sampel is None:
        raise Http404("Sampel audit tidak ditemukan.")
    return sampel


def get_butir_for_user(user: Pengguna, pk: int) -> ButirAudit:
    butir = (
        ButirAudit.objects.filter(pk=pk, sampel__instansi__in=instansi_audit(user))
        .select_related("sampel__instansi", "skp__pegawai__jabatan__unit_kerja")
        .first()
    )
    if butir is None:
        raise Http404("SKP dalam sampel audit tidak ditemukan.")
    return butir
