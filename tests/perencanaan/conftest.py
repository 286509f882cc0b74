import io

import pytest

from organisasi.models import PenugasanSementara
from perencanaan import impor
from perencanaan.models import Renstra
from tests.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.perencanaan.berkas import PERIODE, renja_baik, renstra_baik, xlsx_bytes


def muat(unit, data: bytes, periode=PERIODE) -> Renstra:
    rencana = impor.rencanakan(
        unit,
        impor.baca_berkas_renstra(
            io.BytesIO(data), "renstra.xlsx", maks_bytes=10**7, periode=periode
        ),
    )
    assert rencana.masalah == [], rencana.masalah
    return impor.terapkan(unit, rencana)


@pytest.fixture
def opd(pemeran):
    """Dinas Kesehatan (1.02) of the standard cast: kepala, atasan, pegawai and admin work there."""
    return pemeran.pegawai.jabatan.unit_kerja.induk.induk


@pytest.fixture
def renstra_dinkes(opd) -> Renstra:
    return muat(opd, xlsx_bytes(renstra_baik(), renja_baik()))


@pytest.fixture
def pegawai_bkpsdm(pemeran):
    """A pegawai of another OPD of the same instansi: an outsider to Dinas Kesehatan."""
    bkpsdm = UnitKerjaFactory(instansi=pemeran.instansi, kode="5.03", nama="BKPSDM")
    bidang = UnitKerjaFactory(
        instansi=pemeran.instansi, kode="5.03.02", nama="Bidang PKA", induk=bkpsdm
    )
    return PegawaiFactory(nama="Orang BKPSDM", jabatan=JabatanFactory(unit_kerja=bidang))


@pytest.fixture
def renstra_lain(pemeran) -> Renstra:
    """A Renstra of the other instansi's OPD."""
    return muat(pemeran.admin_lain.jabatan.unit_kerja, xlsx_bytes(renstra_baik()))


def jadikan_plt(pegawai, jabatan, mulai, selesai):
    return PenugasanSementara.objects.create(
        jabatan=jabatan, pegawai=pegawai, mulai=mulai, selesai=selesai
    )
