"""Races on PostgreSQL (row locks are real there): a double submit makes one transition and one
history row; a simultaneous approve and return lets exactly one win. Skipped on SQLite."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from skp import services
from skp.models import RiwayatStatus, StatusSkp

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _hanya_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Uji konkurensi butuh PostgreSQL (SELECT ... FOR UPDATE); jalankan dengan DATABASE_URL=postgres://..."
        )


def serentak(*fungsi) -> list[object]:
    """Runs each function in its own thread (own DB connection), released together."""
    hasil: list[object] = [None] * len(fungsi)
    gerbang = threading.Barrier(len(fungsi))

    def jalan(i, f):
        try:
            gerbang.wait()
            hasil[i] = f()
        except Exception as e:  # noqa: BLE001 - the loser's error is the assertion
            hasil[i] = e
        finally:
            connection.close()

    utas = [threading.Thread(target=jalan, args=(i, f)) for i, f in enumerate(fungsi)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(30)
    return hasil


def test_ajukan_ganda_hanya_satu_transisi(pemeran, skp_pegawai):
    user = pemeran.pegawai.user
    hasil = serentak(
        lambda: services.ajukan(user=user, skp=skp_pegawai),
        lambda: services.ajukan(user=user, skp=skp_pegawai),
    )
    galat = [h for h in hasil if isinstance(h, Exception)]
    assert len(galat) == 1 and isinstance(galat[0], ValidationError)
    assert "SKP ini sudah diajukan." in galat[0].messages
    assert RiwayatStatus.objects.filter(skp=skp_pegawai, aksi="ajukan").count() == 1
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status == StatusSkp.DIAJUKAN


def test_setujui_dan_kembalikan_serentak_hanya_satu_menang(pemeran, skp_pegawai):
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    atasan = pemeran.atasan.user
    hasil = serentak(
        lambda: services.setujui(user=atasan, skp=skp_pegawai),
        lambda: services.kembalikan(user=atasan, skp=skp_pegawai, catatan="Perbaiki."),
    )
    galat = [h for h in hasil if isinstance(h, Exception)]
    assert len(galat) == 1 and isinstance(galat[0], ValidationError), hasil
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status in (StatusSkp.DISETUJUI, StatusSkp.DIKEMBALIKAN)
    pesan = " ".join(galat[0].messages)
    assert pesan in (
        "SKP ini sudah disetujui.",
        "SKP ini sudah dikembalikan kepada pegawai untuk diperbaiki.",
    )
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).exclude(aksi="ajukan").count() == 1


def test_tarik_dan_setujui_serentak_hanya_satu_menang(pemeran, skp_pegawai, monkeypatch):
    """The pegawai withdraws while the penilai approves: exactly one happens, and the other is
    told why (the SKP is approved, or back to Draf)."""
    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    services.ajukan(user=pemeran.pegawai.user, skp=skp_pegawai)
    hasil = serentak(
        lambda: services.setujui(user=pemeran.atasan.user, skp=skp_pegawai),
        lambda: services.tarik(user=pemeran.pegawai.user, skp=skp_pegawai),
    )
    galat = [h for h in hasil if isinstance(h, Exception)]
    assert len(galat) == 1 and isinstance(galat[0], ValidationError), hasil
    skp_pegawai.refresh_from_db()
    assert skp_pegawai.status in (StatusSkp.DISETUJUI, StatusSkp.DRAF)
    assert RiwayatStatus.objects.filter(skp=skp_pegawai).exclude(aksi="ajukan").count() == 1


@pytest.mark.parametrize("dulu", ["setujui", "simpan"])
def test_revisi_atasan_disetujui_saat_bawahan_menyimpan_tautan_lama(
    pemeran, skp_pegawai, skp_atasan, tahun, monkeypatch, dulu
):
    """The approval of the atasan's revision moves the bawahan's link while the bawahan saves a
    form opened before: whichever goes first (the other one starts a moment later), the link
    ends at the version in force; a form saved after the move is refused as stale rather than
    writing the old link back."""
    from tests.skp.conftest import setujui_skp_atasan_tertaut

    monkeypatch.setattr("skp.services.alur.terbitkan_setelah_disetujui", lambda pk: None)
    atasan, aa, pegawai = pemeran.atasan.user, pemeran.atasan_atasan.user, pemeran.pegawai.user
    setujui_skp_atasan_tertaut(pemeran, skp_atasan, tahun)
    baru = services.buka_revisi(user=atasan, skp=skp_atasan.skp)
    services.ajukan(user=atasan, skp=baru)
    rhk = skp_pegawai.rhk.get()
    skp_pegawai.refresh_from_db()
    revisi_form = skp_pegawai.revisi

    def setujui():
        if dulu == "simpan":
            time.sleep(0.3)
        return services.setujui(user=aa, skp=baru)

    def simpan():
        if dulu == "setujui":
            time.sleep(0.3)
        return services.rhk_ubah(user=pegawai, rhk=rhk, jenis="utama", uraian="Rekap imunisasi",
                                 rhk_atasan=skp_atasan.rhk1, revisi=revisi_form)  # fmt: skip

    hasil = serentak(setujui, simpan)
    assert not isinstance(hasil[0], Exception), hasil
    if dulu == "setujui":
        assert isinstance(hasil[1], services.SkpKedaluwarsa), hasil
    else:
        assert not isinstance(hasil[1], Exception), hasil
    rhk.refresh_from_db()
    assert rhk.rhk_atasan.skp_id == baru.pk and rhk.rhk_atasan.asal_id == skp_atasan.rhk1.pk
