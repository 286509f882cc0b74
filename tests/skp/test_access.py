"""Who may see and do what with an SKP (skp/access.py)."""

from datetime import date

import pytest
from django.urls import reverse

from organisasi.models import Jabatan, JenisJabatan, Pegawai, PenugasanSementara
from skp import services
from skp.access import can, visible_skps
from skp.models import Skp, StatusSkp
from skp.selectors import penilai_aktif
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


# --- transfers: visibility follows positions, not where a recorded penilai moved ------------


def _sekda(pemeran) -> Pegawai:
    """A Sekda above the kepala: four levels above the pegawai."""
    jabatan = JabatanFactory(
        unit_kerja=pemeran.kepala.jabatan.unit_kerja,
        nama="Sekretaris Daerah",
        jenis=JenisJabatan.JPT,
    )
    Jabatan.objects.filter(pk=pemeran.kepala.jabatan_id).update(atasan=jabatan)
    return PegawaiFactory(nama="Hendra Sekda", jabatan=jabatan)


def _pindahkan(orang: Pegawai, atasan: Pegawai) -> None:
    """The admin moves `orang` to a new position directly under `atasan`'s; their old position
    is left vacant."""
    orang.jabatan = JabatanFactory(
        unit_kerja=atasan.jabatan.unit_kerja, atasan=atasan.jabatan, nama="Staf Ahli"
    )
    orang.save()


def _lihat(client, orang, skp: Skp) -> int:
    client.force_login(orang.user)
    return client.get(reverse("skp:detail", args=[skp.pk])).status_code


@pytest.mark.parametrize("diajukan", [False, True], ids=["draf", "diajukan"])
def test_tangga_pindah_atasan(client, pemeran, skp_pegawai, diajukan):
    """The issue's case: the admin moves the Kasi (the recorded penilai) to a post directly
    under the Sekda. Before the fix the Sekda, four levels above the pegawai, read the SKP
    (through the moved penilai's new position) and the old Kasi still did."""
    sekda = _sekda(pemeran)
    if diajukan:
        services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    assert skp.penilai == pemeran.atasan

    # Before: the owner, the Kasi (penilai), the Kabid (her atasan), the admin.
    boleh = {"pegawai", "atasan", "atasan_atasan", "admin"}
    for siapa in ("pegawai", "atasan", "atasan_atasan", "kepala", "admin", "admin_lain"):
        assert terlihat(getattr(pemeran, siapa), skp) is (siapa in boleh), siapa
    assert not terlihat(sekda, skp)

    _pindahkan(pemeran.atasan, sekda)
    # The Kasi post is vacant: the Kabid is the penilai in force, the kepala his atasan.
    assert penilai_aktif(skp) == pemeran.atasan_atasan
    assert _lihat(client, pemeran.atasan, skp) == 404  # the old atasan: not theirs any more
    assert _lihat(client, sekda, skp) == 404  # four levels up
    for orang in (pemeran.pegawai, pemeran.atasan_atasan, pemeran.kepala, pemeran.admin):
        assert _lihat(client, orang, skp) == 200, orang
    assert _lihat(client, pemeran.admin_lain, skp) == 404

    # A new Kasi is appointed: the new atasan sees it, the kepala (three up) no longer does.
    kasi_baru = PegawaiFactory(
        nama="Kasi Baru", jabatan=Jabatan.objects.get(nama="Kepala Seksi Surveilans")
    )
    assert penilai_aktif(skp) == kasi_baru
    assert _lihat(client, kasi_baru, skp) == 200
    assert _lihat(client, pemeran.atasan_atasan, skp) == 200
    for orang in (pemeran.kepala, sekda, pemeran.atasan, pemeran.admin_lain):
        assert _lihat(client, orang, skp) == 404, orang


def test_penilai_yang_menyetujui_tetap_membaca_versi_itu_saja(client, pemeran, skp_pegawai):
    """The atasan who approved a version keeps reading that version after she moves (it records
    her as its penilai), but not the revision opened afterwards; her new atasan (the Sekda, four
    levels above the pegawai) reads neither."""
    sekda = _sekda(pemeran)
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    v1 = services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    _pindahkan(pemeran.atasan, sekda)
    v2 = services.buka_revisi(user=pemeran.pegawai.user, skp=v1)
    assert v2.penilai == pemeran.atasan_atasan  # the penilai in force when it was opened

    assert _lihat(client, pemeran.atasan, v1) == 200
    assert _lihat(client, pemeran.atasan, v2) == 404
    for skp in (v1, v2):
        assert _lihat(client, sekda, skp) == 404
        assert _lihat(client, pemeran.atasan_atasan, skp) == 200
        assert _lihat(client, pemeran.admin, skp) == 200
        assert _lihat(client, pemeran.admin_lain, skp) == 404


def test_mutasi_pegawai_penilai_lama_hanya_melihat_yang_disetujuinya(pemeran, skp_pegawai):
    """The pegawai moves under another Kasi: the new Kasi and her atasan see their SKP; the old
    Kasi sees a draft no more, but still the version she approved."""
    pemeran.pegawai.jabatan.atasan = pemeran.rekan_atasan.jabatan
    pemeran.pegawai.jabatan.save()
    assert not terlihat(pemeran.atasan, skp_pegawai)
    assert terlihat(pemeran.rekan_atasan, skp_pegawai)
    assert terlihat(pemeran.atasan_atasan, skp_pegawai)

    pemeran.pegawai.jabatan.atasan = pemeran.atasan.jabatan
    pemeran.pegawai.jabatan.save()
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    pemeran.pegawai.jabatan.atasan = pemeran.rekan_atasan.jabatan
    pemeran.pegawai.jabatan.save()
    assert terlihat(pemeran.atasan, skp_pegawai)
    assert terlihat(pemeran.rekan_atasan, skp_pegawai)


def test_jabatan_lowong_dilewati_sampai_dua_pejabat_terisi(pemeran, skp_pegawai, tahun):
    """Vacant positions are skipped as the workflow skips them: with the Kasi and Kabid posts
    vacant the kepala is the penilai in force and the Sekda her atasan; a Plt in the Kasi post
    becomes the penilai, and the Sekda is then out of reach."""
    sekda = _sekda(pemeran)
    for orang in (pemeran.atasan, pemeran.atasan_atasan):
        orang.aktif = False
        orang.save()
    assert penilai_aktif(skp_pegawai) == pemeran.kepala
    assert terlihat(pemeran.kepala, skp_pegawai) and terlihat(sekda, skp_pegawai)

    plt = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja))
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=plt, mulai=date(tahun, 1, 1),
        selesai=date(tahun, 12, 31),
    )  # fmt: skip
    assert penilai_aktif(skp_pegawai) == plt
    assert terlihat(plt, skp_pegawai) and terlihat(pemeran.kepala, skp_pegawai)
    assert not terlihat(sekda, skp_pegawai)


def test_penilai_yang_ditetapkan_admin_dan_atasannya_melihat(pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    assert not terlihat(pemeran.orang_luar, skp_pegawai)
    assert not terlihat(pemeran.rekan_atasan, skp_pegawai)
    services.alihkan_penilai(user=pemeran.admin.user, skp=skp_pegawai, penilai=pemeran.orang_luar)
    assert terlihat(pemeran.orang_luar, skp_pegawai)  # the penilai in force
    assert terlihat(pemeran.rekan_atasan, skp_pegawai)  # and her atasan
    assert terlihat(pemeran.atasan, skp_pegawai)  # the pegawai's atasan still reads it


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
def test_visible_skps_satu_queryset_berapa_pun_jumlahnya(
    pemeran, skp_atasan, skp_pegawai, django_assert_max_num_queries
):
    user = pemeran.atasan_atasan.user
    user.pegawai  # noqa: B018 (the pegawai is cached on the user, as on a request)
    # The Plt lookup, the chain below (positions, their holders, Plt/Plh in force), the SKP;
    # admin rights are a subquery of the last.
    with django_assert_max_num_queries(5):
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
