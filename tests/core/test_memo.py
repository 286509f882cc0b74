"""core/memo.py: an organisation lookup repeated within one GET is read once; nothing is kept
from one request to the next, and requests that write get no memo at all."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.memo import MemoPermintaanMiddleware
from organisasi.models import PenugasanSementara
from organisasi.selectors import adalah_atasan, jabatan_dipegang, pemegang_per_jabatan

# The memo of one request alone: answers kept between requests (core/versi.py) are tested in
# tests/core/test_versi.py.
pytestmark = pytest.mark.usefixtures("jawaban_selalu_dihitung")


def _jalankan(method: str, isi):
    """Runs `isi` inside the middleware as the view of a `method` request."""
    hasil = {}

    def view(request):
        with CaptureQueriesContext(connection) as q:
            hasil["nilai"] = isi()
        hasil["query"] = len(q)
        return HttpResponse()

    permintaan = getattr(RequestFactory(), method.lower())("/")
    MemoPermintaanMiddleware(view)(permintaan)
    return hasil


def test_get_membaca_pemegang_jabatan_sekali(pemeran):
    jabatan = [pemeran.atasan.jabatan_id]
    tiga_kali = _jalankan("GET", lambda: [pemegang_per_jabatan(jabatan) for _ in range(3)])
    assert tiga_kali["query"] == 2  # one lookup's two queries, not six
    assert all(d[jabatan[0]] == pemeran.atasan for d in tiga_kali["nilai"])


def test_post_tanpa_memo(pemeran):
    jabatan = [pemeran.atasan.jabatan_id]
    dua_kali = _jalankan("POST", lambda: [pemegang_per_jabatan(jabatan) for _ in range(2)])
    assert dua_kali["query"] == 4


def test_di_luar_permintaan_tanpa_memo(pemeran, django_assert_num_queries):
    with django_assert_num_queries(2):
        jabatan_dipegang(pemeran.pegawai)
        jabatan_dipegang(pemeran.pegawai)


def test_hasil_disalin_untuk_tiap_pemanggil(pemeran):
    def isi():
        pertama = pemegang_per_jabatan([pemeran.atasan.jabatan_id])
        pertama.clear()  # a caller changing its answer...
        return pemegang_per_jabatan([pemeran.atasan.jabatan_id])  # ...does not change the next

    assert _jalankan("GET", isi)["nilai"] == {pemeran.atasan.jabatan_id: pemeran.atasan}


def test_argumen_berbeda_dijawab_sendiri_sendiri(pemeran):
    def isi():
        return (
            adalah_atasan(pemeran.atasan),
            adalah_atasan(pemeran.pegawai),
            jabatan_dipegang(pemeran.atasan),
            jabatan_dipegang(pemeran.pegawai),
        )

    assert _jalankan("GET", isi)["nilai"] == (
        True,
        False,
        [pemeran.atasan.jabatan_id],
        [pemeran.pegawai.jabatan_id],
    )


def test_iterator_tidak_dihabiskan_oleh_kunci(pemeran):
    nilai = _jalankan("GET", lambda: pemegang_per_jabatan(iter([pemeran.atasan.jabatan_id])))
    assert nilai["nilai"] == {pemeran.atasan.jabatan_id: pemeran.atasan}


def test_permintaan_berikutnya_melihat_plt_baru(client, pemeran):
    """The memo ends with its request: a Plt recorded between two page views is the penilai on
    the second (the other Kasi, made Plt of the pegawai's atasan, sees the pegawai among their bawahan)."""
    client.force_login(pemeran.rekan_atasan.user)
    assert pemeran.pegawai.nama not in client.get(reverse("beranda")).content.decode()
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=pemeran.atasan.jabatan,
        pegawai=pemeran.rekan_atasan,
        jenis="plt",
        mulai=hari_ini,
        selesai=hari_ini + timedelta(days=30),
    )
    assert pemeran.pegawai.nama in client.get(reverse("beranda")).content.decode()
