"""Who may see which Renstra, upload, and see the history (perencanaan.access)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from organisasi.models import UnitKerja
from perencanaan import access
from tests.batas_waktu import selesai_dalam
from tests.perencanaan.berkas import renstra_baik, xlsx_bytes
from tests.perencanaan.conftest import jadikan_plt, muat


def terlihat(user) -> set[int]:
    return set(access.visible_renstra(user).values_list("pk", flat=True))


def test_semua_yang_bekerja_di_opd_melihat_renstranya(pemeran, renstra_dinkes, renstra_lain):
    for orang in (
        pemeran.kepala,
        pemeran.atasan_atasan,
        pemeran.atasan,
        pemeran.pegawai,
        pemeran.orang_luar,
    ):
        assert terlihat(orang.user) == {renstra_dinkes.pk}, orang


def test_pegawai_opd_lain_dan_instansi_lain_tidak_melihat(
    pemeran, renstra_dinkes, renstra_lain, pegawai_bkpsdm
):
    assert terlihat(pegawai_bkpsdm.user) == set()
    assert terlihat(pemeran.pegawai_lain.user) == {renstra_lain.pk}
    with pytest.raises(Http404):
        access.get_renstra_for_user(pegawai_bkpsdm.user, renstra_dinkes.pk)


def test_admin_melihat_semua_opd_instansinya_saja(
    pemeran, renstra_dinkes, renstra_lain, pegawai_bkpsdm
):
    renstra_bkpsdm = muat(pegawai_bkpsdm.jabatan.unit_kerja.induk, xlsx_bytes(renstra_baik()))
    assert terlihat(pemeran.admin.user) == {renstra_dinkes.pk, renstra_bkpsdm.pk}
    assert terlihat(pemeran.admin_lain.user) == {renstra_lain.pk}


def test_superuser_melihat_semua_dan_anonim_tidak_apa_pun(superuser, renstra_dinkes, renstra_lain):
    assert terlihat(superuser) == {renstra_dinkes.pk, renstra_lain.pk}
    assert terlihat(AnonymousUser()) == set()


def test_pegawai_nonaktif_tidak_melihat(pemeran, renstra_dinkes):
    pemeran.pegawai.aktif = False
    pemeran.pegawai.save()
    assert terlihat(pemeran.pegawai.user) == set()


def test_plt_di_opd_lain_ikut_melihat_selama_penugasan(pemeran, renstra_dinkes, pegawai_bkpsdm):
    hari_ini = timezone.localdate()
    plt = jadikan_plt(
        pegawai_bkpsdm,
        pemeran.atasan.jabatan,
        hari_ini - timedelta(days=1),
        hari_ini + timedelta(days=30),
    )
    assert terlihat(pegawai_bkpsdm.user) == {renstra_dinkes.pk}
    plt.selesai = hari_ini - timedelta(days=1)
    plt.save()
    assert terlihat(pegawai_bkpsdm.user) == set()


def test_hanya_admin_instansi_yang_boleh_mengimpor(pemeran, opd, renstra_dinkes):
    assert access.can(pemeran.admin.user, "impor_renstra", opd)
    assert access.can(pemeran.admin.user, "lihat_riwayat", renstra_dinkes)
    assert not access.can(pemeran.admin_lain.user, "impor_renstra", opd)
    assert access.can(pemeran.admin_lain.user, "impor_renstra")  # for their own instansi
    assert not access.can(pemeran.kepala.user, "impor_renstra", opd)
    assert not access.can(pemeran.pegawai.user, "lihat_riwayat", renstra_dinkes)
    assert access.can(pemeran.pegawai.user, "lihat_renstra", renstra_dinkes)
    with pytest.raises(PermissionDenied):
        access.require(pemeran.pegawai.user, "impor_renstra")
    with pytest.raises(ValueError):
        access.can(pemeran.admin.user, "hapus_renstra")


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_jumlah_query_akses_tidak_bergantung_kedalaman(
    pemeran, renstra_dinkes, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        list(access.visible_renstra(pemeran.pegawai.user))


def test_unit_tempat_bekerja_berhenti_pada_lingkaran(pemeran, opd, renstra_dinkes):
    """The OPD forced under its own seksi (queryset.update goes around the admin's refusal):
    the climb to every unit above ends, and the OPD's Renstra is still seen."""
    seksi = pemeran.pegawai.jabatan.unit_kerja
    UnitKerja.objects.filter(pk=opd.pk).update(induk=seksi)
    with selesai_dalam():
        assert access.unit_tempat_bekerja(pemeran.pegawai.user) == {
            seksi.pk, seksi.induk_id, opd.pk}  # fmt: skip
        assert terlihat(pemeran.pegawai.user) == {renstra_dinkes.pk}
