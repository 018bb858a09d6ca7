"""Browser fixtures: one headless Debian Chromium per session; ``booted``, one calculator page per
calculator and language started once and reused (reset between cases); a fresh context per test
for what needs one (``page``, ``new_context``); and ``calculator``, the penalty calculator page
driven as a reader would and read back as data (helpers in ``tests/support/calculator_page.py``).

Every page counts, through an init script, the results a calculator announced (the
``encours:computed`` event), and runs no background warm-up after a snapshot start
(``window.__encoursWarmUpRounds = 0``: no test measures it, and it would compete with the test
for the two cores); ``recorder`` (or ``watch(page)``) also records what the page does: its
requests, its console errors and uncaught exceptions, the Web Workers it starts.

Python starts from the site's own local server (``tools.serve``): serving the 31 MB snapshot
and the 9.6 MB runtime from memory through ``context.route`` was measured 20 to 30 times slower
(every byte crosses Playwright's protocol), and a profile on disk, which keeps the compiled
WebAssembly, gave no measurable gain over an in-memory context.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.support.calculator_page import COUNT_COMPUTATIONS, Calculator, Recorder
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY, launch_chromium

NO_WARM_UP = "window.__encoursWarmUpRounds = 0;"
FIRST_LANGUAGE = "fr"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


def open_context(browser: Browser, base_url: str, *, warm_up: bool = False) -> BrowserContext:
    """A fresh context (empty cache and storage) on ``base_url``, counting computations."""
    context = browser.new_context(base_url=base_url)  # en-US: the page must not care
    context.add_init_script(COUNT_COMPUTATIONS)
    if not warm_up:
        context.add_init_script(NO_WARM_UP)
    return context


@pytest.fixture
def new_context(browser: Browser, site_url: str) -> Iterator[Callable[..., BrowserContext]]:
    """Make fresh browser contexts (empty cache and storage); all are closed after the test."""
    opened: list[BrowserContext] = []

    def make(base_url: str = site_url, *, warm_up: bool = False) -> BrowserContext:
        context = open_context(browser, base_url, warm_up=warm_up)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture(scope="session")
def watch() -> Callable[[Page], Recorder]:
    """``watch(page)``: start recording what ``page`` requests, logs and starts."""
    return lambda page: Recorder().watch(page)


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page in a fresh context on the served site."""
    return new_context().new_page()


@pytest.fixture
def recorder(page: Page, watch: Callable[[Page], Recorder]) -> Recorder:
    """What ``page`` does from the start of the test."""
    return watch(page)


@pytest.fixture
def calculator(page: Page, policy_json: dict[str, Any]) -> Calculator:
    return Calculator(page, policy_json.get("reference_rates") or {})


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
        self.pages: OrderedDict[tuple[str, str], Page] = OrderedDict()

    def page(self, name: str, lang: str = FIRST_LANGUAGE) -> Page:
        key = (name, lang)
        if key not in self.pages or self.pages[key].is_closed():
            self.pages[key] = self.context.new_page()
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


@pytest.fixture(scope="session")
def booted(browser: Browser, site_url: str) -> Iterator[BootedPages]:
    """The session's calculator pages, each started once (see :class:`BootedPages`)."""
    context = open_context(browser, site_url)
    yield BootedPages(context)
    context.close()
