"""Waiting for htmx to be done with the page, for the browser tests.

htmx swaps new content in, and only in its settle step (about 20 ms later) processes that
content's own hx- attributes: an input typed into before then sends nothing. Wait for no
request in flight and no swap or settle under way before acting on, or reading, swapped
content."""

from playwright.sync_api import Page

# Evaluated as a function, not as a string (which the pages' CSP forbids); gives up after 5 s
# and lets the caller's own expectation say what is wrong.
_TENANG = """async () => {
    const sibuk = '.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added';
    const mulai = performance.now();
    while (document.querySelector(sibuk) && performance.now() - mulai < 5000) {
        await new Promise(r => requestAnimationFrame(r));
    }
}"""


def tunggu_htmx_tenang(page: Page) -> None:
    page.evaluate(_TENANG)
