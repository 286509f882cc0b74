"""The accessibility check itself: it must catch a violation, or every page 'passing' it means
nothing."""

import pytest
from _pytest.outcomes import Failed
from playwright.sync_api import Page

from tests.browser.axe import periksa_aksesibilitas

pytestmark = pytest.mark.browser


def test_axe_menangkap_pelanggaran(page: Page):
    page.set_content('<html lang="id"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(Failed, match="image-alt"):
        periksa_aksesibilitas(page, "halaman uji")


def test_axe_meloloskan_halaman_yang_baik(page: Page):
    page.set_content(
        '<html lang="id"><head><title>Uji</title></head><body><main><h1>Judul</h1>'
        '<img src="x.png" alt="Logo"></main></body></html>'
    )
    periksa_aksesibilitas(page, "halaman uji")
