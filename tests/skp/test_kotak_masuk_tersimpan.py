"""The inbox every navbar counts is kept between requests (core/peran.py, core/versi.py). It
must never outlive a change to the data it came from (submit, return, approve, reassign the
penilai, a Plt, the end of a Plt, a mutasi, a new bawahan), nor answer for another person."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from organisasi.models import PenugasanSementara
from skp import services
from tests.factories import JabatanFactory, PegawaiFactory
from tests.skp.conftest import belum_mengajukan_di, menunggu_di, tambah_kkw

pytestmark = pytest.mark.django_db


def lencana(client, pegawai) -> int:
    """The inbox count in `pegawai`'s navbar, as a fresh GET of the home page shows it: the
    navbar itself is kept rendered (core/templatetags/navbar.py), so its HTML must agree with
    the count worked out for the request."""
    client.force_login(pegawai.user)
    r = client.get(reverse("beranda"))
    assert r.status_code == 200
    jumlah = r.context["peran"].jumlah_kotak_masuk
    tertulis = re.search(
        r'id="nav-kotak-masuk">Kotak Masuk <span class="badge[^>]*>(\d+)<', r.content.decode()
    )
    assert (int(tertulis.group(1)) if tertulis else 0) == jumlah
    return jumlah


@pytest.fixture
def skp_siap(pemeran, skp_pegawai):
    return skp_pegawai


def test_lencana_mengikuti_ajukan_kembalikan_ajukan_setujui(client, pemeran, skp_siap):
    atasan = pemeran.atasan
    assert lencana(client, atasan) == 0  # kept: nothing waits
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    assert lencana(client, atasan) == 1
    services.kembalikan(user=atasan.user, skp=skp_siap, catatan="Lengkapi target.")
    assert lencana(client, atasan) == 0
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    assert lencana(client, atasan) == 1
    client.force_login(atasan.user)
    r = client.get(reverse("skp:kotak_masuk"))
    assert menunggu_di(r.content.decode()) == [skp_siap.pk]
    services.setujui(user=atasan.user, skp=skp_siap)
    assert lencana(client, atasan) == 0
    r = client.get(reverse("skp:kotak_masuk"))
    assert menunggu_di(r.content.decode()) == []


def test_lencana_tiap_orang_miliknya_sendiri(client, pemeran, skp_siap):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    assert lencana(client, pemeran.atasan) == 1
    # Same page, same moment, other people: their own answer, not the atasan's.
    for orang in (pemeran.rekan_atasan, pemeran.pegawai, pemeran.atasan_atasan, pemeran.admin):
        assert lencana(client, orang) == 0
    assert lencana(client, pemeran.atasan) == 1


def test_lencana_pindah_saat_admin_mengalihkan_penilai(client, pemeran, skp_siap):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    assert (lencana(client, pemeran.atasan), lencana(client, pemeran.rekan_atasan)) == (1, 0)
    services.alihkan_penilai(
        user=pemeran.admin.user, skp=skp_siap, penilai=pemeran.rekan_atasan, catatan="Cuti."
    )
    assert (lencana(client, pemeran.atasan), lencana(client, pemeran.rekan_atasan)) == (0, 1)


def test_lencana_pindah_ke_plt_saat_jabatan_atasan_lowong(client, pemeran, skp_siap):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    assert (lencana(client, pemeran.atasan), lencana(client, pemeran.rekan_atasan)) == (1, 0)
    # The atasan leaves the position and a colleague is appointed Plt of it.
    jabatan = pemeran.atasan.jabatan
    pemeran.atasan.jabatan = JabatanFactory(unit_kerja=jabatan.unit_kerja, atasan=None)
    pemeran.atasan.save()
    hari_ini = timezone.localdate()
    PenugasanSementara.objects.create(
        jabatan=jabatan, pegawai=pemeran.rekan_atasan, mulai=hari_ini - timedelta(days=1),
        selesai=hari_ini + timedelta(days=30),
    )  # fmt: skip
    assert (lencana(client, pemeran.atasan), lencana(client, pemeran.rekan_atasan)) == (0, 1)
    # The Plt ends (deleted by the admin): back to whoever the rules name, here the Kabid.
    PenugasanSementara.objects.filter(pegawai=pemeran.rekan_atasan).delete()
    assert lencana(client, pemeran.rekan_atasan) == 0


def test_lencana_berganti_hari_saat_plt_berakhir(client, pemeran, skp_siap, time_machine):
    """A Plt ends with the date, not with a write: the answer of 23:40 is not the one of 00:10
    (well within the hour a kept answer lives)."""
    malam = timezone.make_aware(datetime.combine(timezone.localdate(), time(23, 40)))
    time_machine.move_to(malam, tick=False)
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    jabatan = pemeran.atasan.jabatan
    pemeran.atasan.jabatan = JabatanFactory(unit_kerja=jabatan.unit_kerja, atasan=None)
    pemeran.atasan.save()
    PenugasanSementara.objects.create(
        jabatan=jabatan, pegawai=pemeran.rekan_atasan,
        mulai=malam.date() - timedelta(days=10), selesai=malam.date(),
    )  # fmt: skip
    assert lencana(client, pemeran.rekan_atasan) == 1
    # The Kabid above the vacant position: nothing tonight, while the Plt decides.
    assert lencana(client, pemeran.atasan_atasan) == 0
    time_machine.move_to(malam + timedelta(minutes=30), tick=False)
    assert lencana(client, pemeran.rekan_atasan) == 0
    # After midnight the position has nobody: the SKP goes up to the Kabid, whose own
    # positions are the same as before midnight (only the date tells the answers apart).
    assert lencana(client, pemeran.atasan_atasan) == 1


def test_lencana_mengikuti_mutasi_bawahan(client, pemeran, skp_siap):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    assert lencana(client, pemeran.atasan) == 1
    baru = JabatanFactory(unit_kerja=pemeran.rekan_atasan.jabatan.unit_kerja,
                          atasan=pemeran.rekan_atasan.jabatan)  # fmt: skip
    pemeran.pegawai.jabatan = baru
    pemeran.pegawai.save()
    assert lencana(client, pemeran.atasan) == 0
    assert lencana(client, pemeran.rekan_atasan) == 1


def test_bawahan_baru_dari_pabrik_ikut_terhitung(client, pemeran, skp_siap, skp_atasan):
    """Every save of a pegawai, position or Plt bumps the version (signals), whoever saves."""
    assert lencana(client, pemeran.atasan) == 0
    baru = PegawaiFactory(
        nama="Rudi Baru",
        jabatan=JabatanFactory(unit_kerja=pemeran.atasan.jabatan.unit_kerja,
                               atasan=pemeran.atasan.jabatan),
    )  # fmt: skip
    skp = services.skp_buat(user=baru.user, tahun=skp_siap.tahun)
    rhk = services.rhk_tambah(
        user=baru.user, skp=skp, jenis="utama", uraian="Rekap data desa",
        rhk_atasan=skp_atasan.rhk1,
    )  # fmt: skip
    tambah_kkw(baru.user, rhk)
    services.ajukan(user=baru.user, skp=skp)
    assert lencana(client, pemeran.atasan) == 1


def test_lencana_tersimpan_tanpa_mencari_bawahan_lagi(
    client, pemeran, skp_siap, django_assert_max_num_queries
):
    """The second request reads the kept answer: no routing query at all, the same SKP."""
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    client.force_login(pemeran.atasan.user)
    pertama = client.get(reverse("skp:kotak_masuk"))
    with django_assert_max_num_queries(30) as kueri:
        kedua = client.get(reverse("skp:kotak_masuk"))
    assert menunggu_di(kedua.content.decode()) == [skp_siap.pk]
    assert menunggu_di(pertama.content.decode()) == [skp_siap.pk]
    assert not [q for q in kueri.captured_queries if " UNION " in q["sql"]]


def test_daftar_belum_mengajukan_disimpan_dan_mengikuti_pengajuan(client, pemeran, skp_siap):
    """The "Belum mengajukan" list below the inbox is kept too: a submission takes the bawahan
    off it, a new bawahan comes onto it, each at the next request; each atasan their own."""

    def belum(pegawai) -> list[str]:
        client.force_login(pegawai.user)
        r = client.get(reverse("skp:kotak_masuk"))
        return belum_mengajukan_di(r.content.decode())

    assert belum(pemeran.atasan) == [pemeran.pegawai.nama]
    assert belum(pemeran.rekan_atasan) == [pemeran.orang_luar.nama]  # not the atasan's list
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    assert belum(pemeran.atasan) == []
    baru = PegawaiFactory(
        nama="Sari Baru",
        jabatan=JabatanFactory(
            unit_kerja=pemeran.pegawai.jabatan.unit_kerja, atasan=pemeran.atasan.jabatan
        ),
    )
    assert belum(pemeran.atasan) == [baru.nama]
    assert belum(pemeran.rekan_atasan) == [pemeran.orang_luar.nama]


def test_daftar_belum_mengajukan_dihitung_sekali(client, pemeran, skp_siap, monkeypatch):
    from skp import selectors

    dihitung = []
    asli = selectors.belum_mengajukan
    monkeypatch.setattr(selectors, "belum_mengajukan", lambda *a: dihitung.append(a) or asli(*a))
    client.force_login(pemeran.atasan.user)
    for _ in range(3):
        client.get(reverse("skp:kotak_masuk"))
    assert len(dihitung) == 1


def test_hari_menunggu_bertambah_esok_hari(client, pemeran, skp_siap, monkeypatch):
    """The page is kept for the day: tomorrow the same SKP has waited one day, with no write."""
    services.ajukan(user=pemeran.pegawai.user, skp=skp_siap)
    client.force_login(pemeran.atasan.user)
    for _ in range(2):
        assert "menunggu sejak hari ini" in client.get(reverse("skp:kotak_masuk")).content.decode()
    besok = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: besok)
    isi = client.get(reverse("skp:kotak_masuk")).content.decode()
    assert "menunggu 1 hari" in isi and menunggu_di(isi) == [skp_siap.pk]
