"""The live indicator check under the form, the findings re-shown after a failed save, and the
quality summary per RHK on the SKP page (the atasan sees the same)."""

import pytest
from django.urls import reverse

from skp import services
from skp.models import IndikatorKinerja

URL = "/indikator/periksa/"
SAMAR = "Melaksanakan tugas dengan baik"
TERUKUR = "Persentase dokumen perizinan yang diterbitkan paling lama 3 hari kerja"


def masuk(client, orang):
    client.force_login(orang.user)
    return client


def test_url_periksa():
    assert reverse("indikator:periksa") == URL


def test_periksa_tanpa_masuk_dialihkan_ke_halaman_masuk(client, db):
    respons = client.post(URL, {"uraian": SAMAR})
    assert respons.status_code == 302
    assert "/masuk/" in respons.url


def test_periksa_hanya_post(client, pemeran):
    assert masuk(client, pemeran.pegawai).get(URL).status_code == 405


def test_periksa_indikator_samar_memberi_temuan_dan_saran(client, pemeran):
    respons = masuk(client, pemeran.pegawai).post(
        URL, {"uraian": SAMAR, "aspek": "kuantitas", "target_min": "", "satuan": ""}
    )
    assert respons.status_code == 200
    isi = respons.content.decode()
    assert "Indikator belum terukur" in isi
    assert "dengan baik" in isi and "normatif" in isi
    assert "Saran:" in isi
    assert 'data-kode="normatif"' in isi
    assert "<html" not in isi  # a partial, not a page


def test_periksa_indikator_terukur_tanpa_temuan(client, pemeran):
    respons = masuk(client, pemeran.pegawai).post(
        URL, {"uraian": TERUKUR, "target_min": "95", "satuan": "%", "aspek": "kualitas"}
    )
    isi = respons.content.decode()
    assert "Indikator terukur" in isi
    assert "Saran:" not in isi
    assert 'data-kode="' not in isi


def test_periksa_kosong_tidak_berkata_apa_pun(client, pemeran):
    isi = masuk(client, pemeran.pegawai).post(URL, {"uraian": "  "}).content.decode()
    assert 'id="temuan-indikator"' in isi
    assert "terukur" not in isi


def test_periksa_htmx_memakai_id_sasaran_sebagai_akar(client, pemeran):
    respons = masuk(client, pemeran.pegawai).post(
        URL,
        {"uraian": SAMAR},
        headers={"HX-Request": "true", "HX-Target": "temuan-indikator-baru-7"},
    )
    isi = respons.content.decode().strip()
    assert isi.startswith('<div id="temuan-indikator-baru-7"')
    assert '<div id="temuan-indikator-baru-7" class="temuan-indikator' in isi
    assert 'aria-live="polite"' in isi


def test_periksa_htmx_id_aneh_tidak_dipantulkan(client, pemeran):
    respons = masuk(client, pemeran.pegawai).post(
        URL, {"uraian": SAMAR}, headers={"HX-Request": "true", "HX-Target": 'x"><script>'}
    )
    isi = respons.content.decode()
    assert 'id="temuan-indikator"' in isi and "<script>" not in isi


def test_periksa_membaca_tenggat_dan_rentang(client, pemeran, tahun):
    c = masuk(client, pemeran.pegawai)
    isi = c.post(
        URL,
        {"uraian": "Laporan bulanan tersampaikan", "aspek": "waktu",
         "target_tanggal": f"{tahun}-03-31"},
    ).content.decode()  # fmt: skip
    assert "Indikator terukur" in isi
    isi = c.post(
        URL,
        {"uraian": "Kelengkapan laporan puskesmas", "aspek": "kualitas", "target_min": "90",
         "target_maks": "100", "satuan": "%"},
    ).content.decode()  # fmt: skip
    assert "Indikator terukur" in isi


def test_form_indikator_terpasang_pemeriksaan_langsung(client, pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    url = reverse("skp:indikator_tambah", args=[skp_pegawai.pk, rhk.pk])
    isi = masuk(client, pemeran.pegawai).get(url, headers={"HX-Request": "true"}).content.decode()
    # Through the SKP, which knows the rules saving applies (tests/skp/test_saran_indikator.py).
    assert f'hx-post="{reverse("skp:indikator_periksa", args=[skp_pegawai.pk])}"' in isi
    assert "delay:400ms" in isi
    assert f'hx-target="#temuan-indikator-baru-{rhk.pk}"' in isi
    assert f'id="temuan-indikator-baru-{rhk.pk}"' in isi


def test_form_salah_menampilkan_temuan_tanpa_javascript(client, pemeran, skp_pegawai):
    """A save that fails validation (no target) comes back with the findings of what was
    typed, rendered by the server."""
    rhk = skp_pegawai.rhk.get()
    url = reverse("skp:indikator_tambah", args=[skp_pegawai.pk, rhk.pk])
    respons = masuk(client, pemeran.pegawai).post(
        url, {"aspek": "kuantitas", "uraian": SAMAR, "target_min": "", "satuan": ""}
    )
    assert respons.status_code == 200
    isi = respons.content.decode()
    assert "Isi target" in isi  # the form's own error
    assert f'id="temuan-indikator-baru-{rhk.pk}"' in isi
    assert "Indikator belum terukur" in isi and "Saran:" in isi


def test_temuan_tidak_menghalangi_penyimpanan(client, pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    url = reverse("skp:indikator_tambah", args=[skp_pegawai.pk, rhk.pk])
    respons = masuk(client, pemeran.pegawai).post(
        url, {"aspek": "biaya", "uraian": SAMAR, "target_min": "1.000.000", "satuan": "rupiah"}
    )
    assert respons.status_code == 302
    assert IndikatorKinerja.objects.filter(rhk=rhk, uraian=SAMAR).exists()


def test_form_ubah_menampilkan_temuan_indikator_tersimpan(client, pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    ind = services.indikator_tambah(
        user=pemeran.pegawai.user, rhk=rhk, aspek="biaya", uraian=SAMAR,
        target_min=1000000, satuan="rupiah",
    )  # fmt: skip
    url = reverse("skp:indikator_ubah", args=[skp_pegawai.pk, ind.pk])
    isi = masuk(client, pemeran.pegawai).get(url, headers={"HX-Request": "true"}).content.decode()
    assert f'id="temuan-indikator{ind.pk}"' in isi
    assert "Indikator belum terukur" in isi


@pytest.mark.parametrize("siapa", ["pegawai", "atasan", "admin"])
def test_ringkasan_kualitas_per_rhk_di_halaman_skp(client, pemeran, skp_pegawai, siapa):
    rhk = skp_pegawai.rhk.get()
    services.indikator_tambah(
        user=pemeran.pegawai.user, rhk=rhk, aspek="biaya", uraian=SAMAR,
        target_min=1000000, satuan="rupiah",
    )  # fmt: skip
    isi = (
        masuk(client, getattr(pemeran, siapa))
        .get(reverse("skp:detail", args=[skp_pegawai.pk]))
        .content.decode()
    )
    # The fixture's three indicators are measurable; the vague one is not.
    assert "Kualitas indikator: 3 dari 4 terukur" in isi
    assert "Belum terukur: " in isi and "Saran: " in isi  # collapsible next to the indicator


def test_ringkasan_ikut_dalam_partial_htmx(client, pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    url = reverse("skp:detail", args=[skp_pegawai.pk]) + f"?bagian=rhk-baris&rhk={rhk.pk}"
    isi = masuk(client, pemeran.pegawai).get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Kualitas indikator: 3 dari 3 terukur" in isi


def test_periksa_menampilkan_temuan_persentase_tanpa_pembanding(client, pemeran):
    respons = masuk(client, pemeran.pegawai).post(
        URL,
        {"uraian": "Persentase pembinaan UMKM", "aspek": "kuantitas", "target_min": "100",
         "satuan": "%"},
    )  # fmt: skip
    isi = respons.content.decode()
    assert "Indikator belum terukur" in isi
    assert 'data-kode="persentase_kabur"' in isi
    assert "menghitung proses yang terus berjalan" in isi and "pembilang dan penyebut" in isi
    assert "Persentase UMKM yang dibina dan naik kelas" in isi


def test_periksa_menampilkan_dokumen_yang_hanya_jejak_kegiatan(client, pemeran):
    c = masuk(client, pemeran.pegawai)
    isi = c.post(
        URL,
        {"uraian": "Mengirim dan mengarsipkan surat masuk", "aspek": "kuantitas",
         "target_min": "1", "satuan": "laporan"},
    ).content.decode()  # fmt: skip
    assert "Indikator belum terukur" in isi and "hanya jejak pekerjaan" in isi
    isi = c.post(
        URL,
        {"uraian": "Jumlah laporan penyelenggaraan rapat koordinasi", "aspek": "kuantitas",
         "target_min": "2", "satuan": "laporan"},
    ).content.decode()  # fmt: skip
    assert "Indikator belum terukur" in isi and "hanya jejak kegiatan" in isi


def test_periksa_dua_ukuran_terukur_dengan_saran_memisah(client, pemeran):
    isi = masuk(client, pemeran.pegawai).post(
        URL, {"uraian": "Panjang dan jumlah tanggul yang direhabilitasi", "aspek": "kuantitas",
              "target_min": "12", "satuan": "km"},
    ).content.decode()  # fmt: skip
    assert "Indikator terukur, dengan saran perbaikan" in isi
    assert 'data-kode="dua_ukuran"' in isi and "Pisahkan menjadi dua indikator" in isi
