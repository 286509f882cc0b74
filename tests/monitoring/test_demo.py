"""seed_demo fills the monitoring pages: jurnal entries through the year for the demo pegawai with
an approved SKP (locked as they would be), dialogs with open and finished follow-ups, a mid-year
review; a second run adds nothing."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring.kemajuan import StatusRhk
from monitoring.models import DialogKinerja, JurnalKinerja, TinjauanTengahTahun
from monitoring.selectors import kemajuan_pegawai, tindak_lanjut_terbuka
from organisasi.models import Pegawai
from tests.monitoring.conftest import pada

NIP_ANDI = "199307072022211012"
NIP_SRI = "199001192015032002"
NIP_DIMAS = "199508162021031003"
NIP_RUDI = "199203142019031005"  # no SKP yet


@pytest.fixture
def demo(db) -> str:
    with pada(date(2026, 8, 20)):
        keluaran = io.StringIO()
        call_command("seed_demo", password="demo-uji", stdout=keluaran)
        yield keluaran.getvalue()


def test_demo_jurnal_dialog_dan_tinjauan(demo):
    assert "Jurnal kinerja demo 2026:" in demo
    andi = Pegawai.objects.get(nip=NIP_ANDI)
    entri = JurnalKinerja.objects.filter(pegawai=andi)
    assert entri.count() > 20 and entri.exclude(hambatan="").exists()
    assert not JurnalKinerja.objects.filter(pegawai__nip=NIP_RUDI).exists()
    # backdated: the March entries are long locked
    maret = entri.filter(tanggal__month=3).first()
    assert maret.dibuat.date() == maret.tanggal
    with pada(date(2026, 8, 20)):
        # (the periods' realisasi, from the evaluation demo when there is one, may change the
        # status; the progress itself is there either way)
        kemajuan = kemajuan_pegawai(andi, 2026)
        assert len(kemajuan.rhk) == 2 and all(k.realisasi > 0 for k in kemajuan.rhk)
        assert all(k.status != StatusRhk.BELUM_MULAI for k in kemajuan.rhk)
        dimas = kemajuan_pegawai(Pegawai.objects.get(nip=NIP_DIMAS), 2026)
        assert dimas.skp.versi == 2 and dimas.rhk[0].jumlah_entri > 0
    assert DialogKinerja.objects.filter(selesai_pada__isnull=False).exists()
    assert len(tindak_lanjut_terbuka(pegawai_ids=[andi.pk])) == 1
    sri = TinjauanTengahTahun.objects.get(pegawai__nip=NIP_SRI)
    assert sri.selesai and sri.pegawai_konfirmasi_pada.date() == date(2026, 7, 8)
    assert not TinjauanTengahTahun.objects.get(pegawai__nip=NIP_DIMAS).selesai


def test_demo_kedua_kali_tidak_menambah(demo):
    jumlah = (JurnalKinerja.objects.count(), DialogKinerja.objects.count())
    with pada(date(2026, 8, 21)):
        keluaran = io.StringIO()
        call_command("seed_demo", password="demo-uji", stdout=keluaran)
    assert "sudah ada; tidak ada yang ditambahkan" in keluaran.getvalue()
    assert (JurnalKinerja.objects.count(), DialogKinerja.objects.count()) == jumlah


def test_halaman_demo_terbuka(demo, client):
    andi = Pegawai.objects.get(nip=NIP_ANDI)
    with pada(date(2026, 8, 20)):
        client.force_login(andi.user)
        html = client.get(reverse("monitoring:jurnal")).content.decode()
        assert 'role="progressbar"' in html and "Tindak lanjut dialog kinerja" in html
        client.force_login(Pegawai.objects.get(jabatan=andi.jabatan.atasan).user)
        assert client.get(reverse("monitoring:pegawai", args=[andi.pk])).status_code == 200
