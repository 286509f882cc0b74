"""Monitoring fixtures on top of the penilaian ones: the pegawai's SKP approved with two RHK (52
laporan and 12 dokumen a year), the clock on 15 May 2026 (triwulan II; triwulan I has ended), and
a helper that writes a jurnal entry through the service."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from monitoring.forms import token_baru
from monitoring.models import JurnalKinerja
from monitoring.services.jurnal import IsianJurnal, jurnal_tambah
from skp import services as skp_services
from skp.models import RencanaHasilKerja, Skp
from tests.penilaian.conftest import (  # noqa: F401 (fixtures reused)
    dalam_jendela_tw1,
    kasus,
    pada,
    rekan_seksi,
    skp_disetujui,
    tahun,
    tw1,
)
from tests.skp.conftest import (  # noqa: F401 (fixtures reused)
    renstra,
    sertifikat,
    setujui_skp,
    skp_atasan,
    skp_pegawai,
)

HTMX = {"HTTP_HX_REQUEST": "true"}
HARI = date(2026, 5, 15)


@pytest.fixture
def pertengahan_mei():
    """The clock on 15 May 2026, 10.00 WIB."""
    with pada(HARI) as t:
        yield t


@dataclass
class Jurnal:
    skp: Skp
    rhk1: RencanaHasilKerja  # Kuantitas 52 laporan
    rhk2: RencanaHasilKerja  # Kuantitas 12 dokumen


def tambah_rhk_dokumen(
    user, skp: Skp, rhk_atasan: RencanaHasilKerja, uraian: str = "Tersusunnya laporan KLB"
) -> RencanaHasilKerja:
    rhk = skp_services.rhk_tambah(
        user=user, skp=skp, jenis="utama", uraian=uraian, rhk_atasan=rhk_atasan
    )
    skp_services.indikator_tambah(user=user, rhk=rhk, aspek="kuantitas", uraian="Jumlah laporan KLB",
                                  target_min=Decimal(12), satuan="dokumen")  # fmt: skip
    skp_services.indikator_tambah(user=user, rhk=rhk, aspek="kualitas", uraian="Laporan lengkap",
                                  target_min=Decimal(100), satuan="%")  # fmt: skip
    skp_services.indikator_tambah(user=user, rhk=rhk, aspek="waktu", uraian="Laporan selesai",
                                  target_min=Decimal(2), satuan="hari")  # fmt: skip
    return rhk


@pytest.fixture
def jurnal(pemeran, skp_atasan, skp_pegawai, pertengahan_mei) -> Jurnal:  # noqa: F811
    rhk2 = tambah_rhk_dokumen(pemeran.pegawai.user, skp_pegawai, skp_atasan.rhk2)
    skp = setujui_skp(pemeran, skp_pegawai)
    rhk1 = skp.rhk.order_by("urutan").first()
    return Jurnal(skp, rhk1, rhk2)


def tulis(pegawai, rhk, **kw) -> JurnalKinerja:
    isian = {"tanggal": HARI, "rhk_id": rhk.pk, "kegiatan": "Merekap laporan puskesmas"} | kw
    berkas = isian.pop("berkas", None)
    return jurnal_tambah(
        user=pegawai.user, isian=IsianJurnal(**isian), token=token_baru(), berkas=berkas
    )
