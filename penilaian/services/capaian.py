"""Setting a unit's capaian kinerja organisasi: the only writer of CapaianUnit."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.pdf import tanggal_indonesia
from organisasi.models import Pegawai, UnitKerja
from organisasi.selectors import pegawai_dari_user
from penilaian import access
from penilaian.capaian import alasan_terakhir, pimpinan_unit, unit_dinilai
from penilaian.distribusi import CapaianOrganisasi
from penilaian.models import AlasanPola, CapaianUnit, Periode

MAKS_CATATAN = 2000


def tetapkan_capaian(
    *,
    user: AbstractBaseUser,
    unit_kerja: UnitKerja,
    periode: Periode,
    capaian: str,
    catatan: str = "",
) -> CapaianUnit:
    """Records the capaian as a new row (the older ones stay as history). The same choice sent
    twice (a double click) records nothing more."""
    catatan = (catatan or "").strip()
    if capaian not in CapaianOrganisasi.values:
        raise ValidationError("Pilih capaian kinerja organisasi: Istimewa, Baik, Butuh "
                              "Perbaikan, Kurang, atau Sangat Kurang.")  # fmt: skip
    if len(catatan) > MAKS_CATATAN:
        raise ValidationError(f"Catatan paling panjang {MAKS_CATATAN} karakter.")
    if periode.instansi_id != unit_kerja.instansi_id:
        raise ValidationError("Periode ini bukan periode instansi unit kerja tersebut.")
    if periode.mulai > timezone.localdate():
        raise ValidationError(
            f"{periode} belum dimulai (mulai {tanggal_indonesia(periode.mulai)}): capaian "
            "kinerja organisasi baru dapat ditetapkan setelah periodenya dimulai."
        )
    with transaction.atomic():
        # One writer per unit at a time: a double click waits, then sees the first row.
        UnitKerja.objects.select_for_update().get(pk=unit_kerja.pk)
        if not access.boleh_tetapkan_capaian(user, unit_kerja):
            raise ValidationError(
                f"Anda tidak memimpin {unit_kerja.nama} dari satu tingkat di atas kepala unitnya: "
                "capaian kinerja organisasinya ditetapkan oleh atasan langsung kepala unit "
                "(atau Plt/Plh-nya) atau admin instansi atas namanya."
            )
        atas_nama = None if access.memimpin_unit(user, unit_kerja) else pimpinan_unit(unit_kerja)
        lalu = (
            CapaianUnit.objects.filter(unit_kerja=unit_kerja, periode=periode)
            .order_by("-pk")
            .first()
        )
        if lalu is not None and (lalu.capaian, lalu.catatan) == (capaian, catatan):
            return lalu
        pelaku = pegawai_dari_user(user)
        return CapaianUnit.objects.create(
            unit_kerja=unit_kerja, periode=periode, capaian=capaian, catatan=catatan, oleh=user,
            atas_nama=atas_nama, oleh_nama=pelaku.nama_lengkap if pelaku else user.get_username(),
        )  # fmt: skip


def catat_alasan_pola(*, user: AbstractBaseUser, periode: Periode, alasan: str) -> AlasanPola:
    """The penilai acknowledges that the ratings of their unit do not fit the pattern of its
    capaian, with a reason (a new row per change; the same text twice records nothing more).
    Never blocks a rating: it is what makes the ratings final despite the warning."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError("Tuliskan alasan mengapa pola predikat tidak sesuai.")
    if len(alasan) > MAKS_CATATAN:
        raise ValidationError(f"Alasan paling panjang {MAKS_CATATAN} karakter.")
    penilai = pegawai_dari_user(user)
    if penilai is None or not access.boleh_buka_penilaian_bawahan(user):
        raise ValidationError("Alasan pola distribusi dicatat oleh pejabat penilai.")
    unit = unit_dinilai(penilai)
    if unit is None or periode.instansi_id != penilai.instansi_id:
        raise ValidationError("Anda tidak memimpin unit kerja pada periode ini.")
    with transaction.atomic():
        Pegawai.objects.select_for_update().get(pk=penilai.pk)
        lalu = alasan_terakhir(penilai.pk, unit.pk, periode.pk)
        if lalu is not None and lalu.alasan == alasan:
            return lalu
        return AlasanPola.objects.create(
            penilai=penilai, unit_kerja=unit, periode=periode, alasan=alasan, oleh=user
        )
