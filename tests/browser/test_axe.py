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


# Text that fades in (as a Bootstrap alert does) is blended with its background until the fade
# ends; the passing colours here fail contrast at a quarter of the way. A 1.5 s fade starts
# as the page loads, so axe is sure to meet it in the middle unless it waits for the end.
_MEMUDAR = """<html lang="id"><head><title>Uji</title><style>
  @keyframes muncul { from { opacity: 0.3 } to { opacity: 1 } }
  .pesan { color: #0d6efd; background: #fff; animation: muncul 1.5s linear; }
  .htmx-settling { color: #c0c0c0; }
</style></head><body><main><h1>Judul</h1>
  <p class="pesan">Dialog kinerja dicatat.</p>
  <p id="baru" class="htmx-settling">Baris yang baru ditukar htmx.</p>
</main></body></html>"""


def test_axe_menunggu_pesan_selesai_muncul(page: Page):
    page.set_content(_MEMUDAR)
    page.evaluate("() => { setTimeout(() => document.getElementById('baru')"
                  ".classList.remove('htmx-settling'), 600); }")  # fmt: skip
    periksa_aksesibilitas(page, "halaman uji")


def test_axe_tetap_menangkap_teks_yang_berakhir_pudar(page: Page):
    # The wait ends: text that is still faint once every fade is over is still a violation.
    page.set_content(_MEMUDAR.replace("to { opacity: 1 }", "to { opacity: 0.3 }")
                     .replace("linear;", "linear forwards;"))  # fmt: skip
    with pytest.raises(Failed, match="color-contrast"):
        periksa_aksesibilitas(page, "halaman uji")
