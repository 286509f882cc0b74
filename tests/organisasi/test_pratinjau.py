"""The pegawai upload's preview as a record: a rejected file is recorded as rejected, and a
preview made before another upload was applied can no longer be confirmed."""

from django.urls import reverse

from organisasi import services
from organisasi.models import ImporPegawai, Pegawai, StatusImpor
from tests.organisasi.berkas import KABID, KEPALA
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
