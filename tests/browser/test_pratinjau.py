"""In a real browser: "Pratinjau PDF (draf)" of a large SKP opens the page that says the preview
is being prepared; the page polls by itself and, once the background worker has rendered it,
offers the PDF."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from skp import pratinjau, services
from tests.conftest import KATA_SANDI
from tests.skp.conftest import tambah_kkw

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _siapkan(settings, monkeypatch):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    # The fixture SKP is small: make it count as large (the live server runs in this process).
    monkeypatch.setattr(pratinjau, "PRATINJAU_SINKRON_MAKS_BARIS", 1)
    caches[pratinjau.CACHE].clear()
    yield
    caches[pratinjau.CACHE].clear()


def test_pratinjau_besar_disiapkan_lalu_ditawarkan(page: Page, live_server, pemeran):
    user = pemeran.pegawai.user
    skp_pegawai = services.skp_buat(user=user, tahun=timezone.localdate().year)
    rhk = services.rhk_tambah(user=user, skp=skp_pegawai, jenis="utama", uraian="Rekap data")
    tambah_kkw(user, rhk)
    url = live_server.url
    page.goto(f"{url}/masuk/")
    page.get_by_label("NIP").fill(pemeran.pegawai.nip)
    page.get_by_label("Sandi").fill(KATA_SANDI)
    page.get_by_role("button", name="Masuk").click()
    page.goto(url + reverse("skp:detail", args=[skp_pegawai.pk]))
    with page.context.expect_page() as tab:
        page.get_by_role("link", name="Pratinjau PDF (draf)").click()
    tab = tab.value
    expect(tab.get_by_role("heading", name="Pratinjau PDF (draf)")).to_be_visible()
    expect(tab.get_by_role("status")).to_contain_text("Pratinjau sedang disiapkan")
    expect(tab.get_by_role("link", name="Buka pratinjau PDF")).to_have_count(0)
    # The worker (any machine) takes the job; the page notices by itself, without a reload.
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    expect(tab.get_by_role("status")).to_contain_text("Pratinjau siap", timeout=10_000)
    tautan = tab.get_by_role("link", name="Buka pratinjau PDF")
    assert tautan.get_attribute("href") == reverse("skp:unduh_pdf", args=[skp_pegawai.pk])
    r = tab.request.get(url + tautan.get_attribute("href"))
    assert r.status == 200 and r.headers["content-type"] == "application/pdf"
    assert r.body().startswith(b"%PDF")
