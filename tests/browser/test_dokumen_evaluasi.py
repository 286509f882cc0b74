"""In real browsers, triwulan I of 2026 after Rina rated Rudi: Rina downloads Rudi's Dokumen
Evaluasi Kinerja Pegawai from Penilaian Bawahan, Rudi from his period page; the PDF is signed
and valid, and the verification URL printed in it opens a page that says so. The admin then
exports the unit's documents as a ZIP through the background job and the TPP list as XLSX.
axe-core checks every page on the way."""

import io
import re
import zipfile
from datetime import datetime

import pytest
import time_machine
from openpyxl import load_workbook
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from core.dokumen import verifikasi_berkas
from penilaian.distribusi import CapaianOrganisasi
from penilaian.kuadran import Rating
from penilaian.models import CapaianUnit, DokumenEvaluasi, PenilaianPeriodik
from penilaian.services import alur
from tests.browser.axe import periksa_aksesibilitas
from tests.browser.test_penilaian_alur import masuk, unduh
from tests.penilaian.conftest import (  # noqa: F401 (fixtures)
    WIB,
    beri_umpan_balik_lengkap,
    skp_atasan,
    skp_disetujui,
    skp_pegawai,
    tahun,
    tw1,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dinilai(pemeran, skp_disetujui, tw1, pekerja_langsung) -> PenilaianPeriodik:  # noqa: F811
    with time_machine.travel(datetime(2026, 3, 30, 9, tzinfo=WIB), tick=True):
        CapaianUnit.objects.create(
            unit_kerja=pemeran.atasan.jabatan.unit_kerja, periode=tw1,
            capaian=CapaianOrganisasi.BAIK, oleh=pemeran.atasan_atasan.user,
            oleh_nama=pemeran.atasan_atasan.nama_lengkap,
        )  # fmt: skip
        p = alur.pastikan_penilaian(pegawai=pemeran.pegawai, periode=tw1)
        beri_umpan_balik_lengkap(p, pemeran.atasan)
        alur.nilai(user=pemeran.atasan.user, penilaian=p, rating_hasil_kerja=Rating.DI_ATAS,
                   rating_perilaku=Rating.SESUAI, catatan="Ikuti pelatihan analisis data.")  # fmt: skip
        yield PenilaianPeriodik.objects.get(pk=p.pk)


def teks_pdf(data: bytes) -> str:
    return " ".join(
        " ".join((h.extract_text() or "").split()) for h in PdfReader(io.BytesIO(data)).pages
    )


def test_unduh_verifikasi_ekspor_dokumen_evaluasi(browser: Browser, live_server, pemeran, tw1,  # noqa: F811
                                                 dinilai):  # fmt: skip
    url = live_server.url
    with time_machine.travel(datetime(2026, 3, 31, 9, tzinfo=WIB), tick=True):
        # Rina (the penilai) from Penilaian Bawahan.
        rina = masuk(browser, url, pemeran.atasan.nip)
        rina.get_by_role("navigation", name="Navigasi utama").get_by_role(
            "link", name="Penilaian Bawahan"
        ).click()
        periksa_aksesibilitas(rina, "Penilaian Bawahan (dinilai)")
        tautan = rina.get_by_role(
            "link", name=f"Dokumen evaluasi (PDF) {pemeran.pegawai.nama_lengkap}"
        )
        data = unduh(tautan)
        hasil = verifikasi_berkas(data)
        assert hasil.sah, hasil.pesan
        (dokumen,) = DokumenEvaluasi.objects.exclude(sha256="")  # issued by the rating's job
        assert hasil.dokumen == dokumen and dokumen.format == "D.1.1"
        isi = teks_pdf(data)
        assert "DOKUMEN EVALUASI KINERJA PEGAWAI" in isi
        assert "CAPAIAN KINERJA ORGANISASI Baik (Seksi Surveilans)" in isi

        # The URL printed under the QR code opens the public page, which says it is valid.
        cocok = re.search(r"/v/([A-Za-z0-9_-]+)/", isi.replace(" ", ""))
        assert cocok and cocok.group(1) == dokumen.token
        publik = browser.new_page()
        publik.goto(url + cocok.group(0))
        expect(publik.get_by_role("heading", level=1)).to_contain_text(
            "Dokumen Evaluasi Kinerja Pegawai"
        )
        expect(publik.locator(".sah")).to_contain_text("Dokumen ini diterbitkan oleh aplikasi SKP")
        expect(publik.get_by_text("Dokumen Evaluasi Kinerja Pegawai, format D.1.1")).to_be_visible()
        expect(publik.get_by_text(dokumen.sha256)).to_be_visible()
        periksa_aksesibilitas(publik, "halaman verifikasi dokumen evaluasi")

        # Rudi from his period page: the same signed document.
        rudi = masuk(browser, url, pemeran.pegawai.nip)
        rudi.goto(f"{url}/penilaian/{dinilai.pk}/")
        bagian = rudi.get_by_role("region", name="Dokumen evaluasi kinerja pegawai")
        expect(bagian.locator("li")).to_have_count(1)
        expect(bagian.locator("li")).to_contain_text("(format D.1.1)")
        periksa_aksesibilitas(rudi, "halaman penilaian pegawai (dokumen evaluasi)")
        assert unduh(bagian.get_by_role("link", name=re.compile("Unduh dokumen evaluasi"))) == data

        # The admin: the seksi's documents as a ZIP (background job), and the TPP list.
        admin = masuk(browser, url, pemeran.admin.nip)
        admin.get_by_role("button", name="Kelola").click()
        admin.get_by_role("link", name="Ekspor Hasil Penilaian").click()
        expect(admin.get_by_role("heading", name="Ekspor Hasil Penilaian")).to_be_visible()
        periksa_aksesibilitas(admin, "Ekspor Hasil Penilaian")
        formulir = admin.locator("#form-ekspor")
        formulir.get_by_label("Periode penilaian").select_option(label="Triwulan I 2026")
        formulir.get_by_label("Unit kerja").select_option(label="1.02.01.01 Seksi Surveilans")
        formulir.get_by_role("button", name="Mulai ekspor").click()
        expect(admin.get_by_text("Ekspor dimulai.")).to_be_visible()
        baris = admin.locator("#daftar-ekspor tbody tr").first
        expect(baris).to_contain_text("Selesai: 1 dari 1 PDF")
        periksa_aksesibilitas(admin, "Ekspor Hasil Penilaian (selesai)")
        with admin.expect_download() as unduhan:
            baris.get_by_role("link", name="Unduh ZIP").click()
        with open(unduhan.value.path(), "rb") as f:
            arsip = zipfile.ZipFile(io.BytesIO(f.read()))
        (nama,) = arsip.namelist()
        assert arsip.read(nama) == data

        tpp = admin.locator("#form-tpp")
        tpp.get_by_label("Periode penilaian").select_option(label="Triwulan I 2026")
        with admin.expect_download() as unduhan:
            tpp.get_by_role("button", name="Unduh XLSX").click()
        assert (
            unduhan.value.suggested_filename
            == "tpp_pemerintah-kabupaten-contoh_2026_triwulan-i.xlsx"
        )
        with open(unduhan.value.path(), "rb") as f:
            ws = load_workbook(io.BytesIO(f.read())).active
        (baris_rudi,) = [r for r in ws.iter_rows(min_row=2, values_only=True)]
        assert baris_rudi[0] == pemeran.pegawai.nip and baris_rudi[6:] == ("Baik", "Baik")
