"""The pegawai upload's preview as a record: a rejected file is recorded as rejected, and a
preview made before another upload was applied can no longer be confirmed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisasi import services
from organisasi.models import ImporPegawai, Jabatan, Pegawai, StatusImpor, UnitKerja
from tests.organisasi.berkas import KABID, KEPALA, csv_bytes
from tests.organisasi.test_views import baris_untuk, masuk, unggah


def test_berkas_bermasalah_tercatat_ditolak(client, pemeran):
    masuk(client, pemeran.admin)
    baris = baris_untuk(pemeran)
    baris[1]["nip"] = "123"
    unggah(client, pemeran, baris)
    data = ImporPegawai.objects.get()
    assert data.status == StatusImpor.DITOLAK
    assert data.baris == []

    ditolak = client.post(reverse("organisasi:impor_terapkan", args=[data.pk]), follow=True)

    assert "bermasalah" in ditolak.content.decode()
    assert ImporPegawai.objects.get().status == StatusImpor.DITOLAK
    assert not Pegawai.objects.filter(nip=KEPALA).exists()
    riwayat = client.get(reverse("organisasi:impor_pegawai")).content.decode()
    assert "Ditolak" in riwayat


def test_pratinjau_lama_tidak_menimpa_impor_yang_lebih_baru(client, pemeran):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    lama = ImporPegawai.objects.get()
    baru_baris = baris_untuk(pemeran)
    baru_baris[1]["nama"] = "Bambang Setiawan Baru"
    unggah(client, pemeran, baru_baris)
    baru = ImporPegawai.objects.exclude(pk=lama.pk).get()
    client.post(reverse("organisasi:impor_terapkan", args=[baru.pk]))
    baru.refresh_from_db()
    assert baru.status == StatusImpor.DITERAPKAN

    respons = client.post(reverse("organisasi:impor_terapkan", args=[lama.pk]), follow=True)

    halaman = respons.content.decode()
    assert "Pratinjau ini sudah usang: berkas lain sudah diterapkan pada" in halaman
    assert "Unggah ulang berkas untuk melihat pratinjau terbaru." in halaman
    assert Pegawai.objects.get(nip=KABID).nama == "Bambang Setiawan Baru"
    lama.refresh_from_db()
    assert (lama.status, lama.diterapkan_pada) == (StatusImpor.PRATINJAU, None)

    # A fresh upload of the same old file is a new preview, made after that import: it applies.
    unggah(client, pemeran, baris_untuk(pemeran))
    ulang = ImporPegawai.objects.order_by("-pk").first()
    services.impor_terapkan(user=pemeran.admin.user, impor_id=ulang.pk)
    assert Pegawai.objects.get(nip=KABID).nama == "Bambang Setiawan"


def test_impor_instansi_lain_tidak_membuat_pratinjau_usang(client, pemeran):
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    data = ImporPegawai.objects.get()
    ImporPegawai.objects.create(
        instansi=pemeran.instansi_lain,
        nama_berkas="lain.csv",
        status=StatusImpor.DITERAPKAN,
        diterapkan_pada=data.dibuat.replace(year=data.dibuat.year + 1),
        ringkasan={},
    )

    services.impor_terapkan(user=pemeran.admin.user, impor_id=data.pk)

    data.refresh_from_db()
    assert data.status == StatusImpor.DITERAPKAN


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("kosong.csv", b"", "Berkas kosong."),
        ("kosong.xlsx", b"", "Berkas kosong."),
        ("judul_saja.csv", csv_bytes([]), "Berkas tidak berisi baris data di bawah judul kolom."),
    ],
)
def test_unggahan_kosong_tercatat_ditolak_seperti_yang_lain(client, pemeran, nama, isi, pesan):
    """A 0-byte file used to stop at the form ("Berkas yang dikirimkan kosong.") and left no
    trace in the history; now it is refused like any other bad file, with its reason."""
    masuk(client, pemeran.admin)
    jumlah = Pegawai.objects.count()

    respons = client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile(nama, isi)},
    )

    data = ImporPegawai.objects.get()
    assert respons.url == reverse("organisasi:impor_pratinjau", args=[data.pk])
    assert (data.status, data.nama_berkas, data.ringkasan["masalah"]) == (
        StatusImpor.DITOLAK,
        nama,
        [pesan],
    )
    assert pesan in client.get(respons.url).content.decode()
    riwayat = client.get(reverse("organisasi:impor_pegawai")).content.decode()
    assert nama in riwayat and "Ditolak" in riwayat
    assert Pegawai.objects.count() == jumlah


def test_riwayat_menyebut_nama_pengunggah(client, pemeran, superuser):
    """ "Oleh" names the person (the pegawai's name with gelar), not the login (their NIP); a
    login without a pegawai (a superuser) by its username."""
    masuk(client, pemeran.admin)
    unggah(client, pemeran, baris_untuk(pemeran))
    client.force_login(superuser)
    client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile("b.csv", b"")},
    )

    halaman = client.get(reverse("organisasi:impor_pegawai")).content.decode()
    riwayat = halaman.split('id="riwayat-impor"')[1]
    assert pemeran.admin.nama_lengkap in riwayat
    assert f">{pemeran.admin.user.username}<" not in riwayat
    assert ">super<" in riwayat
    pratinjau = ImporPegawai.objects.get(diunggah_oleh=pemeran.admin.user)
    isi = client.get(reverse("organisasi:impor_pratinjau", args=[pratinjau.pk])).content.decode()
    assert f"oleh {pemeran.admin.nama_lengkap}" in isi


def test_templat_diunggah_apa_adanya_tidak_menulis_apa_pun(client, pemeran):
    """Issue 12: the template uploaded unchanged renamed unit 1.02.01 and added a second head of
    the Dinas. Now it is refused as holding no data, and confirming writes nothing."""
    masuk(client, pemeran.admin)
    templat = client.get(reverse("organisasi:templat_pegawai")).content
    sebelum = list(UnitKerja.objects.order_by("kode").values_list("kode", "nama"))
    jumlah = (Pegawai.objects.count(), Jabatan.objects.count())

    respons = client.post(
        reverse("organisasi:impor_pegawai"),
        {"instansi": pemeran.instansi.pk, "berkas": SimpleUploadedFile("templat.xlsx", templat)},
    )
    data = ImporPegawai.objects.get()
    halaman = client.get(respons.url).content.decode()
    client.post(reverse("organisasi:impor_terapkan", args=[data.pk]), {"paham_penting": "ya"})

    assert data.status == StatusImpor.DITOLAK
    assert "Berkas tidak berisi baris data di bawah judul kolom." in halaman
    assert "Tidak ada data yang diubah." in halaman
    assert list(UnitKerja.objects.order_by("kode").values_list("kode", "nama")) == sebelum
    assert (Pegawai.objects.count(), Jabatan.objects.count()) == jumlah
