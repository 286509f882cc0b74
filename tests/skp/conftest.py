"""SKP fixtures on top of the standard cast: the atasan's SKP with two RHK, and the pegawai's SKP
with one RHK linked to the atasan's first RHK and its three required aspects."""

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from perencanaan.models import IndikatorKinerja as IndikatorRenstra
from perencanaan.models import (
    Kegiatan,
    Program,
    Renstra,
    SasaranStrategis,
    SubKegiatan,
    TargetIndikator,
    Tujuan,
)
from skp import services
from skp.models import RencanaHasilKerja, Skp


@pytest.fixture
def tahun() -> int:
    return timezone.localdate().year


def tambah_kkw(user, rhk: RencanaHasilKerja) -> None:
    """The three required aspects, each with a valid target."""
    services.indikator_tambah(
        user=user,
        rhk=rhk,
        aspek="kuantitas",
        uraian="Jumlah laporan surveilans mingguan",
        target_min=Decimal(52),
        satuan="laporan",
        rencana_bukti_dukung="Rekap mingguan",
    )
    services.indikator_tambah(
        user=user,
        rhk=rhk,
        aspek="kualitas",
        uraian="Kelengkapan laporan puskesmas",
        target_min=Decimal(90),
        target_maks=Decimal(100),
        satuan="%",
    )
    services.indikator_tambah(
        user=user, rhk=rhk, aspek="waktu", uraian="Rekap selesai setelah minggu berakhir",
        target_min=Decimal(2), satuan="hari",
    )  # fmt: skip


@dataclass
class SkpAtasan:
    skp: Skp
    rhk1: RencanaHasilKerja
    rhk2: RencanaHasilKerja


@pytest.fixture
def skp_atasan(pemeran, tahun) -> SkpAtasan:
    user = pemeran.atasan.user
    skp = services.skp_buat(user=user, tahun=tahun)
    rhk1 = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Tersedianya data surveilans yang lengkap"
    )
    rhk2 = services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian="Terlaksananya penyelidikan epidemiologi"
    )
    return SkpAtasan(skp, rhk1, rhk2)


@pytest.fixture
def skp_pegawai(pemeran, skp_atasan, tahun) -> Skp:
    user = pemeran.pegawai.user
    skp = services.skp_buat(user=user, tahun=tahun)
    rhk = services.rhk_tambah(
        user=user,
        skp=skp,
        jenis="utama",
        uraian="Tersedianya rekap data imunisasi per desa",
        rhk_atasan=skp_atasan.rhk1,
    )
    tambah_kkw(user, rhk)
    return skp


@pytest.fixture
def renstra(pemeran, tahun) -> dict:
    """A Renstra of the kepala's OPD covering this year, and one of another unit."""
    unit = pemeran.kepala.jabatan.unit_kerja

    def buat(unit, awalan: str) -> dict:
        r = Renstra.objects.create(unit=unit, tahun_awal=tahun - 1, tahun_akhir=tahun + 3)
        t = Tujuan.objects.create(renstra=r, kode="T1", nama=f"{awalan} tujuan")
        s = SasaranStrategis.objects.create(
            renstra=r, tujuan=t, kode="SS1", nama=f"{awalan} sasaran"
        )
        i = IndikatorRenstra.objects.create(
            renstra=r, sasaran=s, kode="IK1", nama=f"{awalan} indikator", satuan="%"
        )
        TargetIndikator.objects.create(indikator=i, tahun=tahun, nilai=Decimal(90), teks="90")
        umum = {"renstra": r, "tahun": tahun, "sasaran": s}
        p = Program.objects.create(**umum, kode="P1", nama=f"{awalan} program")
        k = Kegiatan.objects.create(**umum, program=p, kode="K1", nama=f"{awalan} kegiatan")
        sub = SubKegiatan.objects.create(**umum, kegiatan=k, kode="S1", nama=f"{awalan} sub")
        return {"sasaran": s, "indikator": i, "sub": sub}

    return {
        "milik": buat(unit, "Dinkes"),
        "lain": buat(pemeran.instansi_lain.unit_kerja.first(), "Lain"),
    }


@pytest.fixture
def sertifikat(settings) -> Path:
    """The signing certificate the tests use (made once per session; see tests/conftest.py)."""
    return Path(settings.SKP_SIGN_P12)


def setujui_skp(pemeran, skp: Skp) -> Skp:
    """Submits and approves the pegawai's SKP (the on_commit issuing is not run here)."""
    services.ajukan(user=skp.pegawai.user, skp=skp)
    return services.setujui(user=pemeran.atasan.user, skp=skp)


def setujui_skp_atasan_tertaut(pemeran, skp_atasan, tahun) -> None:
    """The atasan's SKP with both RHK intervening an RHK of the atasan's atasan, approved: the
    start of every "atasan revises, bawahan links follow" test."""
    atasan, aa = pemeran.atasan.user, pemeran.atasan_atasan.user
    skp_aa = services.skp_buat(user=aa, tahun=tahun)
    rhk_aa = services.rhk_tambah(user=aa, skp=skp_aa, jenis="utama", uraian="Terkendalinya KLB")
    for r in (skp_atasan.rhk1, skp_atasan.rhk2):
        tambah_kkw(atasan, r)
        services.rhk_ubah(user=atasan, rhk=r, jenis="utama", uraian=r.uraian, rhk_atasan=rhk_aa)
    services.ajukan(user=atasan, skp=skp_atasan.skp)
    services.setujui(user=aa, skp=skp_atasan.skp)


def menunggu_di(html: str) -> list[int]:
    """The SKP ids in the Kotak Masuk's waiting table, in the order shown (the page is kept
    rendered, so tests read what it shows rather than the context of a render)."""
    return [int(pk) for pk in re.findall(r'<tr id="menunggu-(\d+)">', html)]


def belum_mengajukan_di(html: str) -> list[str]:
    """The names in the Kotak Masuk's "Belum mengajukan" list, in the order shown."""
    bagian = html.split('id="judul-belum"', 1)
    if len(bagian) == 1:
        return []
    pola = r'<li class="list-group-item d-flex justify-content-between">\s*<span>(.*?) <span'
    return re.findall(pola, bagian[1])
