"""axe-core in the browser tests: a page passes when axe finds no WCAG 2.2 A/AA violation."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe-core's tags).
STANDAR = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def periksa_aksesibilitas(page: Page) -> None:
    """Runs axe-core on the page as it is now (after any htmx swap) and fails with axe's report
    of each violation."""
    hasil = Axe().run(page, options={"runOnly": {"type": "tag", "values": STANDAR}})
    assert hasil.violations_count == 0, hasil.generate_report()
