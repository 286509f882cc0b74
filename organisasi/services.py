"""Every write to the organisation's data."""

from datetime import date
from typing import IO

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.rincian import buat_ikhtisar, tolak_bila_berbeda, tolak_bila_tidak_sesuai
from core.unggahan import ImporDitolak, tolak_bila_usang
from organisasi import access, impor
from organisasi.models import (
    AdminInstansi,
    ImporPegawai,
    Instansi,
    Jabatan,
    Pegawai,
    PenugasanSementara,
    StatusImpor,
)


def impor_pratinjau(
    *, user: AbstractBaseUser, instansi: Instansi, berkas: IO[bytes], nama_berkas: str
) -> ImporPegawai:
    """Reads and checks an upload and keeps it, unapplied, for the admin to confirm. An upload
    with problems is kept too (as rejected), so the history shows every attempt."""
    access.require(user, "impor_pegawai", instansi)
    rencana = impor.rencanakan(
        instansi,
        impor.baca_berkas_pegawai(berkas, nama_berkas, maks_bytes=settings.IMPOR_MAKS_BYTES),
    )
    return ImporPegawai.objects.create(
        instansi=instansi,
        diunggah_oleh=user,
        nama_berkas=nama_berkas[:255],
        status=StatusImpor.DITOLAK if rencana.masalah else StatusImpor.PRATINJAU,
        baris=[vars(b) for b in rencana.baris] if not rencana.masalah else [],
        ringkasan=rencana.ringkasan(),
        **_rincian(rencana),
    )


def _rincian(rencana: impor.Rencana) -> dict:
    if rencana.masalah:
        return {}
    rincian = rencana.rincian.ke_json()
    return {"rincian": rincian, "rincian_ikhtisar": buat_ikhtisar(rincian)}


@transaction.atomic
def impor_terapkan(
    *, user: AbstractBaseUser, impor_id: int, paham_penting: bool = False
) -> ImporPegawai:
    """Applies a previewed upload once, exactly as previewed: a rename or a move needs
    `paham_penting` (the admin's tick), and a plan that no longer matches the preview is
    refused. The row lock makes a double click or a second tab wait and then find the import
    already applied, instead of importing twice."""
    data = (
        ImporPegawai.objects.select_for_update()
        .select_related("instansi")
        .defer("rincian", "rincian_ikhtisar")
        .get(pk=impor_id)
    )
    access.require(user, "impor_pegawai", data.instansi)
    if data.status == StatusImpor.DITOLAK or data.ringkasan.get("masalah"):
        raise ImporDitolak(
            "Berkas ini bermasalah dan tidak dapat diterapkan. Perbaiki lalu unggah ulang.",
            data.ringkasan.get("masalah", []),
        )
    if data.status != StatusImpor.PRATINJAU:
        raise ImporDitolak("Impor ini sudah diterapkan sebelumnya; tidak ada yang diubah lagi.", [])
    tolak_bila_tidak_sesuai(data.ringkasan, paham_penting=paham_penting)
    # Confirmations for one instansi run one after the other, so each sees the ones before it.
    Instansi.objects.select_for_update().get(pk=data.instansi_id)
    tolak_bila_usang(
        data,
        ImporPegawai.objects.filter(instansi_id=data.instansi_id, status=StatusImpor.DITERAPKAN),
    )
    # Checked again: the organisation may have changed since the preview was made.
    rencana = impor.rencanakan(
        data.instansi, impor.Rencana(baris=[impor.BarisPegawai(**b) for b in data.baris])
    )
    if rencana.masalah:
        raise ImporDitolak(
            "Data berubah sejak pratinjau dan kini bermasalah. Unggah ulang berkasnya.",
            [str(m) for m in rencana.masalah],
        )
    tolak_bila_berbeda(data.ringkasan, rencana.rincian)
    impor.terapkan(data.instansi, rencana, oleh=user)
    data.status = StatusImpor.DITERAPKAN
    data.diterapkan_pada = timezone.now()
    data.ringkasan = rencana.ringkasan()
    data.baris = []  # the rows now live in the organisation; no need to keep a second copy
    data.save(update_fields=["status", "diterapkan_pada", "ringkasan", "baris"])
    return data


@transaction.atomic
def jadikan_admin_instansi(*, user: AbstractBaseUser, instansi: Instansi) -> AdminInstansi:
    """Makes `user` an admin of `instansi`. Staff status opens the (scoped) Django admin."""
    admin, _ = AdminInstansi.objects.get_or_create(user=user, instansi=instansi)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return admin


# --- Plt/Plh --------------------------------------------------------------------------------


@transaction.atomic
def plt_tambah(
    *,
    user: AbstractBaseUser,
    jabatan: Jabatan,
    pegawai: Pegawai,
    jenis: str,
    mulai: date,
    selesai: date,
    nomor_sk: str = "",
) -> PenugasanSementara:
    """Records a Plt/Plh of `jabatan`. The position's row is locked first, so two admins adding
    overlapping assignments at once are checked one after the other (the model's `clean` refuses
    a second acting holder on the same day); everything is checked before anything is written."""
    jabatan = Jabatan.objects.select_for_update().select_related("instansi").get(pk=jabatan.pk)
    access.require(user, "kelola_plt", jabatan.instansi)
    if not pegawai.aktif:
        raise ValidationError({"pegawai": "Pegawai ini tidak aktif; pilih pegawai yang aktif."})
    if pegawai.jabatan_id == jabatan.pk:
        raise ValidationError(
            {"pegawai": "Pegawai ini adalah pemegang jabatan tersebut; Plt/Plh diisi orang lain."}
        )
    penugasan = PenugasanSementara(
        jabatan=jabatan, pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai,
        nomor_sk=nomor_sk.strip(),
    )  # fmt: skip
    penugasan.full_clean()
    penugasan.save()
    return penugasan


@transaction.atomic
def plt_akhiri(
    *, user: AbstractBaseUser, penugasan: PenugasanSementara, selesai: date
) -> PenugasanSementara:
    """Ends a Plt/Plh early: its last day becomes `selesai` (from its first day, and before the
    last day recorded). From the day after, the definitive holder (or the next position up)
    acts again, in the Kotak Masuk and for approvals alike."""
    penugasan = (
        PenugasanSementara.objects.select_for_update()
        .select_related("jabatan__instansi")
        .get(pk=penugasan.pk)
    )
    access.require(user, "kelola_plt", penugasan.jabatan.instansi)
    if selesai < penugasan.mulai:
        raise ValidationError(
            {"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai "
             f"({penugasan.mulai:%d-%m-%Y})."}
        )  # fmt: skip
    if selesai >= penugasan.selesai:
        raise ValidationError(
            {"selesai": "Untuk mengakhiri lebih awal, pilih tanggal sebelum tanggal selesai yang "
             f"tercatat ({penugasan.selesai:%d-%m-%Y})."}
        )  # fmt: skip
    penugasan.selesai = selesai
    penugasan.save(update_fields=["selesai"])
    return penugasan
