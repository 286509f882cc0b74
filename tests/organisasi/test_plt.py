"""The Plt/Plh page of the admin instansi: the list with dates, position and person; recording
one with the model's rules (no overlap, dates in order, a person of the same instansi); ending
one early; the permission ladder; and that the workflow follows it at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisasi.models import PenugasanSementara
from organisasi.selectors import atasan_langsung

URL = "/organisasi/plt/"


def masuk(client, orang):
    client.force_login(orang.user)
    return client


@pytest.fixture
def hari_ini():
    return timezone.localdate()


def data_plt(pemeran, hari_ini, **ubah) -> dict:
    """Eko (Kepala Seksi Imunisasi) as Plt of Rina's position, Kepala Seksi Surveilans."""
    return {
        "jabatan": pemeran.atasan.jabatan_id,
        "nip": pemeran.rekan_atasan.nip_cetak,  # with spaces, as printed
        "jenis": "plt",
        "mulai": hari_ini.isoformat(),
        "selesai": (hari_ini + timedelta(days=30)).isoformat(),
        "nomor_sk": "800/12/BKPSDM/2026",
        **ubah,
    }


def test_url():
    assert reverse("organisasi:plt") == URL


def test_tangga_izin_halaman_plt(client, pemeran, superuser):
    r = client.get(URL)
    assert r.status_code == 302 and r.url.startswith(reverse("login"))
    for orang in (pemeran.pegawai, pemeran.atasan, pemeran.kepala):
        assert masuk(client, orang).get(URL).status_code == 403
        assert client.post(URL, data_plt(pemeran, timezone.localdate())).status_code == 403
    assert masuk(client, pemeran.admin).get(URL).status_code == 200
    # Another instansi's admin: told nothing about this one.
    lain = masuk(client, pemeran.admin_lain)
    assert lain.get(URL, {"instansi": pemeran.instansi.pk}).status_code == 404
    assert lain.get(URL, {"instansi": "x"}).status_code == 404
    assert pemeran.instansi.nama not in lain.get(URL).content.decode()
    client.force_login(superuser)
    assert client.get(URL, {"instansi": pemeran.instansi.pk}).status_code == 200
    assert not PenugasanSementara.objects.exists()


def test_menu_kelola_dan_beranda_menautkan_halaman_plt(client, pemeran):
    isi = masuk(client, pemeran.admin).get(reverse("beranda")).content.decode()
    assert isi.count(f'href="{URL}"') == 2  # the Kelola menu and the admin's list on the home page
    assert f'href="{URL}"' not in masuk(client, pemeran.pegawai).get("/").content.decode()


def test_catat_plt_lalu_tampil_dan_menjadi_penilai(client, pemeran, hari_ini):
    assert atasan_langsung(pemeran.pegawai) == pemeran.atasan
    r = masuk(client, pemeran.admin).post(URL, data_plt(pemeran, hari_ini))
    plt = PenugasanSementara.objects.get()
    assert r.status_code == 302 and r.url == f"{URL}?instansi={pemeran.instansi.pk}#plt-{plt.pk}"
    assert (plt.jabatan, plt.pegawai, plt.mulai, plt.nomor_sk) == (
        pemeran.atasan.jabatan,
        pemeran.rekan_atasan,
        hari_ini,
        "800/12/BKPSDM/2026",
    )
    # The workflow follows it at once: Eko is now Rudi's penilai.
    assert atasan_langsung(pemeran.pegawai) == pemeran.rekan_atasan
    isi = client.get(r.url).content.decode()
    baris = isi[isi.index(f'id="plt-{plt.pk}"') :].split("</tr>")[0]
    for teks in (pemeran.atasan.jabatan.nama, "Pelaksana Tugas (Plt)", pemeran.rekan_atasan.nama,
                 "Berlaku", hari_ini.strftime("%Y-%m-%d")):  # fmt: skip
        assert teks in baris


@pytest.mark.parametrize(
    ("ubah", "pesan"),
    [
        ({"selesai": "2000-01-01"}, "Tanggal selesai tidak boleh sebelum tanggal mulai."),
        ({"nip": "199001012015011999"}, "Tidak ada pegawai dengan NIP 199001012015011999"),
        ({"nip": ""}, "Isi NIP pegawai yang ditugasi."),
        ({"mulai": ""}, "Isi tanggal mulai."),
        ({"jabatan": ""}, "Pilih jabatan."),
        ("nip_lain", "Tidak ada pegawai dengan NIP"),  # a pegawai of another instansi
        ("jabatan_lain", "Pilih jabatan dari daftar."),  # a position of another instansi
        ("pemegang", "Pegawai ini adalah pemegang jabatan tersebut"),
        ("nonaktif", "Pegawai ini tidak aktif"),
        ("bentrok", "Sudah ada Plt/Plh lain untuk jabatan ini pada rentang tanggal tersebut."),
    ],
)
def test_catat_plt_salah_ditolak_dengan_alasan_tanpa_menulis(
    client, pemeran, hari_ini, ubah, pesan
):
    from tests.factories import JabatanFactory

    if ubah == "nip_lain":
        ubah = {"nip": pemeran.pegawai_lain.nip}
    elif ubah == "jabatan_lain":
        unit = pemeran.instansi_lain.unit_kerja.first()
        atasan_lain = JabatanFactory(unit_kerja=unit)
        JabatanFactory(unit_kerja=unit, atasan=atasan_lain)
        ubah = {"jabatan": atasan_lain.pk}
    elif ubah == "pemegang":
        ubah = {"nip": pemeran.atasan.nip}
    elif ubah == "nonaktif":
        type(pemeran.rekan_atasan).objects.filter(pk=pemeran.rekan_atasan.pk).update(aktif=False)
        ubah = {}
    elif ubah == "bentrok":
        PenugasanSementara.objects.create(
            jabatan=pemeran.atasan.jabatan, pegawai=pemeran.atasan_atasan,
            mulai=hari_ini + timedelta(days=10), selesai=hari_ini + timedelta(days=40),
        )  # fmt: skip
        ubah = {}
    jumlah = PenugasanSementara.objects.count()
    r = masuk(client, pemeran.admin).post(URL, data_plt(pemeran, hari_ini, **ubah))
    assert r.status_code == 200
    assert pesan in r.content.decode()
    assert PenugasanSementara.objects.count() == jumlah


def test_cari_jabatan_mempersempit_pilihan(client, pemeran):
    masuk(client, pemeran.admin)
    semua = client.get(URL).content.decode()
    # Positions with someone under them only (a pelaksana's is not one a Plt stands in for).
    assert pemeran.atasan.jabatan.nama in semua and pemeran.kepala.jabatan.nama in semua
    assert f'<option value="{pemeran.pegawai.jabatan_id}"' not in semua
    isi = client.get(URL, {"cari": "Surveilans"}).content.decode()
    assert f'<option value="{pemeran.atasan.jabatan_id}"' in isi
    assert f'<option value="{pemeran.kepala.jabatan_id}"' not in isi


@pytest.fixture
def plt(pemeran, hari_ini) -> PenugasanSementara:
    return PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan, pegawai=pemeran.rekan_atasan,
        mulai=hari_ini - timedelta(days=5), selesai=hari_ini + timedelta(days=30),
    )  # fmt: skip


def test_akhiri_lebih_awal(client, pemeran, hari_ini, plt):
    assert atasan_langsung(pemeran.pegawai) == pemeran.rekan_atasan
    alamat = reverse("organisasi:plt_akhiri", args=[plt.pk])
    kemarin = hari_ini - timedelta(days=1)
    r = masuk(client, pemeran.admin).post(alamat, {"selesai": kemarin.isoformat()}, follow=True)
    assert "diakhiri; hari terakhirnya" in r.content.decode()
    plt.refresh_from_db()
    assert plt.selesai == kemarin
    # From today the definitive holder acts again.
    assert atasan_langsung(pemeran.pegawai) == pemeran.atasan
    assert "Selesai" in r.content.decode()


@pytest.mark.parametrize(
    ("selisih", "pesan"),
    [
        (-6, "Tanggal selesai tidak boleh sebelum tanggal mulai"),
        (30, "pilih tanggal sebelum tanggal selesai yang tercatat"),
        (40, "pilih tanggal sebelum tanggal selesai yang tercatat"),
        (None, "Isi hari terakhir Plt/Plh."),
    ],
)
def test_akhiri_dengan_tanggal_salah_ditolak(client, pemeran, hari_ini, plt, selisih, pesan):
    tanggal = "" if selisih is None else (hari_ini + timedelta(days=selisih)).isoformat()
    alamat = reverse("organisasi:plt_akhiri", args=[plt.pk])
    r = masuk(client, pemeran.admin).post(alamat, {"selesai": tanggal}, follow=True)
    assert pesan in r.content.decode()
    selesai = plt.selesai
    plt.refresh_from_db()
    assert plt.selesai == selesai


def test_tangga_izin_akhiri(client, pemeran, hari_ini, plt):
    alamat = reverse("organisasi:plt_akhiri", args=[plt.pk])
    data = {"selesai": hari_ini.isoformat()}
    r = client.post(alamat, data)
    assert r.status_code == 302 and r.url.startswith(reverse("login"))
    assert masuk(client, pemeran.rekan_atasan).post(alamat, data).status_code == 403
    assert masuk(client, pemeran.admin_lain).post(alamat, data).status_code == 404
    assert masuk(client, pemeran.admin).get(alamat).status_code == 405
    selesai = plt.selesai
    plt.refresh_from_db()
    assert plt.selesai == selesai
