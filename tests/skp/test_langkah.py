"""The home page tells the pegawai the next step for their SKP's actual state (skp/langkah.py):
create it straight away, complete and submit it, wait for whom since when, fix what was
commented and where, then record realisasi; and the atasan what waits in the Kotak Masuk."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from skp import services
from skp.models import Komentar, Skp, StatusSkp


def langkah(client, orang) -> str:
    client.force_login(orang.user)
    isi = client.get(reverse("beranda")).content.decode()
    blok = re.search(r'<div id="langkah-skp".*?</div>\n', isi, re.S)
    assert blok, "tidak ada langkah SKP di beranda"
    return blok.group(0)


def test_tanpa_skp_susun_langsung_membuat_skp_tahun_ini(client, pemeran, tahun):
    teks = langkah(client, pemeran.pegawai)
    assert f"Anda belum membuat SKP tahun {tahun}" in teks
    # A POST form creating this year's SKP, not a link to another page to create it from.
    assert 'method="post" action="/skp/buat/"' in teks
    assert f'name="tahun" value="{tahun}"' in teks and "salinan" not in teks
    r = client.post(reverse("skp:buat"), {"tahun": tahun, "pendekatan": "kuantitatif"})
    skp = Skp.objects.get(pegawai=pemeran.pegawai, tahun=tahun)
    assert r.status_code == 302 and r.url == reverse("skp:detail", args=[skp.pk])


def test_tanpa_skp_dengan_skp_tahun_lalu_menawarkan_salinan(client, pemeran, tahun):
    services.skp_buat(user=pemeran.pegawai.user, tahun=tahun - 1)
    teks = langkah(client, pemeran.pegawai)
    assert f"Susun dari salinan SKP {tahun - 1}" in teks and 'name="salin"' in teks


def test_tanpa_jabatan_tidak_ditawari_menyusun(client, pemeran):
    type(pemeran.pegawai).objects.filter(pk=pemeran.pegawai.pk).update(jabatan=None)
    teks = langkah(client, pemeran.pegawai)
    assert "/skp/buat/" not in teks and "admin kepegawaian mencatat jabatan" in teks


def test_draf_menyebut_yang_belum_lengkap_atau_siap_diajukan(
    client, pemeran, skp_atasan, skp_pegawai
):
    kurang = services.periksa_kelengkapan(skp_atasan.skp)
    teks = langkah(client, pemeran.atasan)
    assert f"{len(kurang)} hal perlu dilengkapi" in teks and "belum memiliki indikator" in teks
    assert f'href="/skp/{skp_atasan.skp.pk}/#kelengkapan"' in teks
    teks = langkah(client, pemeran.pegawai)
    assert "siap diajukan" in teks and f'href="/skp/{skp_pegawai.pk}/#kelengkapan"' in teks


def test_diajukan_menunggu_siapa_sejak_kapan(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    Skp.objects.filter(pk=skp_pegawai.pk).update(diajukan_pada=timezone.now() - timedelta(days=3))
    teks = langkah(client, pemeran.pegawai)
    assert f"menunggu keputusan <strong>{pemeran.atasan.nama_lengkap}</strong>" in teks
    assert "sudah 3 hari" in teks and "ditarik kembali" in teks


def test_dikembalikan_menyebut_komentar_dan_membuka_yang_pertama(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    rhk = skp_pegawai.rhk.get()
    ind = rhk.indikator.get(aspek="waktu")
    services.kembalikan(user=pemeran.atasan.user, skp=skp_pegawai, catatan="Perbaiki waktu.",
                        komentar_rhk={rhk.pk: "Kurang jelas."},
                        komentar_indikator={ind.pk: "Terlalu lama."})  # fmt: skip
    pertama, kedua = Komentar.objects.exclude(butir="skp").order_by("pk")
    services.komentar_tandai(user=pemeran.pegawai.user, komentar=pertama, ditangani=True)
    teks = langkah(client, pemeran.pegawai)
    assert f"oleh {pemeran.atasan.nama_lengkap}" in teks and "Perbaiki waktu." in teks
    assert "1 dari 2 belum ditandai sudah diperbaiki" in teks
    assert f'href="/skp/{skp_pegawai.pk}/#komentar-{kedua.pk}"' in teks
    services.komentar_tandai(user=pemeran.pegawai.user, komentar=kedua, ditangani=True)
    teks = langkah(client, pemeran.pegawai)
    assert f'href="/skp/{skp_pegawai.pk}/#catatan-penilai"' in teks


def test_disetujui_menunjuk_ke_realisasi(client, pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    services.setujui(user=pemeran.atasan.user, skp=skp_pegawai)
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DISETUJUI
    teks = langkah(client, pemeran.pegawai)
    assert f"oleh {pemeran.atasan.nama_lengkap}" in teks
    assert f'href="{reverse("penilaian:saya")}"' in teks and "Isi realisasi" in teks


def test_atasan_diberi_tahu_jumlah_di_kotak_masuk(client, pemeran, skp_pegawai):
    client.force_login(pemeran.atasan.user)
    assert "langkah-kotak-masuk" not in client.get(reverse("beranda")).content.decode()
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    isi = client.get(reverse("beranda")).content.decode()
    assert "Tinjau 1 SKP di Kotak Masuk" in isi
