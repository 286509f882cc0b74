"""Every walk of the unit and position trees in skp ends on a cycle forced into the database
(queryset.update goes around the admin's refusal): the bulk export worker, the Renstra a JPT
links to, the Kotak Masuk, SKP visibility, and the chain of RHK copies across versions."""

from organisasi.models import Jabatan, UnitKerja
from skp import services
from skp.access import visible_skps
from skp.cuplikan import buat_cuplikan
from skp.ekspor import jalankan_ekspor, skp_untuk_dicetak, unit_dan_turunan
from skp.models import EksporSkp, RencanaHasilKerja, Skp, StatusEkspor
from skp.selectors import _unit_dan_induk, kotak_masuk, renstra_tersedia
from tests.batas_waktu import selesai_dalam
from tests.skp.conftest import setujui_skp


def _unit_melingkar(pemeran) -> tuple[UnitKerja, UnitKerja, UnitKerja]:
    """The OPD put under its own seksi: OPD -> bidang -> seksi -> OPD."""
    seksi = pemeran.pegawai.jabatan.unit_kerja
    bidang, opd = seksi.induk, seksi.induk.induk
    UnitKerja.objects.filter(pk=opd.pk).update(induk=seksi)
    return opd, bidang, seksi


def _jabatan_melingkar(pemeran) -> None:
    """The kepala's position under the pegawai's: the whole chain is one cycle."""
    Jabatan.objects.filter(pk=pemeran.kepala.jabatan_id).update(atasan=pemeran.pegawai.jabatan)


def test_unit_dan_turunan_berhenti_pada_lingkaran(pemeran):
    opd, bidang, seksi = _unit_melingkar(pemeran)
    seksi_lain = pemeran.orang_luar.jabatan.unit_kerja
    with selesai_dalam():
        hasil = unit_dan_turunan([bidang.pk])
    assert sorted(hasil) == sorted([opd.pk, bidang.pk, seksi.pk, seksi_lain.pk])


def test_pekerja_ekspor_selesai_pada_unit_melingkar(pemeran, skp_pegawai, sertifikat, tahun):
    """The issue's case: the export of a unit in a cycle looped at 100% CPU for ever."""
    setujui_skp(pemeran, skp_pegawai)
    _, bidang, _ = _unit_melingkar(pemeran)
    ekspor = EksporSkp.objects.create(instansi=pemeran.instansi, unit=bidang, tahun=tahun)
    with selesai_dalam(30):
        assert list(skp_untuk_dicetak(tahun, unit_ids=[bidang.pk])) == [skp_pegawai]
        assert jalankan_ekspor(ekspor.pk) == 1
    ekspor.refresh_from_db()
    assert ekspor.status == StatusEkspor.SELESAI


def test_renstra_jpt_berhenti_pada_lingkaran(pemeran, renstra, tahun):
    opd, bidang, seksi = _unit_melingkar(pemeran)
    skp = services.skp_buat(user=pemeran.kepala.user, tahun=tahun)
    with selesai_dalam():
        assert _unit_dan_induk(skp) == [opd, seksi, bidang]  # each once
        assert renstra_tersedia(skp).unit == opd


def test_kotak_masuk_dan_visibilitas_berhenti_pada_lingkaran(pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    _jabatan_melingkar(pemeran)
    with selesai_dalam():
        assert kotak_masuk(pemeran.atasan) == [skp_pegawai]
        assert kotak_masuk(pemeran.pegawai) == []
        for orang in (pemeran.pegawai, pemeran.atasan, pemeran.atasan_atasan):
            assert skp_pegawai in visible_skps(orang.user)
        for orang in (pemeran.kepala, pemeran.orang_luar):
            assert skp_pegawai not in visible_skps(orang.user)


def test_rantai_salinan_rhk_berhenti_pada_lingkaran(skp_atasan):
    a, b = skp_atasan.rhk1, skp_atasan.rhk2
    RencanaHasilKerja.objects.filter(pk=a.pk).update(asal=b)
    RencanaHasilKerja.objects.filter(pk=b.pk).update(asal=a)
    with selesai_dalam():
        cuplikan = buat_cuplikan(Skp.objects.get(pk=skp_atasan.skp.pk))
    assert {r["id"]: r["asal"] for r in cuplikan["rhk"]} == {a.pk: [b.pk], b.pk: [a.pk]}
