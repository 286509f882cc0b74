"""The live advice under the indicator form agrees with saving: when saving will be refused it
says so ("Belum dapat disimpan: ...", in the words saving uses) instead of "ini hanya saran",
and when it says nothing of the kind, saving succeeds."""

import re

import pytest
from django.urls import reverse

from skp.models import IndikatorKinerja

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "temuan-indikator-baru-1"}
URAIAN = "Persentase laporan surveilans mingguan yang diterima tepat waktu"


def masuk(client, orang):
    client.force_login(orang.user)
    return client


def _periksa(client, skp, data) -> str:
    r = client.post(reverse("skp:indikator_periksa", args=[skp.pk]), data, **HTMX)
    assert r.status_code == 200
    return r.content.decode()


def _ditolak(html: str) -> list[str]:
    blok = re.search(r'class="[^"]*belum-dapat-disimpan.*?</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", blok.group(0), re.S) if blok else []


KASUS = [
    ({"aspek": "kualitas", "uraian": URAIAN, "target_min": "95", "satuan": ""}, "Isi satuan target"),
    ({"aspek": "kuantitas", "uraian": URAIAN, "target_min": "", "satuan": "laporan"},
     "Isi target berupa angka"),
    ({"aspek": "kuantitas", "uraian": URAIAN, "target_min": "dua belas", "satuan": "laporan"},
     "bukan angka"),
    ({"aspek": "waktu", "uraian": URAIAN, "target_min": "3", "satuan": "laporan"},
     "Aspek Waktu memakai satuan waktu"),
    ({"aspek": "kualitas", "uraian": "", "target_min": "95", "satuan": "%"},
     "Tuliskan indikator kinerja individu."),
    ({"aspek": "kualitas", "uraian": URAIAN, "target_min": "95", "target_maks": "90",
      "satuan": "%"}, "Batas atas rentang tidak boleh lebih kecil"),
    ({"aspek": "kualitas", "uraian": URAIAN, "target_min": "95", "satuan": "%"}, None),
    ({"aspek": "waktu", "uraian": URAIAN, "target_min": "", "satuan": "",
      "target_tanggal": "2026-12-31"}, None),
]  # fmt: skip


@pytest.mark.parametrize(("data", "alasan"), KASUS)
def test_saran_langsung_dan_penyimpanan_sepakat(client, pemeran, skp_pegawai, tahun, data, alasan):
    if "target_tanggal" in data:
        data = {**data, "target_tanggal": f"{tahun}-12-31"}
    rhk = skp_pegawai.rhk.get()
    masuk(client, pemeran.pegawai)
    html = _periksa(client, skp_pegawai, data)
    ditolak = _ditolak(html)
    sebelum = IndikatorKinerja.objects.count()
    simpan = client.post(reverse("skp:indikator_tambah", args=[skp_pegawai.pk, rhk.pk]), data)
    if alasan is None:
        assert ditolak == [] and "Belum dapat disimpan" not in html
        assert simpan.status_code == 302 and IndikatorKinerja.objects.count() == sebelum + 1
        return
    assert any(alasan in p for p in ditolak), ditolak
    assert "Ini hanya saran" not in html
    # Saving is refused, for the reason the advice gave, and nothing is written.
    assert simpan.status_code == 200 and IndikatorKinerja.objects.count() == sebelum
    halaman = simpan.content.decode()
    assert alasan in halaman
    # The page that comes back says it in the same place as the live check.
    assert any(alasan in p for p in _ditolak(halaman))


def test_saran_saja_tetap_dapat_disimpan(client, pemeran, skp_pegawai):
    html = _periksa(masuk(client, pemeran.pegawai), skp_pegawai, {
        "aspek": "kuantitas", "uraian": "Melaksanakan tugas dengan baik", "target_min": "12",
        "satuan": "kegiatan",
    })  # fmt: skip
    assert "Belum dapat disimpan" not in html
    assert "Ini hanya saran: indikator tetap dapat disimpan." in html
    assert 'id="temuan-indikator-baru-1"' in html


def test_form_indikator_memeriksa_lewat_skp_nya(client, pemeran, skp_pegawai):
    rhk = skp_pegawai.rhk.get()
    masuk(client, pemeran.pegawai)
    r = client.get(reverse("skp:indikator_tambah", args=[skp_pegawai.pk, rhk.pk]))
    assert f'hx-post="{reverse("skp:indikator_periksa", args=[skp_pegawai.pk])}"' in (
        r.content.decode()
    )


def test_tangga_izin_periksa(client, pemeran, skp_pegawai):
    alamat = reverse("skp:indikator_periksa", args=[skp_pegawai.pk])
    data = {"uraian": URAIAN}
    r = client.post(alamat, data)
    assert r.status_code == 302 and "/masuk/" in r.url
    assert masuk(client, pemeran.orang_luar).post(alamat, data).status_code == 404
    assert masuk(client, pemeran.atasan).post(alamat, data).status_code == 403
    assert masuk(client, pemeran.pegawai).get(alamat).status_code == 405
    assert client.post(alamat, data).status_code == 200
