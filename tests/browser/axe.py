"""axe-core (from npm, `npm ci` in `make install`) run on a page as the browser tests visit it:
every WCAG 2.0/2.1/2.2 A and AA rule, and a failure lists each violation with its nodes."""

from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.htmx import tunggu_htmx_tenang

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAG_WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@cache
def _sumber_axe() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core tidak ada di {AXE}: jalankan `npm ci` (make install melakukannya).")
    return AXE.read_text(encoding="utf-8")


def periksa_aksesibilitas(page: Page, konteks: str = "") -> None:
    """Fails the test when axe-core finds a WCAG 2.2 AA violation on the page as it is now.
    Evaluated through the DevTools protocol, so the page's Content-Security-Policy (no inline
    script) does not stop it and needs no exception for the tests."""
    # After a form submit the new page's text can be there before its stylesheet (a click
    # waits for the navigation to commit, not for the load event): axe must see the page as
    # styled, or it reports the browser's default link colours. Immediate when already loaded.
    page.wait_for_load_state("load")
    # An htmx swap settles over a few frames and a Bootstrap alert fades in: axe reads colours
    # as they are, so mid-fade text is blended with its background and fails contrast though
    # it passes once shown. Wait for htmx to settle and for every finite CSS transition or
    # animation to end (an endless spinner would never finish and is left alone; a paused one
    # never finishes either, so all of them get 10 s at most).
    tunggu_htmx_tenang(page)
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null))),
            new Promise(r => setTimeout(r, 10000)),
        ])"""
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_sumber_axe())
    hasil = page.evaluate(
        """async (tag) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tag},
                                                resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, dampak: v.impact, bantuan: v.help,
                node: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' +
                                              (n.failureSummary || '').replace(/\\n/g, ' ')),
            }));
        }""",
        TAG_WCAG,
    )
    if hasil:
        baris = [f"{v['id']} ({v['dampak']}): {v['bantuan']}\n    " + "\n    ".join(v["node"])
                 for v in hasil]  # fmt: skip
        pytest.fail(
            f"Pelanggaran WCAG 2.2 AA di {konteks or page.url}:\n" + "\n".join(baris),
            pytrace=False,
        )
