"""seed_demo gives the demo Pemda realistic SKP, cascaded through its hierarchy."""

import io

import pytest
from django.core.management import call_command

from organisasi import demo as organisasi_demo
from organisasi.models import Pegawai
from perencanaan.demo import PERIODE
from skp import services
from skp.access import visible_pegawai, visible_skps
from skp.demo import RENCANA
from skp.models import PerilakuKerja, RencanaHasilKerja, Skp, StatusSkp
from skp.selectors import mph, skp_bawahan, skp_tahun

NIP_RUDI = "199203142019031005"
NIP_YOGA = "199303032018011001"
NIP_RINA = "198709082011012003"
NIP_FITRI = "198812252014022001"  # Epidemiolog Kesehatan Ahli Muda
NIP_MAYA = "199111302017012004"  # Pengelola Keuangan


@pytest.fixture
def demo(db) -> str:
    keluaran = io.StringIO()
    call_command("seed_demo", password="demo-uji", stdout=keluaran)
    return keluaran.getvalue()


def skp_berlaku_demo(tahun: int) -> int:
    return (
        Skp.objects.filter(tahun=tahun)
        .exclude(status=StatusSkp.DIGANTI)
        .values("pegawai")
        .distinct()
        .count()
    )


def test_demo_meninggalkan_skp_di_setiap_status(demo, tahun):
    from skp.demo import NIP_DIAJUKAN, NIP_DIKEMBALIKAN, NIP_DIREVISI
    from skp.models import Komentar
    from skp.selectors import kotak_masuk

    status: dict[str, int] = {}
    for s in StatusSkp.values:
        status[s] = Skp.objects.filter(tahun=tahun, status=s).count()
    assert status["draf"] >= 5 and status["disetujui"] >= 3
    assert status["diajukan"] == 1 and status["dikembalikan"] == 1 and status["diganti"] == 1
    rina = Pegawai.objects.get(nip=NIP_RINA)
    assert [s.pegawai.nip for s in kotak_masuk(rina)] == [NIP_DIAJUKAN]
    dikembalikan = Skp.objects.get(pegawai__nip=NIP_DIKEMBALIKAN)
    assert Komentar.objects.filter(skp=dikembalikan, indikator__isnull=False).exists()
    versi = dict(Skp.objects.filter(pegawai__nip=NIP_DIREVISI).values_list("versi", "status"))
    assert versi == {1: "diganti", 2: "disetujui"}


def skp_dari(nip: str, tahun: int) -> Skp | None:
    return skp_tahun(Pegawai.objects.get(nip=nip), tahun)


def test_setiap_pegawai_demo_mendapat_skp_kecuali_dua(demo, tahun):
    assert f"SKP demo {tahun}: {len(RENCANA)} dibuat" in demo
    semua = {o.nip for o in organisasi_demo.ORANG}
    assert set(RENCANA) == semua - {NIP_RUDI, NIP_YOGA}
    # Every demo pegawai has one current SKP (the revised one also keeps its replaced version).
    assert skp_berlaku_demo(tahun) == len(RENCANA)
    assert skp_dari(NIP_RUDI, tahun) is None and skp_dari(NIP_YOGA, tahun) is None


def test_seed_demo_diulang_tidak_menggandakan(demo, tahun):
    rhk = RencanaHasilKerja.objects.count()
    keluaran = io.StringIO()
    call_command("seed_demo", password="demo-uji", stdout=keluaran)
    assert f"SKP demo {tahun} sudah ada" in keluaran.getvalue()
    assert Skp.objects.count() == len(RENCANA) + 1  # + the replaced version of the revised one
    assert RencanaHasilKerja.objects.count() == rhk


def test_kaskade_demo_menautkan_rhk_atasan_yang_sebenarnya(demo, tahun):
    for skp in Skp.objects.filter(tahun=tahun, jenis_formulir="administrasi"):
        skp_atasan = skp_tahun(skp.penilai, tahun)
        for rhk in skp.rhk.filter(jenis="utama"):
            assert rhk.rhk_atasan is not None, rhk
            assert rhk.rhk_atasan.skp == skp_atasan, rhk
        assert services.periksa_kelengkapan(skp) == [], skp


def test_rhk_jpt_demo_tertaut_ke_renstra(demo, tahun):
    if not PERIODE.tahun_awal <= tahun <= PERIODE.tahun_akhir:
        pytest.skip(f"Renstra demo {PERIODE} tidak mencakup tahun {tahun}.")
    kadinkes = skp_dari(organisasi_demo.KADINKES, tahun)
    assert kadinkes.jpt and kadinkes.penilai.nip == organisasi_demo.SEKDA
    assert all(r.ditautkan and r.perspektif for r in kadinkes.rhk.all())
    assert services.periksa_kelengkapan(kadinkes) == []
    # The Setda has no Renstra in the demo: the Sekda's RHK stay unlinked, and say so.
    sekda = skp_dari(organisasi_demo.SEKDA, tahun)
    assert sekda.penilai is None
    assert all("belum ditautkan" in m for m in services.periksa_kelengkapan(sekda))


def test_jabatan_berbeda_rhk_berbeda(demo, tahun):
    def teks(nip: str) -> set[str]:
        return set(skp_dari(nip, tahun).rhk.values_list("uraian", flat=True))

    kepala, epidemiolog, keuangan = teks(organisasi_demo.KADINKES), teks(NIP_FITRI), teks(NIP_MAYA)
    assert kepala.isdisjoint(epidemiolog) and epidemiolog.isdisjoint(keuangan)
    assert any("penyelidikan epidemiologi" in t for t in epidemiolog)
    assert any("pertanggungjawaban belanja" in t for t in keuangan)


def test_ada_rhk_atasan_yang_belum_diintervensi(demo, tahun):
    rina = skp_dari(NIP_RINA, tahun)
    kosong = [r for r in rina.rhk.all() if not r.rhk_intervensi.exists()]
    assert [r.urutan for r in kosong] == [3]  # Rudi's, whose SKP is not made yet


def test_demo_mengisi_ekspektasi_lampiran_dan_target_terukur(demo, tahun):
    fitri = skp_dari(NIP_FITRI, tahun)
    assert fitri.perilaku.exclude(ekspektasi_khusus="").count() == 2
    assert PerilakuKerja.objects.exclude(ekspektasi_khusus="").count() >= 6
    assert not Skp.objects.filter(dukungan_sumber_daya="").exists()
    rhk = fitri.rhk.get(urutan=2, jenis="utama")
    kuantitas = rhk.indikator.get(aspek="kuantitas")
    assert (kuantitas.target_min, kuantitas.target_maks, kuantitas.satuan) == (20, 30, "laporan")
    assert {i.aspek for i in rhk.indikator.all()} == {"kuantitas", "kualitas", "waktu"}


def test_rhk_jpt_bertaut_renstra_tidak_dihitung_belum_ditautkan_di_halaman_atasan(demo, tahun):
    sekda = Pegawai.objects.get(nip=organisasi_demo.SEKDA)
    baris = {b.pegawai.nip: b.skp for b in skp_bawahan(sekda, tahun)}
    assert baris[organisasi_demo.KADINKES].rhk_belum_ditautkan == 0
    assert baris[organisasi_demo.KADINKES].jumlah_rhk == 4
    terlihat = {
        "terlihat": visible_skps(sekda.user),
        "pegawai_terlihat": visible_pegawai(sekda.user),
    }
    assert mph(skp_dari(organisasi_demo.SEKDA, tahun), **terlihat).tanpa_tautan == []


def test_demo_memuat_indikator_lemah_untuk_pemeriksaan_kualitas(demo, tahun):
    from indikator.laporan import hitung_laporan
    from organisasi.models import Instansi

    laporan = hitung_laporan(Instansi.objects.get(nama=organisasi_demo.NAMA_INSTANSI), tahun)
    kode = {k for k, _, _ in laporan.temuan}
    assert {"normatif", "aktivitas"} <= kode
    assert laporan.terukur < laporan.indikator
