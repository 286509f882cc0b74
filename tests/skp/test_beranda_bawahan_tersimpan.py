"""The home page's next SKP step and the SKP Bawahan page are kept between requests until what
they show changes (core/versi.py, issue 17): each step of the SKP's life is on the next request,
and each person gets their own."""

import pytest
from django.urls import reverse

from skp import langkah, selectors, services
from tests.skp.test_views import kasus, masuk  # noqa: F401 (kasus is a fixture)

BERANDA = reverse("beranda")
BAWAHAN = reverse("skp:bawahan")


@pytest.fixture
def dihitung(monkeypatch) -> list[str]:
    """Each answer worked out (not taken from what was kept), by name."""
    catatan: list[str] = []
    asli_langkah, asli_bawahan = langkah.langkah_skp, selectors.skp_bawahan

    def hitung_langkah(*args):
        catatan.append("langkah")
        return asli_langkah(*args)

    def hitung_bawahan(*args, **kwargs):
        catatan.append("bawahan")
        return asli_bawahan(*args, **kwargs)

    monkeypatch.setattr(langkah, "langkah_skp", hitung_langkah)
    monkeypatch.setattr(selectors, "skp_bawahan", hitung_bawahan)
    return catatan


def test_langkah_beranda_mengikuti_skp(client, pemeran, kasus, tahun, dihitung):  # noqa: F811
    c = masuk(client, pemeran.pegawai)
    assert f"Periksa lalu ajukan SKP {tahun}" in c.get(BERANDA).content.decode()
    c.get(BERANDA)
    assert dihitung == ["langkah"]  # the second visit is kept

    # an indicator removed from the draft: the checklist says what is missing
    user = pemeran.pegawai.user
    services.indikator_hapus(user=user, indikator=kasus.indikator)
    assert "perlu dilengkapi" in c.get(BERANDA).content.decode()
    services.indikator_tambah(
        user=user, rhk=kasus.rhk, aspek="kuantitas", uraian="Jumlah rekap data imunisasi",
        target_min=12, satuan="laporan",
    )  # fmt: skip
    assert f"Periksa lalu ajukan SKP {tahun}" in c.get(BERANDA).content.decode()

    skp = services.ajukan(user=user, skp=kasus.skp)
    html = c.get(BERANDA).content.decode()
    assert "menunggu keputusan" in html and pemeran.atasan.nama_lengkap in html

    services.kembalikan(
        user=pemeran.atasan.user, skp=skp, catatan="Target kurang jelas",
        komentar_rhk={kasus.rhk.pk: "Sebutkan desa yang direkap"},
    )  # fmt: skip
    html = c.get(BERANDA).content.decode()
    assert "Target kurang jelas" in html and "1 dari 1 belum ditandai" in html

    skp = services.ajukan(user=user, skp=skp)
    services.setujui(user=pemeran.atasan.user, skp=skp)
    assert "Isi realisasi di Penilaian Saya" in c.get(BERANDA).content.decode()


def test_langkah_beranda_milik_masing_masing(client, pemeran, kasus, tahun, dihitung):  # noqa: F811
    for _ in range(2):
        milik = masuk(client, pemeran.pegawai).get(BERANDA).content.decode()
        luar = masuk(client, pemeran.orang_luar).get(BERANDA).content.decode()
    assert f"Periksa lalu ajukan SKP {tahun}" in milik and f"Susun SKP {tahun}" not in milik
    assert f"Susun SKP {tahun}" in luar and "Periksa lalu ajukan" not in luar
    assert dihitung == ["langkah"] * 2


def test_skp_bawahan_mengikuti_pengajuan_dan_penglihat(client, pemeran, kasus, dihitung):  # noqa: F811
    def baris(html: str, pegawai) -> str:
        return html[html.index(pegawai.nama_lengkap) :].split("</tr>")[0]

    c = masuk(client, pemeran.atasan)
    sebelum = baris(c.get(BAWAHAN).content.decode(), pemeran.pegawai)
    sekali = len(dihitung)  # the page's list, and the MPH's
    assert sekali > 0
    c.get(BAWAHAN)
    assert len(dihitung) == sekali  # kept
    assert "Draf" in sebelum
    services.ajukan(user=pemeran.pegawai.user, skp=kasus.skp)
    assert "Diajukan" in baris(c.get(BAWAHAN).content.decode(), pemeran.pegawai)
    # the atasan's atasan sees their own direct bawahan (the atasan), not the atasan's page
    lain = masuk(client, pemeran.atasan_atasan).get(BAWAHAN).content.decode()
    assert pemeran.atasan.nama_lengkap in lain and pemeran.pegawai.nama_lengkap not in lain


def test_skp_bawahan_mengikuti_isi_skp_dan_tahun(client, pemeran, kasus, tahun, dihitung):  # noqa: F811
    """The list is kept rendered: an RHK added to a bawahan's draft shows in its RHK count at
    the next request, the year chooser stays the page's own, and the htmx list is the part."""

    def jumlah_rhk(html: str) -> str:
        sel = html[html.index(pemeran.pegawai.nama_lengkap) :].split("</tr>")[0]
        return sel.split("<td>")[-2].split("</td>")[0]

    c = masuk(client, pemeran.atasan)
    assert jumlah_rhk(c.get(BAWAHAN).content.decode()) == "1"
    services.rhk_tambah(
        user=pemeran.pegawai.user, skp=kasus.skp, jenis="tambahan", uraian="Pendampingan kader"
    )
    html = c.get(BAWAHAN).content.decode()
    assert jumlah_rhk(html) == "2"
    assert f'<option value="{tahun}" selected>' in html
    htmx = c.get(BAWAHAN, HTTP_HX_REQUEST="true").content.decode()
    assert htmx.lstrip().startswith('<div id="daftar-bawahan">') and "<select" not in htmx
    # Back to a page htmx pushed (hx-push-url) whose snapshot it no longer has: the whole page.
    kembali = c.get(BAWAHAN, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    isi = kembali.content.decode()
    assert "<html" in isi and 'id="daftar-bawahan"' in isi and "<select" in isi
