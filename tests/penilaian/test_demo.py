"""The demo year of evaluation: replayed through the services on the dates it would have
happened, so every demo role has something real to see and do."""

import io
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command

from penilaian.models import BuktiDukung, PenilaianPeriodik, StatusPenilaian, UmpanBalik
from tests.conftest import KATA_SANDI
from tests.penilaian.conftest import pada


@pytest.fixture
def demo_desember(db):
    with pada(date(2026, 12, 5)):
        out = io.StringIO()
        call_command("seed_demo", password=KATA_SANDI, stdout=out)
        yield out.getvalue()


def test_demo_mengisi_tiga_triwulan_yang_lewat(demo_desember):
    assert "Penilaian demo 2026" in demo_desember
    per = Counter(
        PenilaianPeriodik.objects.filter(periode__tahun=2026).values_list(
            "periode__nomor", flat=True
        )
    )
    assert set(per) == {1, 2, 3} and per[1] >= 10  # most of Dinas Kesehatan, each quarter
    assert BuktiDukung.objects.exclude(berkas="").exists()  # a real file too, not only links
    assert UmpanBalik.objects.filter(peran="bawahan").exists()


def test_demo_cerita_keberatan_terlambat_dan_menunggu(demo_desember):
    maya = PenilaianPeriodik.objects.get(pegawai__nama="Maya Kusuma", periode__nomor=2)
    assert maya.status == StatusPenilaian.DIPUTUSKAN
    assert [r.aksi for r in maya.riwayat.all()][-2:] == ["keberatan", "putuskan"]
    sri = PenilaianPeriodik.objects.get(pegawai__nama="Sri Wahyuni", periode__nomor=3)
    assert sri.oleh_atasan_penilai and sri.dinilai_oleh.nama == "Dewi Lestari"
    andi = PenilaianPeriodik.objects.get(pegawai__nama="Andi Saputra", periode__nomor=3)
    assert andi.status == StatusPenilaian.DIKIRIM  # Eko missed the deadline: Dewi's to do
    agus = PenilaianPeriodik.objects.get(pegawai__nama="Agus Prasetyo", periode__nomor=3)
    assert agus.status == StatusPenilaian.DINILAI  # his to accept or object
    # Rina Marlina's SKP stays a draft for the drafting story (skp.demo).
    assert not PenilaianPeriodik.objects.filter(pegawai__nama="Rina Marlina").exists()


def test_demo_kedua_kali_tidak_menambah(demo_desember):
    jumlah = PenilaianPeriodik.objects.count()
    with pada(date(2026, 12, 6)):
        out = io.StringIO()
        call_command("seed_demo", password=KATA_SANDI, stdout=out)
    assert "sudah ada" in out.getvalue()
    assert PenilaianPeriodik.objects.count() == jumlah


def test_setiap_peran_demo_punya_halaman_penilaian(client, demo_desember):
    from organisasi.models import Pegawai

    with pada(date(2026, 12, 5)):
        agus = Pegawai.objects.get(nama="Agus Prasetyo").user
        client.force_login(agus)
        r = client.get("/penilaian/?tahun=2026")
        assert r.status_code == 200 and "Triwulan III" in r.content.decode()
        client.force_login(Pegawai.objects.get(nama="Yuni Astuti").user)
        p3 = PenilaianPeriodik.objects.get(pegawai__nama="Agus Prasetyo", periode__nomor=3)
        r = client.get(f"/penilaian/bawahan/?periode={p3.periode_id}")
        assert r.status_code == 200 and "Agus Prasetyo" in r.content.decode()


def test_demo_capaian_kurva_dan_penetapan(demo_desember):
    from organisasi.models import UnitKerja
    from penilaian.capaian import pimpinan_unit
    from penilaian.models import AlasanPola, CapaianUnit, DokumenPenetapan, PenetapanPredikat
    from penilaian.penetapan import halaman_penetapan

    assert "penetapan predikat bertanda tangan" in demo_desember
    unit = [u for u in UnitKerja.objects.all() if pimpinan_unit(u) is not None]
    assert unit
    for u in unit:  # every demo unit, every past quarter
        nomor = set(
            CapaianUnit.objects.filter(unit_kerja=u).values_list("periode__nomor", flat=True)
        )
        assert nomor == {1, 2, 3}, u
    # One unit breaks the curve, with the penilai's reason.
    (melanggar,) = {a.unit_kerja for a in AlasanPola.objects.select_related("unit_kerja")}
    alasan = AlasanPola.objects.filter(unit_kerja=melanggar).select_related("periode").first()
    h = halaman_penetapan(melanggar, alasan.periode)
    assert h.tidak_sesuai and h.alasan is not None
    # Confirmed and signed for the first quarter.
    assert PenetapanPredikat.objects.filter(status="ditetapkan", periode__nomor=1).exists()
    dokumen = DokumenPenetapan.objects.exclude(sha256="")
    assert dokumen.exists() and all(d.terbit for d in dokumen)


def test_demo_menerbitkan_dokumen_evaluasi(demo_desember):
    from core.dokumen import baca_dokumen, verifikasi_berkas
    from penilaian.models import DokumenEvaluasi

    dinilai = PenilaianPeriodik.objects.filter(periode__tahun=2026).exclude(predikat="")
    terbit = DokumenEvaluasi.objects.exclude(sha256="")
    assert dinilai.count() >= 20
    assert set(terbit.values_list("penilaian_id", flat=True)) == set(
        dinilai.values_list("pk", flat=True)
    )
    assert f"Dokumen evaluasi kinerja pegawai demo 2026: {dinilai.count()} diterbitkan." in (
        demo_desember
    )
    # Maya's keberatan gives a D.1.3, Sri's rating by the atasan of her penilai a D.1.2.
    maya = terbit.get(penilaian__pegawai__nama="Maya Kusuma", penilaian__periode__nomor=2)
    sri = terbit.get(penilaian__pegawai__nama="Sri Wahyuni", penilaian__periode__nomor=3)
    assert (maya.format, sri.format) == ("D.1.3", "D.1.2")
    assert verifikasi_berkas(baca_dokumen(maya)).sah
