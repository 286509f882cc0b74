"""Every write to the planning data: the upload (preview, confirm) and the direct import used by
the `impor_renstra` command and `seed_demo`."""

from typing import IO

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from core.rincian import buat_ikhtisar, tolak_bila_berbeda, tolak_bila_tidak_sesuai
from core.unggahan import ImporDitolak, tolak_bila_usang
from organisasi.models import UnitKerja
from perencanaan import access, impor
from perencanaan.models import ImporRenstra, Renstra, StatusImpor, SumberImpor


def impor_pratinjau(
    *,
    user: AbstractBaseUser,
    unit: UnitKerja,
    periode: impor.Periode,
    berkas: IO[bytes],
    nama_berkas: str,
) -> ImporRenstra:
    """Reads and checks an upload and keeps it, unapplied, for the admin to confirm. An upload
    with problems is kept too (as rejected), so the history shows every attempt."""
    access.require(user, "impor_renstra", unit)
    rencana = impor.rencanakan(
        unit,
        impor.baca_berkas_renstra(
            berkas, nama_berkas, maks_bytes=settings.IMPOR_MAKS_BYTES, periode=periode
        ),
    )
    return ImporRenstra.objects.create(
        unit=unit,
        tahun_awal=periode.tahun_awal,
        tahun_akhir=periode.tahun_akhir,
        renstra=impor.renstra_yang_ada(unit, periode),
        diunggah_oleh=user,
        nama_berkas=nama_berkas[:255],
        sumber=SumberImpor.WEB,
        status=StatusImpor.DITOLAK if rencana.masalah else StatusImpor.PRATINJAU,
        data={} if rencana.masalah else rencana.ke_json(),
        ringkasan=rencana.ringkasan(),
        **({} if rencana.masalah else _rincian(rencana)),
    )


def _rincian(rencana: impor.Rencana) -> dict:
    rincian = rencana.rincian.ke_json()
    return {"rincian": rincian, "rincian_ikhtisar": buat_ikhtisar(rincian)}


@transaction.atomic
def impor_terapkan(
    *, user: AbstractBaseUser, impor_id: int, paham_penting: bool = False
) -> ImporRenstra:
    """Applies a previewed upload once, exactly as previewed: a rename or a move needs
    `paham_penting` (the admin's tick), and a plan that no longer matches the preview is
    refused. The row lock makes a double click or a second tab wait and then find the import
    already applied, instead of importing twice."""
    data = (
        ImporRenstra.objects.select_for_update()
        .select_related("unit")
        .defer("rincian", "rincian_ikhtisar")
        .get(pk=impor_id)
    )
    access.require(user, "impor_renstra", data.unit)
    if data.status == StatusImpor.DITERAPKAN:
        raise ImporDitolak("Impor ini sudah diterapkan sebelumnya; tidak ada yang diubah lagi.", [])
    if data.status == StatusImpor.DITOLAK:
        raise ImporDitolak(
            "Berkas ini bermasalah dan tidak dapat diterapkan. Perbaiki lalu unggah ulang.",
            data.ringkasan.get("masalah", []),
        )
    tolak_bila_tidak_sesuai(data.ringkasan, paham_penting=paham_penting)
    # Confirmations for one OPD run one after the other, so each sees the ones before it (the
    # Renstra itself may not exist yet to be locked).
    UnitKerja.objects.select_for_update().get(pk=data.unit_id)
    # The same Renstra: same OPD and period (also imports made with the impor_renstra command).
    tolak_bila_usang(
        data,
        ImporRenstra.objects.filter(
            unit_id=data.unit_id,
            tahun_awal=data.tahun_awal,
            tahun_akhir=data.tahun_akhir,
            status=StatusImpor.DITERAPKAN,
        ),
    )
    periode = impor.Periode(data.tahun_awal, data.tahun_akhir)
    # Checked again: the Renstra may have changed since the preview was made.
    rencana = impor.rencanakan(data.unit, impor.Rencana.dari_json(periode, data.data))
    if rencana.masalah:
        raise ImporDitolak(
            "Data berubah sejak pratinjau dan kini bermasalah. Unggah ulang berkasnya.",
            [str(m) for m in rencana.masalah],
        )
    tolak_bila_berbeda(data.ringkasan, rencana.rincian)
    data.renstra = impor.terapkan(data.unit, rencana)
    data.status = StatusImpor.DITERAPKAN
    data.diterapkan_pada = timezone.now()
    data.ringkasan = rencana.ringkasan()
    data.data = {}  # the rows now live in the Renstra; no need to keep a second copy
    data.save(update_fields=["renstra", "status", "diterapkan_pada", "ringkasan", "data"])
    return data


@transaction.atomic
def impor_langsung(
    *,
    unit: UnitKerja,
    rencana: impor.Rencana,
    nama_berkas: str,
    sumber: str,
    user: AbstractBaseUser | None = None,
) -> ImporRenstra:
    """Applies a checked plan at once (command line, demo data) and records it like an upload.
    The caller has already decided: no permission check here."""
    if rencana.masalah:
        raise ValueError("Rencana impor yang bermasalah tidak boleh diterapkan.")
    renstra: Renstra | None
    if rencana.ada_perubahan:
        renstra = impor.terapkan(unit, rencana)
    else:
        renstra = impor.renstra_yang_ada(unit, rencana.periode)
    return ImporRenstra.objects.create(
        unit=unit,
        tahun_awal=rencana.periode.tahun_awal,
        tahun_akhir=rencana.periode.tahun_akhir,
        renstra=renstra,
        diunggah_oleh=user,
        nama_berkas=nama_berkas[:255],
        sumber=sumber,
        status=StatusImpor.DITERAPKAN,
        ringkasan=rencana.ringkasan(),
        **_rincian(rencana),
        diterapkan_pada=timezone.now(),
    )
