"""The app's navbar as the browser tests use it."""

from playwright.sync_api import Locator, Page


def navbar(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Navigasi utama")


def menu_kelola(page: Page) -> Locator:
    """The admin's pages sit in the navbar's "Kelola" menu: open it first."""
    navbar(page).get_by_role("button", name="Kelola").click()
    return navbar(page)
