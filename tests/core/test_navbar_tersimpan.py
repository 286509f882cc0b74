"""The navbar is kept rendered between requests (core/templatetags/navbar.py). It must show
each person their own name, roles and counts, change with the first request after any change
to them, and carry the viewer's own CSRF token in its sign-out form.

(The Kotak Masuk count in it is followed through submit, return, approve, a new penilai, a
Plt and a mutasi in tests/skp/test_kotak_masuk_tersimpan.py, which reads the navbar's HTML.)"""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisasi.models import AdminInstansi, PenugasanSementara
from organisasi.services import jadikan_admin_instansi
from skp.models import Notifikasi
from tests.factories import JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db


def navbar(client) -> str:
    isi = client.get(reverse("beranda")).content.decode()
    return isi[isi.index('<nav class="navbar') : isi.index("</nav>")]


def masuk(pegawai) -> Client:
    klien = Client()
    klien.force_login(pegawai.user)
    return klien


def jumlah_notifikasi(html: str) -> int:
    angka = re.search(r'id="nav-notifikasi">Notifikasi <span class="badge[^>]*>(\d+)<', html)
    return int(angka.group(1)) if angka else 0


def test_tiap_orang_navbar_sendiri(pemeran):
    """The same page at the same moment: each sees their own name and menus, never the one
    rendered for the person before them."""
    atasan, pegawai, admin = masuk(pemeran.atasan), masuk(pemeran.pegawai), masuk(pemeran.admin)
    for _ in range(2):  # the second round is served kept
        milik_atasan, milik_pegawai, milik_admin = navbar(atasan), navbar(pegawai), navbar(admin)
        assert "Rina Kasi" in milik_atasan and "Rudi Pelaksana" not in milik_atasan
        assert "SKP Bawahan" in milik_atasan and "Kelola" not in milik_atasan
        assert "Rudi Pelaksana" in milik_pegawai and "SKP Bawahan" not in milik_pegawai
        assert "Teguh Admin" in milik_admin and "Kelola" in milik_admin


def test_token_csrf_formulir_keluar_milik_penonton(pemeran):
    """The kept HTML holds a stand-in; each viewer's sign-out form carries their own token,
    which the CSRF check accepts."""
    for orang in (pemeran.pegawai, pemeran.atasan):
        klien = Client(enforce_csrf_checks=True)
        klien.force_login(orang.user)
        for _ in range(2):
            html = navbar(klien)
            assert "token-csrf" not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert klien.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302
        assert "_auth_user_id" not in klien.session


def test_nama_berubah_tampil_segera(pemeran):
    klien = masuk(pemeran.pegawai)
    assert "Rudi Pelaksana" in navbar(klien)
    pemeran.pegawai.gelar_depan = "Dr."
    pemeran.pegawai.save()
    assert "Dr. Rudi Pelaksana" in navbar(klien)


def test_notifikasi_baru_dan_dibaca(pemeran):
    klien = masuk(pemeran.pegawai)
    Notifikasi.objects.filter(penerima=pemeran.pegawai.user).delete()
    assert jumlah_notifikasi(navbar(klien)) == 0
    Notifikasi.objects.create(penerima=pemeran.pegawai.user, judul="SKP dikembalikan", isi="-")
    assert jumlah_notifikasi(navbar(klien)) == 1
    # Marked read on the Notifikasi page itself: that very page already shows none.
    klien.post(reverse("skp:notifikasi"))
    assert jumlah_notifikasi(klien.get(reverse("skp:notifikasi")).content.decode()) == 0
    assert jumlah_notifikasi(navbar(klien)) == 0


def test_admin_diangkat_dan_dicabut(pemeran):
    klien = masuk(pemeran.pegawai)
    assert "Kelola" not in navbar(klien)
    jadikan_admin_instansi(user=pemeran.pegawai.user, instansi=pemeran.instansi)
    assert "Kelola" in navbar(klien)
    AdminInstansi.objects.filter(user=pemeran.pegawai.user).delete()
    assert "Kelola" not in navbar(klien)


def test_superuser_tanpa_tulis_lain(pemeran):
    """The superuser flag is part of the key (the login row itself bumps no version)."""
    klien = masuk(pemeran.pegawai)
    assert "Kelola" not in navbar(klien)
    user = pemeran.pegawai.user
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    assert "Kelola" in navbar(klien)


def test_plt_menjadikan_atasan_hari_itu(pemeran):
    """A Plt of a position with bawahan shows SKP Bawahan from its first day, and no longer
    once it has ended."""
    pelaksana = PegawaiFactory(
        nama="Sari Staf", jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja)
    )
    klien = masuk(pelaksana)
    assert "SKP Bawahan" not in navbar(klien)
    hari_ini = timezone.localdate()
    plt = PenugasanSementara.objects.create(
        pegawai=pelaksana,
        jabatan=pemeran.atasan.jabatan,
        mulai=hari_ini,
        selesai=hari_ini + timedelta(days=30),
    )
    assert "SKP Bawahan" in navbar(klien)
    plt.selesai = hari_ini - timedelta(days=1)
    plt.mulai = hari_ini - timedelta(days=5)
    plt.save()
    assert "SKP Bawahan" not in navbar(klien)


def test_jumlah_notifikasi_disimpan_per_orang(pemeran, django_capture_on_commit_callbacks):
    """The unread count is kept per person (core/peran.py): a second page asks the database
    nothing about notifications. The news a workflow sends (bulk_create after commit, no
    signal) shows on the next page; marking read via the service clears it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from skp.services.notifikasi import kabari_tautan, tandai_dibaca_tautan

    klien = masuk(pemeran.pegawai)
    Notifikasi.objects.filter(penerima=pemeran.pegawai.user).delete()
    navbar(klien)
    with CaptureQueriesContext(connection) as kueri:
        assert jumlah_notifikasi(navbar(klien)) == 0
    assert not [q for q in kueri.captured_queries if "skp_notifikasi" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        kabari_tautan(
            penerima=[pemeran.pegawai.user, pemeran.atasan.user],
            tautan="/penilaian/saya/",
            judul="Jendela realisasi dibuka",
            isi="-",
        )
    assert jumlah_notifikasi(navbar(klien)) == 1
    assert tandai_dibaca_tautan(user=pemeran.pegawai.user, tautan="/penilaian/saya/") == 1
    assert jumlah_notifikasi(navbar(klien)) == 0
    # The other recipient's count was their own, and is still there.
    assert jumlah_notifikasi(navbar(masuk(pemeran.atasan))) >= 1


def test_teks_pengguna_serupa_pengganti_token_tidak_diganti(pemeran):
    """A name typed as the CSRF stand-in stays text: the stand-in is kept raw ("<" unescaped),
    which no escaped user text can ever be, so the viewer's token never lands in it (where a
    link could carry it off the site)."""
    pemeran.pegawai.gelar_belakang = "<token-csrf>"
    pemeran.pegawai.save()
    klien = Client()
    klien.force_login(pemeran.pegawai.user)
    for _ in range(2):  # worked out, then kept
        html = navbar(klien)
        assert "Rudi Pelaksana, &lt;token-csrf&gt;" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "<token-csrf>" not in html and html.count(token) == 1


def test_plt_berakhir_tengah_malam_tanpa_tulis(pemeran, monkeypatch):
    """A Plt ending today: tomorrow's navbar no longer offers SKP Bawahan, with no write at
    midnight (the day is part of the key)."""
    pelaksana = PegawaiFactory(
        nama="Sari Staf", jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja)
    )
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        pegawai=pelaksana, jabatan=pemeran.atasan.jabatan, mulai=hari_ini, selesai=hari_ini
    )
    klien = masuk(pelaksana)
    for _ in range(2):
        assert "SKP Bawahan" in navbar(klien)
    besok = hari_ini + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: besok)
    assert "SKP Bawahan" not in navbar(klien)


def test_daftar_notifikasi_disimpan_per_orang(pemeran, django_capture_on_commit_callbacks):
    """The Notifikasi page's list is kept per person too: the second visit asks the database
    nothing about notifications, news sent through the workflow and marking one read show at
    the next visit, each person sees only their own, and its forms carry the viewer's token."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from skp.services.notifikasi import kabari_tautan

    def daftar(klien) -> str:
        isi = klien.get(reverse("skp:notifikasi")).content.decode()
        return isi[isi.index("<main") :]

    pegawai, atasan = masuk(pemeran.pegawai), masuk(pemeran.atasan)
    Notifikasi.objects.filter(penerima__in=[pemeran.pegawai.user, pemeran.atasan.user]).delete()
    Notifikasi.objects.create(penerima=pemeran.atasan.user, judul="Milik atasan", isi="-")
    assert "Belum ada notifikasi." in daftar(pegawai)
    with CaptureQueriesContext(connection) as kueri:
        assert "Belum ada notifikasi." in daftar(pegawai)
    assert not [q for q in kueri.captured_queries if "skp_notifikasi" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        kabari_tautan(penerima=[pemeran.pegawai.user], tautan="/penilaian/saya/",
                      judul="Jendela realisasi dibuka", isi="Isi realisasi Anda")  # fmt: skip
    html = daftar(pegawai)
    assert "Jendela realisasi dibuka" in html and "Belum dibaca: " in html
    assert "Milik atasan" not in html and "token-csrf" not in html
    assert "Milik atasan" in daftar(atasan) and "Jendela realisasi" not in daftar(atasan)
    baru = Notifikasi.objects.get(penerima=pemeran.pegawai.user)
    klien = Client(enforce_csrf_checks=True)
    klien.force_login(pemeran.pegawai.user)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', daftar(klien)).group(1)
    jawaban = klien.post(reverse("skp:notifikasi"),
                         {"notifikasi": baru.pk, "csrfmiddlewaretoken": token})  # fmt: skip
    assert jawaban.status_code == 302
    html = daftar(pegawai)
    assert "Jendela realisasi dibuka" in html and "Belum dibaca: " not in html
