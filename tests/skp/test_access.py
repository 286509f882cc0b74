"""Who may see and do what with an SKP (skp/access.py)."""

from datetime import date

import pytest

from organisasi.models import PenugasanSementara
from skp.access import can, visible_skps
from skp.models import Skp, StatusSkp
from tests.factories import JabatanFactory, PegawaiFactory, UserFactory


def terlihat(orang_atau_user, skp: Skp) -> bool:
    user = getattr(orang_atau_user, "user", orang_atau_user)
    return visible_skps(user).filter(pk=skp.pk).exists()


@pytest.mark.parametrize(
    ("siapa", "boleh"),
    [
        ("pegawai", True),  # owner
        ("atasan", True),  # pejabat penilai
        ("atasan_atasan", True),  # atasan of the penilai
        ("admin", True),  # admin of the instansi
        ("kepala", False),  # three levels up: not in the chain of two
        ("rekan_atasan", False),
        ("orang_luar", False),
        ("admin_lain", False),
        ("pegawai_lain", False),
    ],
)
def test_siapa_yang_melihat_skp_pegawai(pemeran, skp_pegawai, siapa, boleh):
    assert terlihat(getattr(pemeran, siapa), skp_pegawai) is boleh


def test_superuser_melihat_semua_pengguna_nonaktif_tidak_melihat_apa_pun(
    pemeran, skp_pegawai, superuser
):
    assert terlihat(superuser, skp_pegawai)
    pemeran.pegawai.user.is_active = False
    pemeran.pegawai.user.save()
    assert not terlihat(pemeran.pegawai, skp_pegawai)


def test_plt_atasan_melihat_skp_bawahan(pemeran, skp_pegawai, tahun):
    plt = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja))
    assert not terlihat(plt, skp_pegawai)
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=plt, mulai=date(tahun, 1, 1),
        selesai=date(tahun, 12, 31),
    )  # fmt: skip
    assert terlihat(plt, skp_pegawai)


def test_penilai_tercatat_tetap_melihat_setelah_mutasi(pemeran, skp_pegawai):
    # The pegawai moves under another atasan: the penilai the SKP was agreed with still sees it.
    pemeran.pegawai.jabatan.atasan = pemeran.rekan_atasan.jabatan
    pemeran.pegawai.jabatan.save()
    assert terlihat(pemeran.atasan, skp_pegawai)
    assert terlihat(pemeran.rekan_atasan, skp_pegawai)


def test_visible_skps_satu_queryset_berapa_pun_jumlahnya(
    pemeran, skp_atasan, skp_pegawai, django_assert_max_num_queries
):
    user = pemeran.atasan_atasan.user
    user.pegawai  # noqa: B018 (the pegawai is cached on the user, as on a request)
    with django_assert_max_num_queries(3):  # admin rights, the Plt lookup, the SKP
        terlihat = {s.pk for s in visible_skps(user)}
    assert terlihat == {skp_atasan.skp.pk, skp_pegawai.pk}


@pytest.mark.parametrize(
    ("siapa", "aksi", "status", "boleh"),
    [
        ("pegawai", "ubah", StatusSkp.DRAF, True),
        ("pegawai", "ubah", StatusSkp.DIKEMBALIKAN, True),
        ("pegawai", "ubah", StatusSkp.DIAJUKAN, False),
        ("pegawai", "ubah", StatusSkp.DISETUJUI, False),
        ("atasan", "ubah", StatusSkp.DRAF, False),
        ("admin", "ubah", StatusSkp.DRAF, False),
        ("atasan", "isi_ekspektasi", StatusSkp.DRAF, True),
        ("atasan", "isi_ekspektasi", StatusSkp.DIAJUKAN, True),
        ("atasan", "isi_ekspektasi", StatusSkp.DISETUJUI, False),
        ("pegawai", "isi_ekspektasi", StatusSkp.DRAF, False),
        ("atasan_atasan", "isi_ekspektasi", StatusSkp.DRAF, False),
        ("atasan_atasan", "lihat", StatusSkp.DRAF, True),
        ("orang_luar", "lihat", StatusSkp.DRAF, False),
        ("pegawai", "hapus_draf", StatusSkp.DRAF, True),
        ("pegawai", "hapus_draf", StatusSkp.DIKEMBALIKAN, False),
        ("pegawai", "hapus_draf", StatusSkp.DIAJUKAN, False),
        ("pegawai", "hapus_draf", StatusSkp.DISETUJUI, False),
        ("atasan", "hapus_draf", StatusSkp.DRAF, False),
        ("admin", "hapus_draf", StatusSkp.DRAF, False),
    ],
)
def test_can(pemeran, skp_pegawai, siapa, aksi, status, boleh):
    skp_pegawai.status = status
    assert can(getattr(pemeran, siapa).user, aksi, skp_pegawai) is boleh


def _plt(pemeran, tahun):
    plt = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja))
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=plt, mulai=date(tahun, 1, 1),
        selesai=date(tahun, 12, 31),
    )  # fmt: skip
    return {"penilai kini": plt, "atasan definitif": pemeran.atasan}


def _mutasi(pemeran, tahun):
    pemeran.pegawai.jabatan.atasan = pemeran.rekan_atasan.jabatan
    pemeran.pegawai.jabatan.save()
    return {"penilai kini": pemeran.rekan_atasan, "atasan definitif": pemeran.atasan}


def _dialihkan(pemeran, tahun):
    Skp.objects.update(penilai_ditetapkan=pemeran.atasan_atasan)
    return {"penilai kini": pemeran.atasan_atasan, "atasan definitif": pemeran.atasan}


@pytest.mark.parametrize("perubahan", [_plt, _mutasi, _dialihkan], ids=["plt", "mutasi", "admin"])
def test_ekspektasi_diisi_oleh_yang_menyetujui(pemeran, skp_pegawai, tahun, perubahan):
    """Ekspektasi Khusus Pimpinan follows the same rule as approval (`adalah_penilai`): a Plt,
    the new atasan after a mutasi, or the penilai assigned by the admin may write it; the
    atasan the SKP was created with no longer may."""
    orang = perubahan(pemeran, tahun)
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    for status in (StatusSkp.DRAF, StatusSkp.DIAJUKAN, StatusSkp.DIKEMBALIKAN):
        skp.status = status
        assert can(orang["penilai kini"].user, "isi_ekspektasi", skp), status
        assert can(orang["penilai kini"].user, "setujui", skp) is (status == StatusSkp.DIAJUKAN)
        assert not can(orang["atasan definitif"].user, "isi_ekspektasi", skp), status
    skp.status = StatusSkp.DISETUJUI
    assert not can(orang["penilai kini"].user, "isi_ekspektasi", skp)
    for siapa in ("pegawai", "admin", "orang_luar"):
        skp.status = StatusSkp.DRAF
        assert not can(getattr(pemeran, siapa).user, "isi_ekspektasi", skp), siapa


def test_can_umum(pemeran, superuser):
    assert can(pemeran.pegawai.user, "buat_skp")
    assert not can(superuser, "buat_skp")  # no pegawai record
    assert can(pemeran.atasan.user, "lihat_bawahan")
    assert not can(pemeran.pegawai.user, "lihat_bawahan")
    assert not can(UserFactory(), "buat_skp")
    with pytest.raises(ValueError):
        can(pemeran.pegawai.user, "hapus_semua")
