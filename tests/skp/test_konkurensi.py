"""Races on PostgreSQL (row locks are real there): a double submit makes one transition and one
history row; a simultaneous approve and return lets exactly one win. Skipped on SQLite."""

import threading

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
