"""Deleting a first draft SKP, and deleting an RHK that bawahan intervene: what goes, what is
refused (with an Indonesian message, nothing changed), and what happens to bawahan links
(unlinked with a history row and a notification after the commit, or the delete refused)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import RestrictedError
from django.urls import reverse

from skp import services
from skp.access import can
from skp.models import (
    IndikatorKinerja,
    Notifikasi,
    PerilakuKerja,
    RencanaHasilKerja,
    RiwayatStatus,
    Skp,
    StatusSkp,
)
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import setujui_skp, tambah_kkw

HTMX = {"HTTP_HX_REQUEST": "true"}


def masuk(client, orang):
    client.force_login(orang.user)
    return client


def bawahan_lain(pemeran, nama="Sari Pelaksana"):
    """A second direct bawahan of the atasan."""
    return PegawaiFactory(
        nama=nama,
        jabatan=JabatanFactory(
            unit_kerja=pemeran.pegawai.jabatan.unit_kerja,
            atasan=pemeran.atasan.jabatan,
            nama="Pengolah Data",
        ),
    )


def skp_bawahan_tertaut(pegawai, rhk_atasan, tahun, uraian="Tersedianya data kasus") -> Skp:
    skp = services.skp_buat(user=pegawai.user, tahun=tahun)
    rhk = services.rhk_tambah(
        user=pegawai.user, skp=skp, jenis="utama", uraian=uraian, rhk_atasan=rhk_atasan
    )
    tambah_kkw(pegawai.user, rhk)
    return skp


def ajukan(skp: Skp) -> Skp:
    return services.ajukan(user=skp.pegawai.user, skp=skp)


def dikembalikan(pemeran, skp: Skp) -> Skp:
    ajukan(skp)
    return services.kembalikan(user=pemeran.atasan.user, skp=skp, catatan="Perbaiki target.")


# --- deleting a draft SKP: the service ------------------------------------------------------


def test_hapus_draf_skp_menghapus_seluruh_isinya_lalu_dapat_dibuat_lagi(
    pemeran, skp_pegawai, tahun
):
    user = pemeran.pegawai.user
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    assert skp.pendekatan == "kuantitatif"
    assert services.skp_hapus(user=user, skp=skp, revisi=skp.revisi) == 0
    assert not Skp.objects.filter(pk=skp.pk).exists()
    assert not RencanaHasilKerja.objects.filter(skp_id=skp.pk).exists()
    assert not IndikatorKinerja.objects.filter(rhk__skp_id=skp.pk).exists()
    assert not PerilakuKerja.objects.filter(skp_id=skp.pk).exists()
    # The same year again, with the other approach: a first version again.
    baru = services.skp_buat(user=user, tahun=tahun, pendekatan="kualitatif")
    assert (baru.versi, baru.pendekatan, baru.status) == (1, "kualitatif", StatusSkp.DRAF)


def test_hapus_draf_lalu_buat_sebagai_salinan_tahun_lalu(pemeran, tahun):
    user = pemeran.pegawai.user
    lalu = services.skp_buat(user=user, tahun=tahun - 1, pendekatan="kualitatif")
    services.rhk_tambah(user=user, skp=lalu, jenis="utama", uraian="RHK tahun lalu")
    salah = services.skp_buat(user=user, tahun=tahun)
    services.skp_hapus(user=user, skp=salah)
    baru = services.skp_buat(user=user, tahun=tahun, salin=True)
    assert baru.pendekatan == "kualitatif"
    assert [r.uraian for r in baru.rhk.all()] == ["RHK tahun lalu"]


@pytest.mark.parametrize("siapa", ["atasan", "atasan_atasan", "admin", "orang_luar"])
def test_hapus_draf_hanya_oleh_pemilik(pemeran, skp_pegawai, siapa):
    with pytest.raises(PermissionDenied):
        services.skp_hapus(user=getattr(pemeran, siapa).user, skp=skp_pegawai)
    assert Skp.objects.filter(pk=skp_pegawai.pk).exists()


def _dikembalikan(pemeran, skp):
    return dikembalikan(pemeran, skp)


def _pernah_diajukan_kini_draf(pemeran, skp):
    # Not a move the workflow makes today; the rule still holds on the history alone.
    ajukan(skp)
    Skp.objects.filter(pk=skp.pk).update(status=StatusSkp.DRAF)
    return Skp.objects.get(pk=skp.pk)


def _diajukan(pemeran, skp):
    return ajukan(skp)


def _disetujui(pemeran, skp):
    return setujui_skp(pemeran, skp)


def _revisi(pemeran, skp):
    return services.buka_revisi(user=skp.pegawai.user, skp=setujui_skp(pemeran, skp))


@pytest.mark.parametrize(
    ("keadaan", "pesan"),
    [
        (_dikembalikan, "sudah pernah diajukan kepada pejabat penilai"),
        (_pernah_diajukan_kini_draf, "sudah pernah diajukan kepada pejabat penilai"),
        (_diajukan, "SKP berstatus Diajukan tidak dapat dihapus"),
        (_disetujui, "SKP berstatus Disetujui tidak dapat dihapus"),
        (_revisi, "Draf ini adalah revisi (versi 2)"),
    ],
    ids=["dikembalikan", "pernah-diajukan", "diajukan", "disetujui", "revisi"],
)
def test_hapus_draf_ditolak_dengan_pesan_tanpa_mengubah_apa_pun(
    pemeran, skp_pegawai, monkeypatch, keadaan, pesan
):
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    skp = keadaan(pemeran, skp_pegawai)
    jumlah = (Skp.objects.count(), RencanaHasilKerja.objects.count(), RiwayatStatus.objects.count())
    assert not can(pemeran.pegawai.user, "hapus_draf", skp)
    with pytest.raises(services.StatusTidakSesuai) as e:
        services.skp_hapus(user=pemeran.pegawai.user, skp=skp)
    assert pesan in e.value.messages[0]
    assert jumlah == (
        Skp.objects.count(),
        RencanaHasilKerja.objects.count(),
        RiwayatStatus.objects.count(),
    )


def test_hapus_draf_dari_halaman_lama_ditolak(pemeran, skp_pegawai):
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    lama = skp.revisi
    services.rhk_tambah(user=pemeran.pegawai.user, skp=skp, jenis="tambahan", uraian="Baru")
    with pytest.raises(services.SkpKedaluwarsa):
        services.skp_hapus(user=pemeran.pegawai.user, skp=skp, revisi=lama)
    assert Skp.objects.filter(pk=skp.pk).exists()


def test_hapus_draf_atasan_melepas_tautan_draf_bawahan_dan_mengabari_setelah_commit(
    pemeran, skp_atasan, skp_pegawai, tahun, django_capture_on_commit_callbacks
):
    sari = bawahan_lain(pemeran)
    skp_sari = dikembalikan(pemeran, skp_bawahan_tertaut(sari, skp_atasan.rhk2, tahun))
    revisi_pegawai = Skp.objects.get(pk=skp_pegawai.pk).revisi
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dilepas = services.skp_hapus(user=pemeran.atasan.user, skp=skp_atasan.skp)
    assert dilepas == 2
    assert not Notifikasi.objects.exists()  # nothing before the commit
    for cb in callbacks:
        cb()
    rhk_pegawai = skp_pegawai.rhk.get()
    assert rhk_pegawai.rhk_atasan_id is None
    assert skp_sari.rhk.get().rhk_atasan_id is None
    assert Skp.objects.get(pk=skp_pegawai.pk).revisi == revisi_pegawai + 1
    r = RiwayatStatus.objects.get(skp=skp_pegawai, aksi="tautan_atasan")
    assert (r.dari, r.ke, r.oleh) == ("draf", "draf", pemeran.atasan.user)
    assert "RHK Utama 1 kini belum ditautkan" in r.catatan and "draf SKP" in r.catatan
    assert RiwayatStatus.objects.get(skp=skp_sari, aksi="tautan_atasan").ke == "dikembalikan"
    n = Notifikasi.objects.get(penerima=pemeran.pegawai.user)
    assert "Tautan RHK pada SKP" in n.judul and "Belum ditautkan" in n.isi
    assert n.tautan == reverse("skp:detail", args=[skp_pegawai.pk])
    assert Notifikasi.objects.filter(penerima=sari.user).count() == 1


@pytest.mark.parametrize("status", [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI])
def test_hapus_draf_atasan_ditolak_bila_skp_bawahan_diajukan_atau_disetujui(
    pemeran, skp_atasan, skp_pegawai, monkeypatch, status
):
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    (ajukan if status == StatusSkp.DIAJUKAN else lambda s: setujui_skp(pemeran, s))(skp_pegawai)
    with pytest.raises(services.StatusTidakSesuai) as e:
        services.skp_hapus(user=pemeran.atasan.user, skp=skp_atasan.skp)
    pesan = e.value.messages[0]
    assert f"Draf SKP tahun {skp_atasan.skp.tahun} tidak dapat dihapus." in pesan
    assert f"{pemeran.pegawai.nama_lengkap} (RHK Utama 1; {status.label})" in pesan
    assert "Kembalikan SKP yang diajukan" in pesan
    assert Skp.objects.filter(pk=skp_atasan.skp.pk).exists()
    assert skp_pegawai.rhk.get().rhk_atasan_id == skp_atasan.rhk1.pk
    assert not RiwayatStatus.objects.filter(aksi="tautan_atasan").exists()


# --- deleting an RHK that bawahan intervene --------------------------------------------------


@pytest.mark.parametrize("status", [StatusSkp.DRAF, StatusSkp.DIKEMBALIKAN])
def test_hapus_rhk_melepas_tautan_skp_bawahan_yang_masih_disusun(
    pemeran, skp_atasan, skp_pegawai, django_capture_on_commit_callbacks, status
):
    if status == StatusSkp.DIKEMBALIKAN:
        dikembalikan(pemeran, skp_pegawai)
    Notifikasi.objects.all().delete()
    revisi = Skp.objects.get(pk=skp_pegawai.pk).revisi
    with django_capture_on_commit_callbacks(execute=True):
        dilepas = services.rhk_hapus(user=pemeran.atasan.user, rhk=skp_atasan.rhk1)
    assert dilepas == 1
    assert not RencanaHasilKerja.objects.filter(pk=skp_atasan.rhk1.pk).exists()
    skp_atasan.rhk2.refresh_from_db()
    assert skp_atasan.rhk2.urutan == 1  # the order closed its gap
    assert skp_pegawai.rhk.get().rhk_atasan_id is None
    skp = Skp.objects.get(pk=skp_pegawai.pk)
    assert (skp.status, skp.revisi) == (status, revisi + 1)
    r = RiwayatStatus.objects.get(skp=skp, aksi="tautan_atasan")
    assert "Tersedianya data surveilans yang lengkap" in r.catatan and "telah dihapus" in r.catatan
    n = Notifikasi.objects.get(penerima=pemeran.pegawai.user)
    assert "dilepas" in n.judul and "RHK Utama 1" in n.isi
    # A form opened before the unlink cannot send the old (deleted) link back.
    with pytest.raises(services.SkpKedaluwarsa):
        services.rhk_ubah(user=pemeran.pegawai.user, rhk=skp.rhk.get(), jenis="utama",
                          uraian="x", revisi=revisi)  # fmt: skip


@pytest.mark.parametrize("status", [StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI])
def test_hapus_rhk_ditolak_bila_skp_bawahan_diajukan_atau_disetujui(
    pemeran, skp_atasan, skp_pegawai, tahun, monkeypatch, status
):
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    sari = bawahan_lain(pemeran)
    skp_bawahan_tertaut(sari, skp_atasan.rhk1, tahun)  # a draft: alone it would be unlinked
    (ajukan if status == StatusSkp.DIAJUKAN else lambda s: setujui_skp(pemeran, s))(skp_pegawai)
    revisi = Skp.objects.get(pk=skp_atasan.skp.pk).revisi
    with pytest.raises(services.StatusTidakSesuai) as e:
        services.rhk_hapus(user=pemeran.atasan.user, rhk=skp_atasan.rhk1)
    pesan = e.value.messages[0]
    assert pesan.startswith("RHK Utama 1 tidak dapat dihapus.")
    assert f"{pemeran.pegawai.nama_lengkap} (RHK Utama 1; {status.label})" in pesan
    assert "Sari" not in pesan  # only those who block are named
    assert "minta bawahan merevisi SKP yang disetujui" in pesan
    assert RencanaHasilKerja.objects.filter(pk=skp_atasan.rhk1.pk).exists()
    assert RencanaHasilKerja.objects.filter(rhk_atasan=skp_atasan.rhk1).count() == 2
    assert Skp.objects.get(pk=skp_atasan.skp.pk).revisi == revisi
    assert not RiwayatStatus.objects.filter(aksi="tautan_atasan").exists()


def test_hapus_rhk_melepas_versi_bawahan_yang_diganti_tanpa_notifikasi(
    pemeran, skp_atasan, skp_pegawai, monkeypatch, django_capture_on_commit_callbacks
):
    """The bawahan's v1 (approved on rhk1) was replaced by v2, which intervenes rhk2: v1 is
    history and is unlinked with a history row; its owner has nothing to do about it."""
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    user = pemeran.pegawai.user
    v1 = setujui_skp(pemeran, skp_pegawai)
    v2 = services.buka_revisi(user=user, skp=v1)
    rhk = v2.rhk.get()
    services.rhk_ubah(user=user, rhk=rhk, jenis="utama", uraian=rhk.uraian,
                      rhk_atasan=skp_atasan.rhk2)  # fmt: skip
    setujui_skp(pemeran, v2)
    Notifikasi.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rhk_hapus(user=pemeran.atasan.user, rhk=skp_atasan.rhk1) == 1
    v1.refresh_from_db()
    assert v1.status == StatusSkp.DIGANTI and v1.rhk.get().rhk_atasan_id is None
    assert RiwayatStatus.objects.filter(skp=v1, aksi="tautan_atasan", ke="diganti").exists()
    assert v2.rhk.get().rhk_atasan_id == skp_atasan.rhk2.pk
    assert not Notifikasi.objects.filter(penerima=user).exists()


def test_basis_data_menolak_menghapus_rhk_yang_diintervensi(pemeran, skp_atasan, skp_pegawai):
    """The net under the services: deleting an intervened RHK directly fails instead of
    silently unlinking; deleting the atasan's and the bawahan's SKP together still works."""
    with pytest.raises(RestrictedError):
        RencanaHasilKerja.objects.get(pk=skp_atasan.rhk1.pk).delete()
    assert skp_pegawai.rhk.get().rhk_atasan_id == skp_atasan.rhk1.pk
    Skp.objects.filter(pk__in=[skp_atasan.skp.pk, skp_pegawai.pk]).delete()
    assert not RencanaHasilKerja.objects.exists()


def test_tautan_baru_saat_menghapus_dikatakan_bukan_galat_server(
    pemeran, skp_atasan, skp_pegawai, monkeypatch
):
    """A bawahan links to the RHK after the service looked (simulated): refused with a
    message, nothing deleted."""
    from skp.selectors import Intervensi

    monkeypatch.setattr("skp.services.hapus.intervensi_bawahan", lambda *a, **k: Intervensi())
    with pytest.raises(ValidationError) as e:
        services.rhk_hapus(user=pemeran.atasan.user, rhk=skp_atasan.rhk1)
    assert "baru ditautkan" in e.value.messages[0]
    assert RencanaHasilKerja.objects.filter(pk=skp_atasan.rhk1.pk).exists()


# --- the pages ------------------------------------------------------------------------------


def test_tangga_izin_hapus_draf(client, pemeran, skp_pegawai, tahun):
    url = reverse("skp:hapus", args=[skp_pegawai.pk])
    for respons in (client.get(url), client.post(url)):
        assert respons.status_code == 302 and respons.url.startswith(reverse("login"))
    for siapa in ("orang_luar", "rekan_atasan", "pegawai_lain", "admin_lain"):
        masuk(client, getattr(pemeran, siapa))
        assert client.get(url).status_code == 404, siapa
        assert client.post(url).status_code == 404, siapa
    for siapa in ("atasan", "atasan_atasan", "admin"):
        masuk(client, getattr(pemeran, siapa))
        assert client.get(url).status_code == 403, siapa
        assert client.post(url).status_code == 403, siapa
        assert client.post(url, **HTMX).status_code == 403, siapa
    assert Skp.objects.filter(pk=skp_pegawai.pk).exists()

    masuk(client, pemeran.pegawai)
    isi = client.get(url).content.decode()
    assert f"Hapus draf SKP tahun {tahun}?" in isi and "<nav" in isi
    assert "1 RHK (1 utama, 0 tambahan) dengan 3 indikator beserta targetnya" in isi
    assert "Penghapusan tidak dapat dibatalkan." in isi
    assert "Ya, hapus draf SKP" in isi
    respons = client.post(url, {"revisi": Skp.objects.get(pk=skp_pegawai.pk).revisi})
    assert respons.status_code == 302
    assert respons.url == f"{reverse('skp:daftar')}?tahun={tahun}"
    assert not Skp.objects.filter(pk=skp_pegawai.pk).exists()
    halaman = client.get(respons.url).content.decode()
    assert f"Draf SKP tahun {tahun} dihapus." in halaman
    assert "Buat SKP</button>" in halaman
    assert client.get(url).status_code == 404  # gone


def test_hapus_draf_htmx(client, pemeran, skp_pegawai, tahun):
    masuk(client, pemeran.pegawai)
    url = reverse("skp:hapus", args=[skp_pegawai.pk])
    respons = client.get(url, **HTMX)
    isi = respons.content.decode()
    assert isi.lstrip().startswith('<section id="hapus-skp"') and "<nav" not in isi
    assert "judul-hapus-skp" in respons["HX-Trigger-After-Settle"]
    assert 'hx-post="' + url + '"' in isi
    # "Batal" puts the button back.
    batal = client.get(reverse("skp:detail", args=[skp_pegawai.pk]), {"bagian": "hapus-skp"},
                       **HTMX)  # fmt: skip
    assert batal.content.decode().lstrip().startswith('<section id="hapus-skp"')
    assert 'id="tombol-hapus-skp"' in batal.content.decode()
    respons = client.post(url, **HTMX)
    assert respons.status_code == 200
    assert respons["HX-Redirect"] == f"{reverse('skp:daftar')}?tahun={tahun}"
    assert not Skp.objects.filter(pk=skp_pegawai.pk).exists()


def test_hapus_draf_yang_pernah_diajukan_ditolak_di_halaman(client, pemeran, skp_pegawai):
    dikembalikan(pemeran, skp_pegawai)
    masuk(client, pemeran.pegawai)
    url = reverse("skp:hapus", args=[skp_pegawai.pk])
    isi = client.get(url).content.decode()
    assert "sudah pernah diajukan kepada pejabat penilai" in isi
    assert "Ya, hapus draf SKP" not in isi
    htmx = client.post(url, **HTMX)
    assert htmx.status_code == 409 and "sudah pernah diajukan" in htmx.content.decode()
    biasa = client.post(url, follow=True)
    assert biasa.redirect_chain[-1][0] == reverse("skp:detail", args=[skp_pegawai.pk])
    assert "sudah pernah diajukan" in biasa.content.decode()
    assert Skp.objects.filter(pk=skp_pegawai.pk).exists()


def test_tombol_hapus_draf_hanya_untuk_pemilik_draf_yang_belum_diajukan(
    client, pemeran, skp_pegawai
):
    url = reverse("skp:detail", args=[skp_pegawai.pk])
    assert 'id="tombol-hapus-skp"' in masuk(client, pemeran.pegawai).get(url).content.decode()
    for siapa in ("atasan", "atasan_atasan", "admin"):
        isi = masuk(client, getattr(pemeran, siapa)).get(url).content.decode()
        assert "Hapus draf SKP" not in isi, siapa
    ajukan(skp_pegawai)
    assert "Hapus draf SKP" not in masuk(client, pemeran.pegawai).get(url).content.decode()


def test_hapus_draf_atasan_menyebut_bawahan_yang_ditautkan_dan_yang_menghalangi(
    client, pemeran, skp_atasan, skp_pegawai, tahun
):
    sari = bawahan_lain(pemeran)
    skp_bawahan_tertaut(sari, skp_atasan.rhk2, tahun)
    masuk(client, pemeran.atasan)
    url = reverse("skp:hapus", args=[skp_atasan.skp.pk])
    isi = client.get(url).content.decode()
    assert "2 RHK bawahan mengintervensi RHK SKP ini. Tautannya akan dilepas" in isi
    assert f"{pemeran.pegawai.nama_lengkap}: RHK Utama 1" in isi and "Sari Pelaksana" in isi
    ajukan(skp_pegawai)
    isi = client.get(url).content.decode()
    assert "tidak dapat dihapus" in isi and "Ya, hapus draf SKP" not in isi
    assert f"{pemeran.pegawai.nama_lengkap} (RHK Utama 1; Diajukan)" in isi
    respons = client.post(url, follow=True)
    assert f"{pemeran.pegawai.nama_lengkap} (RHK Utama 1; Diajukan)" in respons.content.decode()
    assert Skp.objects.filter(pk=skp_atasan.skp.pk).exists()


def test_skp_saya_memilih_tahun_dari_alamat(client, pemeran, tahun):
    services.skp_buat(user=pemeran.pegawai.user, tahun=tahun - 2)
    masuk(client, pemeran.pegawai)
    respons = client.get(reverse("skp:daftar"), {"tahun": tahun - 1})
    assert respons.context["form"].initial["tahun"] == tahun - 1
    # The copy offered is the one into that year.
    assert f"Salin dari SKP tahun {tahun - 2}</button>" in respons.content.decode()
    assert client.get(reverse("skp:daftar"), {"tahun": "abc"}).status_code == 200
    # A year that cannot be drafted preselects this year (the page may be the kept one).
    html = client.get(reverse("skp:daftar"), {"tahun": 1990}).content.decode()
    assert f'<option value="{tahun}" selected>' in html


def test_konfirmasi_hapus_rhk_menyebut_rhk_bawahan_yang_mengintervensi(
    client, pemeran, skp_atasan, skp_pegawai, tahun
):
    sari = bawahan_lain(pemeran)
    skp_bawahan_tertaut(sari, skp_atasan.rhk1, tahun)
    masuk(client, pemeran.atasan)
    isi = client.get(reverse("skp:detail", args=[skp_atasan.skp.pk])).content.decode()
    assert (
        "Hapus RHK Utama 1 beserta semua indikatornya? 2 RHK bawahan mengintervensi RHK ini: "
        f"{pemeran.pegawai.nama_lengkap} (RHK Utama 1; Draf); Sari Pelaksana (RHK Utama 1; "
        "Draf). Tautannya akan dilepas dan mereka diberi tahu." in isi
    )
    assert 'hx-confirm="Hapus RHK Utama 2 beserta semua indikatornya?"' in isi
    # Without JavaScript: the confirmation page lists them.
    url = reverse("skp:rhk_hapus", args=[skp_atasan.skp.pk, skp_atasan.rhk1.pk])
    halaman = client.get(url).content.decode()
    assert "2 RHK bawahan mengintervensi RHK ini. Tautannya akan dilepas" in halaman
    assert "Ya, hapus" in halaman
    respons = client.post(url, **HTMX)
    assert respons.content.decode().lstrip().startswith('<section id="hasil-kerja"')
    assert "Tautan 2 RHK bawahan yang mengintervensinya dilepas" in respons.content.decode()
    assert not RencanaHasilKerja.objects.filter(rhk_atasan__isnull=False).exists()
    # The bawahan's page now shows the RHK as unlinked.
    halaman = masuk(client, pemeran.pegawai).get(reverse("skp:detail", args=[skp_pegawai.pk]))
    assert "Belum ditautkan" in halaman.content.decode()


def test_hapus_rhk_terhalang_ditunjukkan_dan_ditolak(client, pemeran, skp_atasan, skp_pegawai):
    ajukan(skp_pegawai)
    masuk(client, pemeran.atasan)
    isi = client.get(reverse("skp:detail", args=[skp_atasan.skp.pk])).content.decode()
    assert f'id="terhalang-{skp_atasan.rhk1.pk}"' in isi
    assert f"disetujui: {pemeran.pegawai.nama_lengkap} (RHK Utama 1; Diajukan). Kembalikan" in isi
    assert f'id="hapus-rhk-{skp_atasan.rhk1.pk}"' not in isi
    assert f'id="hapus-rhk-{skp_atasan.rhk2.pk}"' in isi
    url = reverse("skp:rhk_hapus", args=[skp_atasan.skp.pk, skp_atasan.rhk1.pk])
    halaman = client.get(url).content.decode()
    assert "RHK ini tidak dapat dihapus" in halaman and "Ya, hapus" not in halaman
    htmx = client.post(url, **HTMX)
    assert htmx.status_code == 409
    assert "RHK Utama 1 tidak dapat dihapus." in htmx.content.decode()
    biasa = client.post(url, follow=True)
    assert "RHK Utama 1 tidak dapat dihapus." in biasa.content.decode()
    assert RencanaHasilKerja.objects.filter(pk=skp_atasan.rhk1.pk).exists()


def test_pesan_menyebut_setiap_skp_bawahan_sekali(pemeran, skp_atasan, skp_pegawai):
    user = pemeran.pegawai.user
    kedua = services.rhk_tambah(user=user, skp=skp_pegawai, jenis="utama", uraian="RHK kedua",
                                rhk_atasan=skp_atasan.rhk1)  # fmt: skip
    tambah_kkw(user, kedua)
    ajukan(skp_pegawai)
    with pytest.raises(services.StatusTidakSesuai) as e:
        services.rhk_hapus(user=pemeran.atasan.user, rhk=skp_atasan.rhk1)
    assert (
        f"disetujui: {pemeran.pegawai.nama_lengkap} (RHK Utama 1, RHK Utama 2; Diajukan). "
        in e.value.messages[0]
    )
