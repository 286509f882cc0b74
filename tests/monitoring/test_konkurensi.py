"""Double clicks on PostgreSQL (row locks are real there): the same jurnal form sent twice at once
writes one entry; a follow-up marked done by both parties at once is marked once. Skipped on
SQLite."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from monitoring.models import DialogKinerja, JurnalKinerja
from monitoring.services.dialog import tindak_lanjut_selesai
from monitoring.services.jurnal import PESAN_GANDA, IsianJurnal, jurnal_tambah
from tests.monitoring.conftest import HARI
from tests.skp.test_konkurensi import _hanya_postgres, serentak  # noqa: F401 (fixture)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_formulir_jurnal_terkirim_dua_kali_serentak(pemeran, jurnal):
    isian = IsianJurnal(tanggal=HARI, rhk_id=jurnal.rhk1.pk, kegiatan="Rekap", hasil=Decimal(2))

    def kirim():
        return jurnal_tambah(user=pemeran.pegawai.user, isian=isian, token="sama")

    hasil = serentak(kirim, kirim)
    galat = [h for h in hasil if isinstance(h, Exception)]
    assert len(galat) == 1 and isinstance(galat[0], ValidationError), hasil
    assert galat[0].messages == [PESAN_GANDA]
    assert JurnalKinerja.objects.count() == 1


def test_tindak_lanjut_ditandai_kedua_pihak_serentak(pemeran, jurnal):
    d = DialogKinerja.objects.create(
        pegawai=pemeran.pegawai, atasan=pemeran.atasan, tanggal=HARI, jenis="coaching",
        topik="Rekap", kesepakatan="x", dicatat_sebagai="atasan", token="t",
        tanggal_tindak_lanjut=HARI,
    )  # fmt: skip
    hasil = serentak(
        lambda: tindak_lanjut_selesai(user=pemeran.pegawai.user, dialog=d),
        lambda: tindak_lanjut_selesai(user=pemeran.atasan.user, dialog=d),
    )
    galat = [h for h in hasil if isinstance(h, Exception)]
    assert len(galat) == 1 and "sudah ditandai selesai" in galat[0].messages[0], hasil
