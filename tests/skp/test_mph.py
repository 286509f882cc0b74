"""The MPH as a matrix (domain.md): the atasan's RHK across the top, bawahan down the side, each
cell the bawahan RHK that intervene that column; a last column for unlinked RHK. Same data on
/skp/<id>/mph/ and in SKP Bawahan, with a flat query count."""

import re

import pytest
from django.urls import reverse

from skp import services
from skp.access import visible_pegawai, visible_skps
from skp.selectors import mph
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import tambah_kkw

HTMX = {"HTTP_HX_REQUEST": "true"}


def masuk(client, orang):
    client.force_login(orang.user)
    return client


def bawahan_baru(pemeran, nama: str):
    return PegawaiFactory(
        nama=nama,
        jabatan=JabatanFactory(
            unit_kerja=pemeran.pegawai.jabatan.unit_kerja,
            atasan=pemeran.atasan.jabatan,
            nama=f"Jabatan {nama}",
        ),
    )


def matriks(isi: str) -> str:
    return isi.split('id="matriks-mph"')[1].split("</table>")[0]


def baris_dari(tabel: str, nama: str) -> list[str]:
    """The cells (row header first) of the row of `nama`."""
    baris = next(b for b in tabel.split("<tr>") if nama in b.split("</th>")[0])
    return re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", baris.split("</tr>")[0], re.S)


def test_matriks_kolom_rhk_atasan_baris_bawahan_sel_rhk_bawahan(
    client, pemeran, skp_atasan, skp_pegawai, tahun
):
    user = pemeran.pegawai.user
    services.rhk_tambah(user=user, skp=skp_pegawai, jenis="utama", uraian="RHK belum bertaut")
    bawahan_baru(pemeran, "Tono Tanpa SKP")
    masuk(client, pemeran.atasan)
    isi = client.get(reverse("skp:mph", args=[skp_atasan.skp.pk])).content.decode()
    tabel = matriks(isi)
    assert "<caption" in tabel and "Matriks pembagian peran dan hasil" in tabel
    # Columns: the bawahan, each atasan RHK (number and text), "Belum ditautkan".
    kepala = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', tabel, re.S)
    assert len(kepala) == 4
    assert "RHK Utama 1" in kepala[1] and skp_atasan.rhk1.uraian in kepala[1]
    assert "RHK Utama 2" in kepala[2] and skp_atasan.rhk2.uraian in kepala[2]
    assert "Belum ditautkan" in kepala[3]
    # Nobody picked up rhk2: its column is highlighted.
    assert f'id="mph-kolom-{skp_atasan.rhk2.pk}" class="table-warning kolom-kosong"' in tabel
    assert f'id="mph-kolom-{skp_atasan.rhk1.pk}" class=""' in tabel
    # Rudi's row: name, jabatan, status; his RHK under rhk1; rhk2 empty; the unlinked one last.
    rudi = baris_dari(tabel, pemeran.pegawai.nama_lengkap)
    assert pemeran.pegawai.jabatan.nama in rudi[0] and "Draf" in rudi[0]
    assert "Tersedianya rekap data imunisasi per desa" in rudi[1] and "RHK Utama 1" in rudi[1]
    assert "kosong" in rudi[2] and "Tersedianya" not in rudi[2]
    assert "RHK belum bertaut" in rudi[3] and "Belum ditautkan" in rudi[3]
    # A bawahan without an SKP has a row, visibly empty.
    tono = baris_dari(tabel, "Tono Tanpa SKP")
    assert "belum membuat SKP" in tono[0]
    assert all("kosong" in sel for sel in tono[1:])
    # The list for phones stays, below the matrix.
    assert 'class="d-md-none"' in isi and f'id="mph-rhk-{skp_atasan.rhk1.pk}"' in isi


def mph_bagi(orang, skp):
    """The MPH of `skp` as `orang` sees it (as the views build it)."""
    return mph(skp, terlihat=visible_skps(orang.user), pegawai_terlihat=visible_pegawai(orang.user))


def test_matriks_baris_untuk_revisi_dan_yang_bukan_bawahan_langsung(
    pemeran, skp_atasan, skp_pegawai, monkeypatch
):
    """SKP that intervene this one without being a listed bawahan's current SKP get their own
    row, so the matrix never hides a link the list shows, to those who may see that SKP."""
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    v1 = services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    v2 = services.buka_revisi(user=pemeran.pegawai.user, skp=v1)
    hasil = mph_bagi(pemeran.atasan, skp_atasan.skp)
    # Both current versions (v1 in force, v2 being drafted) intervene rhk1: one row each.
    assert [b.nama for b in hasil.matriks] == [pemeran.pegawai.nama_lengkap, v2.pegawai_nama]
    assert {b.skp.versi for b in hasil.matriks} == {1, 2}
    lain = hasil.matriks[1]
    assert lain.keterangan == f"SKP versi {lain.skp.versi}"
    assert [[len(s.isi) for s in b.sel] for b in hasil.matriks] == [[1, 0], [1, 0]]
    assert not hasil.disaring
    # Moved under another atasan: still shown to the admin, marked as no longer a direct
    # bawahan; the old atasan keeps only the version she approved, not the new draft.
    pemeran.pegawai.jabatan.atasan = pemeran.rekan_atasan.jabatan
    pemeran.pegawai.jabatan.save()
    hasil = mph_bagi(pemeran.admin, skp_atasan.skp)
    assert {b.keterangan for b in hasil.matriks} == {"bukan bawahan langsung saat ini"}
    assert len(hasil.matriks) == 2
    hasil = mph_bagi(pemeran.atasan, skp_atasan.skp)
    assert [b.skp.versi for b in hasil.matriks] == [1]
    assert hasil.disaring and hasil.belum_diintervensi == [skp_atasan.rhk2]


def test_matriks_dua_tingkat_di_atas_hanya_bawahan_yang_boleh_dilihat(
    client, pemeran, skp_atasan, skp_pegawai
):
    """The kepala may read the Kasi's SKP (the atasan of her atasan) but not the SKP of the
    Kasi's staff, three levels down: the MPH of the Kasi's SKP shows the kepala none of their
    RHK nor who has no SKP yet, says that some are left out, and still does not call an RHK
    picked up by a hidden bawahan "belum diintervensi"."""
    bawahan_baru(pemeran, "Tono Tanpa SKP")
    url = reverse("skp:mph", args=[skp_atasan.skp.pk])
    rhk_rudi = "Tersedianya rekap data imunisasi per desa"

    isi = masuk(client, pemeran.kepala).get(url).content.decode()
    assert skp_atasan.rhk1.uraian in isi  # the Kasi's own RHK: the kepala may read them
    assert rhk_rudi not in isi and "Tono Tanpa SKP" not in isi
    assert pemeran.pegawai.nama_lengkap not in isi
    assert 'id="mph-disaring"' in isi
    assert f'id="mph-kolom-{skp_atasan.rhk1.pk}" class=""' in isi
    assert f'id="mph-kolom-{skp_atasan.rhk2.pk}" class="table-warning kolom-kosong"' in isi
    # The same rule as the bawahan's own page.
    assert client.get(reverse("skp:detail", args=[skp_pegawai.pk])).status_code == 404

    # One level less (the Kabid: atasan of Rudi's atasan) and the admin see the whole matrix.
    for orang in (pemeran.atasan_atasan, pemeran.admin):
        isi = masuk(client, orang).get(url).content.decode()
        assert rhk_rudi in isi and "Tono Tanpa SKP" in isi, orang
        assert 'id="mph-disaring"' not in isi


def test_matriks_skp_sendiri_menampilkan_semua_bawahan_langsung(
    client, pemeran, skp_atasan, skp_pegawai
):
    """The owner's own MPH (here and under SKP Bawahan) lists every direct bawahan, with or
    without an SKP: as their atasan they may see all of it."""
    bawahan_baru(pemeran, "Tono Tanpa SKP")
    masuk(client, pemeran.atasan)
    for url in (reverse("skp:mph", args=[skp_atasan.skp.pk]), reverse("skp:bawahan")):
        tabel = matriks(client.get(url).content.decode())
        assert "Tersedianya rekap data imunisasi per desa" in tabel
        assert "belum membuat SKP" in baris_dari(tabel, "Tono Tanpa SKP")[0]
        assert 'id="mph-disaring"' not in client.get(url).content.decode()


def test_matriks_di_skp_bawahan_dan_htmx(client, pemeran, skp_atasan, skp_pegawai):
    masuk(client, pemeran.atasan)
    isi = client.get(reverse("skp:bawahan")).content.decode()
    tabel = matriks(isi)
    assert pemeran.pegawai.nama_lengkap in tabel and skp_atasan.rhk2.uraian in tabel
    htmx = client.get(reverse("skp:bawahan"), **HTMX).content.decode()
    assert htmx.lstrip().startswith('<div id="daftar-bawahan">') and 'id="matriks-mph"' in htmx
    htmx = client.get(reverse("skp:mph", args=[skp_atasan.skp.pk]), **HTMX).content.decode()
    assert htmx.lstrip().startswith('<div id="mph">') and 'id="matriks-mph"' in htmx


def test_matriks_tanpa_bawahan(client, pemeran, tahun):
    skp = services.skp_buat(user=pemeran.pegawai.user, tahun=tahun)
    services.rhk_tambah(user=pemeran.pegawai.user, skp=skp, jenis="utama", uraian="RHK")
    isi = masuk(client, pemeran.pegawai).get(reverse("skp:mph", args=[skp.pk]))
    assert "Belum ada bawahan langsung yang menyusun SKP" in matriks(isi.content.decode())


def _tambah_bawahan(pemeran, skp_atasan, tahun, jumlah: int, mulai: int) -> None:
    for i in range(mulai, mulai + jumlah):
        b = bawahan_baru(pemeran, f"Bawahan {i:02d}")
        if i % 4 == 3:
            continue  # some have no SKP yet
        skp = services.skp_buat(user=b.user, tahun=tahun)
        for n, rhk_atasan in enumerate((skp_atasan.rhk1, skp_atasan.rhk2, None)):
            rhk = services.rhk_tambah(user=b.user, skp=skp, jenis="utama",
                                      uraian=f"RHK {i}-{n}", rhk_atasan=rhk_atasan)  # fmt: skip
            if n == 0:
                tambah_kkw(b.user, rhk)


@pytest.mark.usefixtures("jawaban_selalu_dihitung")
@pytest.mark.parametrize(("halaman", "maks"), [("mph", 20), ("bawahan", 22)])
def test_matriks_jumlah_query_tetap_3_dan_15_bawahan(
    client, pemeran, skp_atasan, tahun, django_assert_max_num_queries, halaman, maks
):
    masuk(client, pemeran.atasan)
    url = (
        reverse("skp:mph", args=[skp_atasan.skp.pk]) if halaman == "mph" else reverse("skp:bawahan")
    )
    _tambah_bawahan(pemeran, skp_atasan, tahun, 3, 0)
    client.get(url)  # warm the session
    # Session, user, pegawai and roles, the SKP, the MPH (RHK with their intervening RHK,
    # bawahan, their SKP, unlinked RHK), the chain below the viewer (positions, holders, Plt/Plh:
    # what they may see), navbar counts: none of it per bawahan or per RHK.
    with django_assert_max_num_queries(maks):
        isi = client.get(url).content.decode()
    assert matriks(isi).count("<tr>") == 1 + 3 + 1
    _tambah_bawahan(pemeran, skp_atasan, tahun, 12, 3)
    with django_assert_max_num_queries(maks):
        isi = client.get(url).content.decode()
    tabel = matriks(isi)
    # The header row, and one per bawahan: the 15 and Rudi (the cast's pegawai, no SKP here).
    assert tabel.count("<tr>") == 1 + 15 + 1
    assert "RHK 14-0" in tabel and "RHK 14-2" in tabel
