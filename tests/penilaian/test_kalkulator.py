"""Kalkulator Distribusi: any signed-in user, a GET form that works without JavaScript, an htmx
partial, Indonesian messages for bad input, the instansi's rounding stated and applied; the
instansi's rounding set in the scoped Django admin."""

import pytest
from django.urls import reverse

from penilaian.models import PengaturanDistribusi

URL = reverse("penilaian:kalkulator")


def buka(client, **params):
    return client.get(URL, params)


def test_alamat_kalkulator():
    assert URL == "/penilaian/kalkulator-distribusi/"


def test_tangga_izin_semua_yang_masuk_boleh(client, pemeran, superuser):
    respons = buka(client)
    assert respons.status_code == 302 and respons.url.startswith(reverse("login"))
    for user in (pemeran.pegawai.user, pemeran.orang_luar.user, pemeran.pegawai_lain.user,
                 pemeran.admin.user, pemeran.admin_lain.user, superuser):  # fmt: skip
        client.force_login(user)
        assert buka(client, capaian="baik", jumlah=7).status_code == 200, user


def test_hanya_get(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    assert client.post(URL, {"capaian": "baik", "jumlah": 7}).status_code == 405


def test_kunjungan_pertama_menampilkan_contoh_baik_tujuh_pegawai(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    html = buka(client).content.decode()
    assert "Pola untuk capaian Baik:" in html
    assert "Paling banyak 70% Baik: 70% × 7 = 4,9, dibulatkan ke bawah menjadi 4 pegawai." in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "Aturan pembulatan yang dipakai:" in html and "dibulatkan ke bawah" in html


def test_rentang_dan_pola_yang_tidak_sesuai(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    html = buka(
        client, capaian="baik", jumlah=7, pembulatan="bawah-atas", jumlah_baik=7
    ).content.decode()
    assert "Pola TIDAK sesuai" in html
    assert "Baik 7 pegawai, melebihi batas paling banyak 4" in html
    assert "di luar rentang" in html
    assert "Butuh Perbaikan + Kurang/Misconduct" in html  # the group row
    html = buka(client, capaian="baik", jumlah=7, jumlah_sangat_baik=1, jumlah_baik=4,
                jumlah_butuh_perbaikan=2).content.decode()  # fmt: skip
    assert "Pola sesuai" in html and "Pola TIDAK sesuai" not in html


def test_pembulatan_biasa_dipilih_di_halaman(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    respons = buka(client, capaian="baik", jumlah=7, pembulatan="biasa")
    hasil = respons.context["hasil"]
    assert hasil.rentang["baik"].maksimum == 5
    html = respons.content.decode()
    assert "Pembulatan biasa:" in html
    # the instansi's own rule is still named when another one is tried out
    assert "instansi Anda memakai aturan lain" in html


def test_pembulatan_bawaan_mengikuti_pengaturan_instansi(client, pemeran):
    PengaturanDistribusi.objects.create(instansi=pemeran.instansi, pembulatan="biasa")
    client.force_login(pemeran.pegawai.user)
    respons = buka(client, capaian="baik", jumlah=7)
    assert respons.context["hasil"].pembulatan == "biasa"
    assert respons.context["hasil"].rentang["baik"].maksimum == 5
    assert "instansi Anda memakai aturan lain" not in respons.content.decode()
    # another instansi keeps the default
    client.force_login(pemeran.pegawai_lain.user)
    assert buka(client, capaian="baik", jumlah=7).context["hasil"].pembulatan == "bawah-atas"


def test_pemeriksaan_unit_memakai_pembulatan_instansinya(pemeran):
    from penilaian.selectors import distribusi_instansi

    assert distribusi_instansi(pemeran.instansi.pk, "baik", 7).rentang["baik"].maksimum == 4
    PengaturanDistribusi.objects.create(instansi=pemeran.instansi, pembulatan="biasa")
    assert distribusi_instansi(pemeran.instansi.pk, "baik", 7).rentang["baik"].maksimum == 5
    assert distribusi_instansi(pemeran.instansi_lain.pk, "baik", 7).pembulatan == "bawah-atas"


def test_superuser_memakai_pembulatan_bawaan(client, pemeran, superuser):
    PengaturanDistribusi.objects.create(instansi=pemeran.instansi, pembulatan="biasa")
    client.force_login(superuser)
    assert buka(client, capaian="baik", jumlah=7).context["hasil"].pembulatan == "bawah-atas"


def test_admin_tanpa_data_pegawai_memakai_pengaturan_instansinya(client, pemeran):
    from organisasi.services import jadikan_admin_instansi
    from tests.factories import UserFactory

    PengaturanDistribusi.objects.create(instansi=pemeran.instansi, pembulatan="biasa")
    user = UserFactory(username="admin-bkpsdm")
    jadikan_admin_instansi(user=user, instansi=pemeran.instansi)
    client.force_login(user)
    assert buka(client, capaian="baik", jumlah=7).context["hasil"].pembulatan == "biasa"


@pytest.mark.parametrize(
    ("params", "pesan"),
    [
        ({"capaian": "baik", "jumlah": "0"}, "Jumlah pegawai paling sedikit 1."),
        ({"capaian": "baik", "jumlah": "10001"}, "Jumlah pegawai paling banyak 10.000 dalam satu unit."),
        ({"capaian": "baik", "jumlah": "tujuh"}, "Isi dengan bilangan bulat, misalnya 7."),
        ({"capaian": "baik", "jumlah": ""}, "Isi jumlah pegawai di unit."),
        ({"capaian": "cukup", "jumlah": "7"}, "Capaian kinerja organisasi tidak dikenal."),
        ({"capaian": "baik", "jumlah": "7", "pembulatan": "ke-atas"}, "Aturan pembulatan tidak dikenal."),
        ({"capaian": "baik", "jumlah": "7", "jumlah_baik": "-1", "jumlah_kurang": "8"},
         "Jumlah Baik tidak boleh negatif."),
        ({"capaian": "baik", "jumlah": "7", "jumlah_baik": "5"},
         "Jumlah predikat yang diisi (5) tidak sama dengan jumlah pegawai di unit (7)."),
        ({"capaian": "baik", "jumlah": "7", "jumlah_baik": "9"},
         "Jumlah predikat yang diisi (9) tidak sama dengan jumlah pegawai di unit (7)."),
    ],
)  # fmt: skip
def test_masukan_salah_dijelaskan(client, pemeran, params, pesan):
    client.force_login(pemeran.pegawai.user)
    respons = buka(client, **params)
    assert respons.status_code == 200
    assert respons.context["hasil"] is None
    html = respons.content.decode()
    assert "Periksa isian:" in html and pesan in html
    assert "<svg" not in html


def test_htmx_hanya_bagian_hasil(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    respons = client.get(URL, {"capaian": "kurang", "jumlah": 10}, headers={"HX-Request": "true"})
    html = respons.content.decode()
    assert html.lstrip().startswith('<section id="hasil-kalkulator"')
    assert "<nav" not in html and "Kurang/Misconduct" in html
    respons = client.get(URL, {"capaian": "kurang", "jumlah": 0}, headers={"HX-Request": "true"})
    assert "Jumlah pegawai paling sedikit 1." in respons.content.decode()


def test_unit_terlalu_kecil_dijelaskan_di_halaman(client, pemeran):
    client.force_login(pemeran.pegawai.user)
    html = buka(client, capaian="baik", jumlah=1).content.decode()
    assert "tidak dapat diterapkan secara wajar" in html
    assert "tidak menyisakan tempat bagi predikat Baik" in html


def test_tautan_di_menu_admin_dan_atasan(client, pemeran):
    client.force_login(pemeran.admin.user)
    assert URL in client.get(reverse("beranda")).content.decode()
    client.force_login(pemeran.atasan.user)
    assert URL in client.get(reverse("beranda")).content.decode()
    client.force_login(pemeran.pegawai.user)  # no bawahan, not admin: not in the menu
    assert URL not in client.get(reverse("beranda")).content.decode()


def test_admin_instansi_mengatur_pembulatan_instansinya_sendiri(client, pemeran):
    client.force_login(pemeran.admin.user)
    tambah = reverse("admin:penilaian_pengaturandistribusi_add")
    isi = client.get(tambah).content.decode()
    assert pemeran.instansi.nama in isi and pemeran.instansi_lain.nama not in isi
    ditolak = client.post(tambah, {"instansi": pemeran.instansi_lain.pk, "pembulatan": "biasa"})
    assert ditolak.status_code == 200 and not PengaturanDistribusi.objects.exists()
    client.post(tambah, {"instansi": pemeran.instansi.pk, "pembulatan": "biasa"})
    pengaturan = PengaturanDistribusi.objects.get()
    assert (pengaturan.instansi, pengaturan.pembulatan) == (pemeran.instansi, "biasa")
    assert pengaturan.diubah_oleh == pemeran.admin.user
    # the other instansi's admin does not see it
    client.force_login(pemeran.admin_lain.user)
    daftar = client.get(reverse("admin:penilaian_pengaturandistribusi_changelist"))
    assert daftar.context["cl"].result_count == 0
