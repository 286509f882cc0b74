"""The admin's settings of the evaluation calendar: monthly or quarterly per year, extending a
period's window for the whole instansi, reopening it for one pegawai, and the spans in which a
pegawai is not evaluated. Every change is recorded with who, when and why."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.versi import naikkan
from organisasi.models import Instansi, Pegawai
from penilaian import access
from penilaian.models import (
    MasaTidakDinilai,
    PengaturanPenilaian,
    PenilaianPeriodik,
    Periode,
    PerpanjanganPegawai,
    RiwayatPeriode,
)
from penilaian.periode import nama_periode, periode_tahun

PESAN_BUKAN_ADMIN = "Hanya admin instansi yang mengatur periode penilaian instansinya."


def _wajib_admin(user: AbstractBaseUser, instansi_id: int) -> None:
    if not access.admin_instansi(user, instansi_id):
        raise PermissionDenied(PESAN_BUKAN_ADMIN)


def _alasan(alasan: str) -> str:
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasannya: perubahan ini tercatat."})
    return alasan


@transaction.atomic
def atur_jenis_periode(
    *, user: AbstractBaseUser, instansi: Instansi, tahun: int, jenis: str
) -> PengaturanPenilaian:
    """Monthly or quarterly for a year; refused once anyone has been evaluated under the other
    choice that year (their periods would vanish from under them)."""
    _wajib_admin(user, instansi.pk)
    pengaturan, _ = PengaturanPenilaian.objects.select_for_update().get_or_create(
        instansi=instansi, tahun=tahun
    )
    if pengaturan.jenis_periode == jenis:
        return pengaturan
    terpakai = PenilaianPeriodik.objects.filter(
        periode__instansi=instansi, periode__tahun=tahun
    ).exclude(periode__jenis=jenis)
    if terpakai.exists():
        raise ValidationError(
            f"Penilaian tahun {tahun} sudah berjalan dengan periode "
            f"{pengaturan.get_jenis_periode_display().lower()} ({terpakai.count()} penilaian), "
            "sehingga jenis periode tidak dapat diubah lagi untuk tahun ini."
        )
    pengaturan.jenis_periode = jenis
    pengaturan.diubah_oleh = user
    pengaturan.save()
    periode_tahun(instansi, tahun)
    return pengaturan


@transaction.atomic
def perpanjang_periode(
    *, user: AbstractBaseUser, periode: Periode, tenggat: date, alasan: str
) -> Periode:
    """Moves the deadline of a period later for the whole instansi (never earlier: people plan
    on the date they were given)."""
    periode = Periode.objects.select_for_update().get(pk=periode.pk)
    _wajib_admin(user, periode.instansi_id)
    alasan = _alasan(alasan)
    if tenggat <= periode.tenggat:
        raise ValidationError(
            {
                "tenggat": f"Batas waktu baru harus setelah batas saat ini ({periode.tenggat:%d-%m-%Y})."
            }
        )
    if tenggat > date(periode.tahun + 1, 3, 31):
        raise ValidationError(
            {
                "tenggat": f"Batas waktu paling lambat 31-03-{periode.tahun + 1} (akhir triwulan I tahun berikutnya)."
            }
        )
    RiwayatPeriode.objects.create(
        periode=periode,
        oleh=user,
        tenggat_lama=periode.tenggat,
        tenggat_baru=tenggat,
        alasan=alasan,
    )
    Periode.objects.filter(pk=periode.pk).update(tenggat=tenggat, revisi=F("revisi") + 1)
    naikkan("kinerja")  # update() sends no signal (core/versi.py)
    periode.refresh_from_db()
    return periode


@transaction.atomic
def buka_untuk_pegawai(
    *, user: AbstractBaseUser, periode: Periode, pegawai: Pegawai, sampai: date, alasan: str
) -> PerpanjanganPegawai:
    """Reopens realisasi for one pegawai until `sampai` (e.g. after sick leave)."""
    _wajib_admin(user, periode.instansi_id)
    alasan = _alasan(alasan)
    if pegawai.instansi_id != periode.instansi_id:
        raise ValidationError({"pegawai": "Pegawai ini bukan pegawai instansi Anda."})
    if sampai < timezone.localdate():
        raise ValidationError({"sampai": "Tanggal akhir tidak boleh sebelum hari ini."})
    if sampai <= periode.tenggat:
        raise ValidationError(
            {
                "sampai": f"Pengisian masih terbuka sampai {periode.tenggat:%d-%m-%Y}; pilih tanggal setelahnya."
            }
        )
    return PerpanjanganPegawai.objects.create(
        periode=periode, pegawai=pegawai, sampai=sampai, alasan=alasan, oleh=user
    )


@transaction.atomic
def catat_masa_tidak_dinilai(
    *,
    user: AbstractBaseUser,
    pegawai: Pegawai,
    jenis: str,
    mulai: date,
    selesai: date | None,
    catatan: str = "",
) -> MasaTidakDinilai:
    _wajib_admin(user, pegawai.instansi_id)
    if selesai is not None and selesai < mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    bentrok = MasaTidakDinilai.objects.filter(pegawai=pegawai).exclude(selesai__lt=mulai)
    if selesai is not None:
        bentrok = bentrok.filter(mulai__lte=selesai)
    if bentrok.exists():
        raise ValidationError(
            "Sudah ada masa tidak dinilai pegawai ini yang beririsan dengan tanggal tersebut."
        )
    masa = MasaTidakDinilai(
        pegawai=pegawai, jenis=jenis, mulai=mulai, selesai=selesai,
        catatan=(catatan or "").strip(), dicatat_oleh=user,
    )  # fmt: skip
    masa.full_clean()
    masa.save()
    return masa


@transaction.atomic
def akhiri_masa_tidak_dinilai(
    *, user: AbstractBaseUser, masa: MasaTidakDinilai, selesai: date
) -> MasaTidakDinilai:
    masa = MasaTidakDinilai.objects.select_for_update().select_related("pegawai").get(pk=masa.pk)
    _wajib_admin(user, masa.pegawai.instansi_id)
    if selesai < masa.mulai:
        raise ValidationError({"selesai": "Tanggal selesai tidak boleh sebelum tanggal mulai."})
    masa.selesai = selesai
    masa.save(update_fields=["selesai"])
    return masa


def judul_periode(periode: Periode) -> str:
    return f"{nama_periode(periode.jenis, periode.nomor)} {periode.tahun}"
