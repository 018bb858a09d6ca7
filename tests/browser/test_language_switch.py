"""The language switch in the header leads to the same page in the other language, whether the
page was opened directly or reached through Material's instant navigation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def switch_to(page, lang: str) -> None:
    """Open the header's language menu and choose ``lang``, as a reader does."""
    page.locator(".md-header__option .md-select").hover()
    link = page.locator(f'a[data-encours-language-switch][hreflang="{lang}"]')
    link.wait_for(state="visible")
    link.click()
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=lang)
    page.wait_for_load_state()


@pytest.mark.parametrize("path", ["", "terms/", "recovery/", "calculators/penalty/"])
def test_switching_language_keeps_the_page(page, site_url: str, path: str) -> None:
    site_url = site_url.rstrip("/") + "/"
    page.goto(site_url + path)
    switch_to(page, "en")
    assert page.url == f"{site_url}en/{path}"
    switch_to(page, "fr")
    assert page.url == f"{site_url}{path}"


def test_switching_after_instant_navigation(page, site_url: str) -> None:
    site_url = site_url.rstrip("/") + "/"
    page.goto(site_url)
    page.evaluate("window.encoursSamePage = true")
    page.locator("article a[href*='/terms/#']:visible").first.click()
    page.wait_for_url(f"{site_url}terms/**")
    assert page.evaluate("window.encoursSamePage"), "reached through instant navigation"
    switch_to(page, "en")
    assert page.url == f"{site_url}en/terms/"
