"""Browser fixtures: one headless Debian Chromium per session, a fresh context per test, and
``calculator``, the penalty calculator page driven as a reader would and read back as data
(helpers in ``tests/support/calculator_page.py``).

Every page counts, through an init script, the results a calculator announced (the
``encours:computed`` event); ``recorder`` (or ``watch(page)``) also records what the page does:
its requests, its console errors and uncaught exceptions, the Web Workers it starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.support.calculator_page import (  # noqa: F401 (kept for tests importing them from here)
    COUNT_COMPUTATIONS,
    RESULT_SHOWN,
    Calculator,
    Recorder,
    cell_value,
    same_value,
)
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

    def make(base_url: str = site_url) -> BrowserContext:
        context = browser.new_context(base_url=base_url)  # en-US: the page must not care
        context.add_init_script(COUNT_COMPUTATIONS)
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
