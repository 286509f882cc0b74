"""seed_demo loads a Renstra and Renja for each demo OPD through the import code."""

import io

from django.core.management import call_command

from perencanaan.models import ImporRenstra, IndikatorKinerja, Program, Renstra, SubKegiatan


def test_seed_demo_memuat_renstra_dan_renja_opd_demo(db):
    out = io.StringIO()
    call_command("seed_demo", password="demo-uji", stdout=out)

    assert "Renstra demo 2025-2029: Dinas Kesehatan (12 indikator" in out.getvalue()
    renstra = {r.unit.kode: r for r in Renstra.objects.select_related("unit")}
    assert set(renstra) == {"1.02", "5.03"}
    assert all(r.periode == "2025-2029" for r in renstra.values())
    ipasn = IndikatorKinerja.objects.get(renstra=renstra["5.03"], nama="Indeks Profesionalitas ASN")
    assert ipasn.iku
    assert [t.nilai for t in ipasn.target.order_by("tahun")] == [70, 72, 74, 76, 78]
    gizi = IndikatorKinerja.objects.get(nama="Persentase balita gizi buruk yang mendapat perawatan")
    assert gizi.renstra == renstra["1.02"]
    assert Program.objects.filter(renstra=renstra["1.02"], tahun=2026, kode="1.02.02").exists()
    sub = SubKegiatan.objects.get(kode="1.02.02.2.02.0001")
    assert sub.kegiatan.program.kode == "1.02.02"
    assert sub.pagu == 1250000000
    assert ImporRenstra.objects.filter(sumber="demo", status="diterapkan").count() == 2


def test_seed_demo_dua_kali_tidak_mengubah_renstra(db):
    call_command("seed_demo", password="demo-uji", stdout=io.StringIO())
    sebelum = list(IndikatorKinerja.objects.order_by("pk").values())
    out = io.StringIO()
    call_command("seed_demo", password="demo-uji", stdout=out)
    assert "tidak berubah" in out.getvalue()
    assert list(IndikatorKinerja.objects.order_by("pk").values()) == sebelum
    assert ImporRenstra.objects.count() == 2  # an unchanged reload is not recorded again


def test_muat_demo_lewat_kode_impor_yang_sama(db):
    """Without the rest of seed_demo: the demo OPD only need to exist."""
    from organisasi.models import Instansi, UnitKerja
    from perencanaan.demo import muat_demo

    instansi = Instansi.objects.create(nama="Pemerintah Kabupaten Demo")
    for kode, nama in (("1.02", "Dinas Kesehatan"), ("5.03", "BKPSDM")):
        UnitKerja.objects.create(instansi=instansi, kode=kode, nama=nama)

    assert "Dinas Kesehatan (12 indikator, Renja 2026: 18 baris; 12 indikator baru" in muat_demo(
        instansi
    )
    assert IndikatorKinerja.objects.filter(iku=True).count() == 12
    assert "tidak berubah" in muat_demo(instansi)
