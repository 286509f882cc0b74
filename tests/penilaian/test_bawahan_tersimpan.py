"""Penilaian Bawahan keeps its table of rows rendered between requests (core/bagian.py, issue
17): kept while nothing in it changes, shown afresh after a rating, an umpan balik or a new
bawahan, each penilai's own, and its forms carry the viewer's own CSRF token, so a rating sent
from a kept page is accepted."""

import re
from datetime import date

import pytest
from django.test import Client

from penilaian.views import bawahan as view
from tests.penilaian.bawahan import isi_penilaian, tambah_bawahan
from tests.penilaian.conftest import beri_umpan_balik_lengkap, pada
from tests.penilaian.test_views_bawahan import (
    HTMX,
    URL,
    A,
    S,
    baris,
    data_rating,
    masuk,
    segar,
    url_nilai,
)


@pytest.fixture
def siap(kasus, pemeran):
    """Rudi has sent his realisasi and his penilai has written the umpan balik: ready to rate."""
    kasus.penilaian = isi_penilaian(pemeran.pegawai, kasus.periode, pemeran.atasan)
    return kasus


@pytest.fixture
def dihitung(monkeypatch) -> list[int]:
    """The pegawai pk of each Penilaian Bawahan table worked out (not taken from what was kept)."""
    catatan: list[int] = []
    asli = view.halaman_bawahan

    def hitung(pegawai, periode):
        catatan.append(pegawai.pk)
        return asli(pegawai, periode)

    monkeypatch.setattr(view, "halaman_bawahan", hitung)
    return catatan


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _token(html: str) -> str:
    """The CSRF token of the row's form (each use of a token is masked afresh)."""
    return TOKEN.search(html).group(1)


def _tanpa_token(html: str) -> str:
    return TOKEN.sub("", html)


def test_tabel_disimpan_lalu_berubah_setelah_rating(client, siap, pemeran, dihitung):
    p = siap.penilaian
    c = masuk(client, pemeran.atasan)
    c.get(URL)  # a first visit that makes evaluations writes: what it worked out is not kept
    dihitung.clear()
    sebelum = c.get(URL).content.decode()
    assert _tanpa_token(c.get(URL, **HTMX).content.decode()) in _tanpa_token(sebelum)
    assert dihitung == []
    assert "Predikat: <strong>belum dinilai</strong>" in baris(sebelum, p)
    c.post(url_nilai(p), data_rating(segar(p), A, S), **HTMX)
    sesudah = c.get(URL).content.decode()
    assert "Predikat: <strong>Baik</strong>" in baris(sesudah, p)
    # once for the row the save sends back, once for the page after it
    assert dihitung == [pemeran.atasan.pk] * 2


def test_bawahan_baru_tampil_pada_permintaan_berikutnya(client, kasus, pemeran, dihitung):
    c = masuk(client, pemeran.atasan)
    c.get(URL), c.get(URL)
    (baru,) = tambah_bawahan(pemeran, 1)
    assert baru.nama_lengkap in c.get(URL).content.decode()


def test_tiap_penilai_tabelnya_sendiri(client, kasus, pemeran, dihitung):
    tambah_bawahan(pemeran, 2)
    for _ in range(2):
        rina = masuk(client, pemeran.atasan).get(URL).content.decode()
        lain = masuk(client, pemeran.rekan_atasan).get(URL).content.decode()
    assert "Bawahan 01" in rina and "Dina Pelaksana" not in rina
    assert "Dina Pelaksana" in lain and "Bawahan 01" not in lain


def test_token_csrf_milik_yang_melihat(pemeran, siap, dihitung):
    """Two penilai's sessions, each with CSRF checks on: a rating sent from a kept page carries
    the sender's token and is accepted; the stand-in never reaches a page."""
    p = siap.penilaian
    rina = Client(enforce_csrf_checks=True)
    rina.force_login(pemeran.atasan.user)
    rina.get(URL)  # makes the rows' evaluations
    pertama = rina.get(URL).content.decode()
    dihitung.clear()
    kedua = rina.get(URL).content.decode()  # kept
    assert dihitung == []
    assert "token-csrf" not in kedua
    data = data_rating(segar(p), A, S) | {"csrfmiddlewaretoken": _token(baris(kedua, p))}
    r = rina.post(url_nilai(p), data, **HTMX)
    assert r.status_code == 200 and "Tersimpan." in r.content.decode()
    assert segar(p).predikat == "baik"
    # a token from another session is refused, as on any page
    lain = Client(enforce_csrf_checks=True)
    lain.force_login(pemeran.atasan.user)
    data = data_rating(segar(p), S, S) | {"csrfmiddlewaretoken": _token(baris(pertama, p))}
    assert lain.post(url_nilai(p), data, **HTMX).status_code == 403


def test_bagian_terlambat_per_penglihat_dan_hari(client, siap, pemeran, dihitung):
    """The atasan of a late penilai sees the late rows; the penilai, looking at the same period,
    gets their own table; the day after the deadline is another table."""
    p = siap.penilaian
    beri_umpan_balik_lengkap(p, pemeran.atasan_atasan)
    periode = {"periode": p.periode_id}
    with pada(date(2026, 4, 14)):  # the deadline day: nothing late yet
        c = masuk(client, pemeran.atasan_atasan)
        assert "Penilai melewati batas waktu" not in c.get(URL, periode).content.decode()
    with pada(date(2026, 4, 16)):
        c = masuk(client, pemeran.atasan_atasan)
        html = c.get(URL, periode).content.decode()
        assert "Penilai melewati batas waktu" in html and "Simpan (final)" in baris(html, p)
        r = masuk(client, pemeran.atasan).get(URL, periode).content.decode()
        assert "Penilai melewati batas waktu" not in r and "Simpan (final)" not in r


def test_tautan_di_atas_tabel_mengikuti_peran(client, kasus, pemeran):
    """The links above the table are kept too: made admin of the instansi, the penilai finds
    the way to the capaian and penetapan pages at the next request."""
    from organisasi.services import jadikan_admin_instansi

    c = masuk(client, pemeran.atasan)
    c.get(URL)
    assert 'id="tautan-pimpinan"' not in c.get(URL).content.decode()
    jadikan_admin_instansi(user=pemeran.atasan.user, instansi=pemeran.instansi)
    assert 'id="tautan-pimpinan"' in c.get(URL).content.decode()
