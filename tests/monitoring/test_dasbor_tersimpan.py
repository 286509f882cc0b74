"""The dashboards keep their rendered part between requests (core/bagian.py, issue 17): kept
while nothing they show changes, the next request after a change shows it, each person and
instansi gets their own, and a part kept one day is not shown the next."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from monitoring import dasbor
from penilaian.models import CapaianUnit
from penilaian.periode import periode_tahun
from penilaian.services.alur import pastikan_penilaian
from tests.monitoring.conftest import HTMX, pada, tulis
from tests.monitoring.test_dasbor import (
    DASBOR,
    JUNI,
    TIM,
    _url,
    dialog,
    dinilai,
    jurnal_langsung,
    masuk,
)
from tests.penilaian.bawahan import tambah_bawahan
from tests.penilaian.conftest import WIB


@pytest.fixture
def dihitung(monkeypatch, pemeran, jurnal) -> list[str]:
    """The name of each dashboard worked out (not taken from what was kept), in order.

    The periods of a year are made the first time anyone needs them, and making them is a
    write: a page worked out while they were made is not kept. They are made here first."""
    with pada(JUNI):
        for instansi in (pemeran.instansi, pemeran.admin_lain.instansi):
            periode_tahun(instansi, 2025), periode_tahun(instansi, 2026)
    catatan: list[str] = []
    for nama in ("dasbor_pegawai", "dasbor_tim", "pohon_unit", "kurva_instansi"):
        asli = getattr(dasbor, nama)

        def hitung(*args, _asli=asli, _nama=nama):
            catatan.append(_nama)
            return _asli(*args)

        monkeypatch.setattr(dasbor, nama, hitung)
    return catatan


def test_dasbor_kinerja_disimpan_sampai_jurnal_ditulis(client, pemeran, jurnal, dihitung):
    c = masuk(client, pemeran.pegawai)
    sebelum = c.get(DASBOR).content.decode()
    assert c.get(DASBOR, **HTMX).content.decode() in sebelum  # the same part, kept
    assert dihitung == ["dasbor_pegawai"]
    assert 'aria-valuenow="76"' not in sebelum
    tulis(pemeran.pegawai, jurnal.rhk1, hasil=Decimal(40))  # 40 of rhk1's 52 laporan
    sesudah = c.get(DASBOR).content.decode()
    assert dihitung == ["dasbor_pegawai"] * 2
    assert 'aria-valuenow="76"' in sesudah


def test_dasbor_kinerja_milik_masing_masing(client, pemeran, jurnal, dihitung):
    saya = masuk(client, pemeran.pegawai).get(DASBOR).content.decode()
    assert f'id="rhk-{jurnal.rhk1.pk}"' in saya
    lain = masuk(client, pemeran.pegawai_lain).get(DASBOR).content.decode()
    assert f'id="rhk-{jurnal.rhk1.pk}"' not in lain
    assert pemeran.pegawai_lain.nama_lengkap in lain and pemeran.pegawai.nama_lengkap not in lain
    assert dihitung == ["dasbor_pegawai"] * 2


def test_dasbor_tim_mengikuti_dialog_bawahan_baru_dan_hari(client, pemeran, jurnal, dihitung):
    baris = f'id="tim-{pemeran.pegawai.pk}"'
    # Late on 21 June, then just after midnight: within the hour a kept part lives, so only
    # the day in its key tells the two apart.
    with time_machine.travel(datetime(2026, 6, 21, 23, 40, tzinfo=WIB), tick=False):
        c = masuk(client, pemeran.atasan)  # signed in on the day: sessions expire
        jurnal_langsung(pemeran.pegawai, date(2026, 6, 20))
        html = c.get(TIM).content.decode()
        assert baris in html and "1 hari lalu" in html
        assert c.get(TIM).status_code == 200 and dihitung == ["dasbor_tim"]
        # a follow-up agreed in a dialogue: shown at the next request
        dialog(pemeran.pegawai, pemeran.atasan, date(2026, 6, 1), date(2026, 6, 30), "Rekap")
        assert "1 terbuka" in c.get(TIM).content.decode()
        # a new bawahan (positions and an approved SKP, written by factories)
        (baru,) = tambah_bawahan(pemeran, 1)
        assert f'id="tim-{baru.pk}"' in c.get(TIM).content.decode()
        assert dihitung == ["dasbor_tim"] * 3
    with time_machine.travel(datetime(2026, 6, 22, 0, 10, tzinfo=WIB), tick=False):
        html = c.get(TIM).content.decode()
    assert "2 hari lalu" in html and "1 hari lalu" not in html
    assert dihitung == ["dasbor_tim"] * 4


def test_dasbor_tim_dari_atasan_di_atasnya(client, pemeran, jurnal, dihitung):
    """The part kept from the atasan's own view is the one their atasan sees of that team; the
    page around it says whose team it is."""
    with pada(JUNI):
        sendiri = masuk(client, pemeran.atasan).get(TIM).content.decode()
        url = reverse("monitoring:tim_pegawai", args=[pemeran.atasan.pk])
        dari_atas = masuk(client, pemeran.atasan_atasan).get(url).content.decode()
        # someone outside the chain is still refused, whatever is kept
        assert masuk(client, pemeran.rekan_atasan).get(url).status_code == 404
    assert dihitung == ["dasbor_tim"]
    assert f"Dasbor Tim {pemeran.atasan.nama_lengkap}</h1>" in dari_atas
    assert "Bawahan langsung Anda" in sendiri and "Bawahan langsung Anda" not in dari_atas
    assert f'id="tim-{pemeran.pegawai.pk}"' in dari_atas


def test_pengisian_dan_kurva_mengikuti_penilaian_dan_capaian(client, pemeran, jurnal, dihitung):
    bawahan = tambah_bawahan(pemeran, 4)
    tw1 = periode_tahun(pemeran.instansi, 2026)[0]
    seksi = pemeran.atasan.jabatan.unit_kerja
    pengisian = _url("pengisian", pemeran) + f"?periode={tw1.pk}&unit={seksi.pk}"
    kurva = _url("kurva", pemeran) + f"?periode={tw1.pk}"
    c = masuk(client, pemeran.admin)
    assert f'id="pegawai-{bawahan[0].pk}"' in c.get(pengisian).content.decode()
    assert 'id="kurva-kosong"' in c.get(kurva).content.decode()
    c.get(pengisian), c.get(kurva)
    assert sorted(dihitung) == ["kurva_instansi", "pohon_unit"]
    # the admin of another instansi gets nothing of it, kept or not
    assert masuk(client, pemeran.admin_lain).get(pengisian).status_code == 404
    assert masuk(client, pemeran.admin_lain).get(kurva).status_code == 404

    c = masuk(client, pemeran.admin)
    with pada(date(2026, 3, 30)):
        for p in bawahan:
            dinilai(pastikan_penilaian(pegawai=p, periode=tw1), "baik")
    assert "Baik" in c.get(pengisian).content.decode()
    CapaianUnit.objects.create(
        unit_kerja=seksi, periode=tw1, capaian="baik", oleh=pemeran.admin.user,
        oleh_nama=pemeran.admin.nama_lengkap,
    )  # fmt: skip
    html = c.get(kurva).content.decode()
    assert 'id="kurva-kosong"' not in html and f'id="kurva-{seksi.pk}"' in html


def test_pengisian_per_unit_dan_periode(client, pemeran, jurnal, dihitung):
    """Each unit and period is its own part: drilling down never shows the level above."""
    tw1, tw2 = periode_tahun(pemeran.instansi, 2026)[:2]
    seksi = pemeran.atasan.jabatan.unit_kerja
    dasar = _url("pengisian", pemeran)
    c = masuk(client, pemeran.admin)
    atas = c.get(f"{dasar}?periode={tw1.pk}").content.decode()
    bawah = c.get(f"{dasar}?periode={tw1.pk}&unit={seksi.pk}").content.decode()
    lain = c.get(f"{dasar}?periode={tw2.pk}&unit={seksi.pk}").content.decode()
    assert 'id="tabel-pegawai"' not in atas and 'id="tabel-pegawai"' in bawah
    assert "Triwulan I 2026" in bawah and "Triwulan II 2026" in lain
    assert dihitung == ["pohon_unit"] * 3
