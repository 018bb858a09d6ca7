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

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.support.browser import BootedPages, open_context
from tests.support.calculator_page import Calculator, Recorder
from tools.chromium import launch_chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


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


@pytest.fixture(scope="session")
def booted(browser: Browser, site_url: str) -> Iterator[BootedPages]:
    """The session's calculator pages, each started once (see :class:`BootedPages`)."""
    context = open_context(browser, site_url)
    yield BootedPages(context)
    context.close()
