"""Penilaian fixtures on top of the SKP ones: the pegawai's SKP approved, triwulan I of the year
and the clock set inside its window (the window follows dates, so every test picks its day)."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from penilaian.models import JenisUmpanBalik, PenilaianPeriodik, PeranPemberi, Periode, UmpanBalik
from penilaian.periode import periode_tahun
from penilaian.services.alur import pastikan_penilaian
from skp.models import Skp
from tests.skp.conftest import (  # noqa: F401 (fixtures reused)
    renstra,
    sertifikat,
    setujui_skp,
    skp_atasan,
    skp_pegawai,
    tahun,
    tambah_kkw,
)

WIB = ZoneInfo("Asia/Jakarta")


def pada(hari: date, jam: int = 10):
    """A time_machine travel to `hari` at `jam` WIB (use as a context manager or .start())."""
    return time_machine.travel(
        datetime(hari.year, hari.month, hari.day, jam, tzinfo=WIB), tick=False
    )


@pytest.fixture
def tahun() -> int:  # noqa: F811 (a fixed year: the windows below are in it)
    return 2026


@pytest.fixture
def dalam_jendela_tw1():
    """The clock on 30 March 2026, inside triwulan I's window (18 March - 14 April)."""
    with pada(date(2026, 3, 30)) as t:
        yield t


@pytest.fixture
def skp_disetujui(pemeran, skp_pegawai) -> Skp:  # noqa: F811
    return setujui_skp(pemeran, skp_pegawai)


@pytest.fixture
def tw1(pemeran, tahun) -> Periode:
    return periode_tahun(pemeran.instansi, tahun)[0]


@dataclass
class Kasus:
    penilaian: PenilaianPeriodik
    skp: Skp
    periode: Periode


@pytest.fixture
def kasus(pemeran, skp_disetujui, tw1, dalam_jendela_tw1) -> Kasus:
    p = pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
    return Kasus(p, skp_disetujui, tw1)


def beri_umpan_balik_lengkap(penilaian: PenilaianPeriodik, pemberi) -> None:
    """Umpan balik on the hasil kerja and on one BerAKHLAK value by `pemberi` (a Pegawai) as the
    penilai: what a rating requires."""
    skp = penilaian.skp
    rhk = skp.rhk.first()
    perilaku = skp.perilaku.first()
    umum = {
        "pegawai": penilaian.pegawai, "skp": skp, "periode": penilaian.periode,
        "pemberi": pemberi.user, "pemberi_nama": pemberi.nama_lengkap, "peran": PeranPemberi.PENILAI,
    }  # fmt: skip
    UmpanBalik.objects.create(**umum, jenis=JenisUmpanBalik.HASIL_KERJA, rhk=rhk,
                              teks="Rekap desa lengkap dan tepat waktu.")  # fmt: skip
    UmpanBalik.objects.create(**umum, jenis=JenisUmpanBalik.PERILAKU, perilaku=perilaku,
                              teks="Cekatan melayani permintaan data.")  # fmt: skip


@pytest.fixture
def rekan_seksi(pemeran):
    """A peer of the pegawai: another pelaksana in the same seksi under the same atasan."""
    from organisasi.models import JenisJabatan
    from tests.factories import JabatanFactory, PegawaiFactory

    jabatan = JabatanFactory(
        unit_kerja=pemeran.pegawai.jabatan.unit_kerja, nama="Pengolah Data", atasan=pemeran.atasan.jabatan,
        jenis=JenisJabatan.PELAKSANA,
    )  # fmt: skip
    return PegawaiFactory(nama="Sari Rekan", jabatan=jabatan)
