"""In a real browser: a fungsional pegawai (Ahli Pertama) with two rated quarters sees the angka
kredit of each and the running total on Penilaian Saya; axe-core checks the page."""

import pytest
from playwright.sync_api import Browser, expect

from organisasi.models import Jabatan, JenisJabatan
from penilaian.models import PenilaianPeriodik, StatusPenilaian
from penilaian.periode import periode_tahun
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.test_kalkulator_distribusi import masuk
from tests.penilaian.conftest import skp_disetujui, tahun  # noqa: F401 (fixtures)
from tests.skp.conftest import skp_atasan, skp_pegawai  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pegawai_fungsional_melihat_angka_kredit(browser: Browser, live_server, pemeran,
                                                 skp_disetujui):  # noqa: F811 # fmt: skip
    Jabatan.objects.filter(pk=pemeran.pegawai.jabatan_id).update(
        jenis=JenisJabatan.FUNGSIONAL, jenjang="ahli_pertama"
    )
    tw = periode_tahun(pemeran.instansi, 2026)
    for periode, (hasil, perilaku, predikat) in zip(
        tw[:2], [("di_atas", "di_atas", "sangat_baik"), ("sesuai", "sesuai", "baik")], strict=True
    ):
        PenilaianPeriodik.objects.create(
            pegawai=pemeran.pegawai, periode=periode, skp=skp_disetujui,
            status=StatusPenilaian.DITERIMA, rating_hasil_kerja=hasil, rating_perilaku=perilaku,
            predikat=predikat,
        )  # fmt: skip
    page = masuk(browser, live_server.url, pemeran.pegawai.nip)
    page.goto(f"{live_server.url}/penilaian/?tahun=2026")
    bagian = page.get_by_role("region", name="Angka kredit 2026 · jenjang Ahli Pertama")
    expect(bagian).to_contain_text("Koefisien jenjang Ahli Pertama: 12,5 per tahun.")
    expect(bagian.get_by_role("row", name="Triwulan I ", exact=False).first).to_contain_text("4,69")
    expect(bagian.get_by_role("row", name="Jumlah angka kredit tahun 2026")).to_contain_text("7,81")
    periksa_aksesibilitas(page, "Penilaian Saya dengan angka kredit")
