"""Browser contexts for the tests, and the calculator pages started once and reused
(``tests/browser/conftest.py`` makes them fixtures)."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page

from tests.support.calculator_page import COUNT_COMPUTATIONS
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY

# No background warm-up after a snapshot start: no test measures it, and it competes with the
# test for the machine's cores.
NO_WARM_UP = "window.__encoursWarmUpRounds = 0;"
FIRST_LANGUAGE = "fr"


def open_context(browser: Browser, base_url: str, *, warm_up: bool = False) -> BrowserContext:
    """A fresh context (empty cache and storage) on ``base_url``, counting computations."""
    context = browser.new_context(base_url=base_url)  # en-US: the page must not care
    context.add_init_script(COUNT_COMPUTATIONS)
    if not warm_up:
        context.add_init_script(NO_WARM_UP)
    return context


def calculator_url(name: str, lang: str = FIRST_LANGUAGE, query: str = "") -> str:
    """``/calculators/NAME/`` in ``lang`` (the first language at the root, others below)."""
    prefix = "" if lang == FIRST_LANGUAGE else f"/{lang}"
    return f"{prefix}/calculators/{name}/" + (f"?{query.lstrip('?')}" if query else "")


class BootedPages:
    """One page per calculator and language, in one context, whose Python is started once and
    reused by every test that does not need a new page load: :meth:`ready` gives the page back
    reset (storage cleared, the form's "back to the defaults" button clicked and its result
    computed). :meth:`load` navigates it (a new start of Python), for what a load must show."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.pages: dict[tuple[str, str], Page] = {}

    def page(self, name: str, lang: str = FIRST_LANGUAGE) -> Page:
        key = (name, lang)
        if key not in self.pages or self.pages[key].is_closed():
            self.pages[key] = self.context.new_page()
        # In front: Chromium slows down a page in the background (its animation frames, which
        # Playwright waits for before a click): the same test took 4 s there, 0.5 s in front.
        self.pages[key].bring_to_front()
        return self.pages[key]

    def load(self, name: str, lang: str = FIRST_LANGUAGE, query: str = "", *,
             wait_until: str = "domcontentloaded") -> Page:
        """Open the page anew (with ``query``, a shareable link); returns once its HTML is
        parsed, before Python is ready."""
        page = self.page(name, lang)
        page.goto(calculator_url(name, lang, query), wait_until=wait_until)
        return page

    def ready(self, name: str, lang: str = FIRST_LANGUAGE) -> Page:
        """The page with Python ready, its inputs and result back to the policy's defaults and
        nothing kept in the browser's storage."""
        page = self.page(name, lang)
        path = calculator_url(name, lang)
        if urlsplit(page.url).path != path or not page.evaluate(PYTHON_READY):
            page.goto(path)
        page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
        page.evaluate("() => localStorage.clear()")
        before = page.evaluate("() => window.__encoursComputed")
        page.locator("form[data-calculator] [data-reset]").click()
        page.wait_for_function(f"() => window.__encoursComputed > {before}",
                               timeout=BOOT_TIMEOUT_MS)
        page.evaluate("() => localStorage.clear()")  # what the reset's computation kept, if any
        return page
