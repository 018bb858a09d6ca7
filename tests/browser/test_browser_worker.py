"""The Pyodide worker: a bounded wait with a plain message when it cannot start, and one worker
kept across Material's instant navigation (to a handbook page and back, then from calculator to
calculator), Python started once and computing like CPython on each page reached.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from calculators import batch
from encours.i18n import Catalogue
from tests.support.calculator_page import CALCULATOR_PATH
from tools.chromium import BOOT_TIMEOUT_MS

pytestmark = pytest.mark.browser

FORM = "form[data-calculator]"


def follow_links(page: Page, url: str, *, hops: int = 3) -> None:
    """Reach ``url`` by clicking visible links, as a reader would: the link to ``url`` when the
    page has one, else the link whose path is closest to it (a section tab, then its page)."""
    target = urlsplit(url).path.strip("/").split("/")

    def closeness(href: str) -> int:
        """How many leading path segments ``href`` shares with ``url``."""
        path = urlsplit(href).path.strip("/").split("/")
        shared = 0
        while shared < min(len(path), len(target)) and path[shared] == target[shared]:
            shared += 1
        return shared

    links = page.locator("a[href]")
    for _ in range(hops):
        if page.url == url:
            return
        hrefs = links.evaluate_all(
            "(links) => links.map((a) => (a.checkVisibility() && !a.hash ? a.href : ''))"
        )
        choices = [(href == url, closeness(href), index) for index, href in enumerate(hrefs)
                   if href.startswith(url.split("/", 3)[0] + "//") and href != page.url]
        assert choices, f"{page.url} has no link to follow towards {url}"
        index = max(choices)[2]
        href = hrefs[index]
        title = page.title()
        links.nth(index).click()
        page.wait_for_url(href)
        # Instant navigation changes the URL before it swaps the content in: wait for the new
        # page (its title), or the next hop would read the links of the old one.
        page.wait_for_function("(title) => document.title !== title", arg=title)
    assert page.url == url, f"{url} is not reachable by links within {hops} clicks"


def test_a_wrong_wasm_type_does_not_matter_to_the_compressed_runtime(
    new_context, octet_stream_site_url: str
) -> None:
    # The worker fetches pyodide.asm.wasm.br and gives the decoded bytes their type itself:
    # a server that sends .wasm as application/octet-stream no longer stops the calculators.
    page = new_context(octet_stream_site_url).new_page()
    page.goto(CALCULATOR_PATH, wait_until="domcontentloaded")
    page.fill(f'{FORM} [name="amount"]', "12000")
    status = page.locator("[data-status]")
    lang = page.locator(FORM).get_attribute("data-lang")
    expect(status).to_have_text(Catalogue(lang)("calculator.status.computed_now"), timeout=60_000)


def test_wrong_wasm_type_is_reported_instead_of_spinning(
    new_context, octet_stream_site_url: str
) -> None:
    context = new_context(octet_stream_site_url)
    # A start that does not finish (here Pyodide's loader never arrives), on a server that sends
    # .wasm with the wrong type: after the boot timeout, the page names the likely cause.
    context.route("**/pyodide.asm.mjs*", lambda route: None)  # never answered
    context.add_init_script("window.__encoursBootTimeoutMs = 5000")
    page = context.new_page()
    logged: list[str] = []
    page.on("console", lambda message: logged.append(message.text)
            if message.type == "error" else None)
    page.goto(CALCULATOR_PATH, wait_until="domcontentloaded")
    page.fill(f'{FORM} [name="amount"]', "12000")

    lang = page.locator(FORM).get_attribute("data-lang")
    message = Catalogue(lang)("calculator.status.failed_mime", detail="application/octet-stream")
    status = page.locator("[data-status]")
    expect(status).to_have_text(message, timeout=15_000)
    # The reader reads a plain message; the technical detail goes to the console.
    assert ".wasm" not in status.inner_text()
    assert any("application/wasm" in text and "application/octet-stream" in text
               for text in logged), logged
    expect(status).to_have_class(re.compile(r"\bencours-status--error\b"))
    expect(status.locator("progress")).to_have_count(0)


def test_worker_survives_instant_navigation(calculator, page: Page, recorder, site_url) -> None:
    calculator.open()
    calculator.wait_ready()
    boot_ms = page.evaluate("() => window.encoursCalculators.bootMs")
    assert boot_ms > 0
    page.evaluate("() => { window.__sameDocument = true; }")

    follow_links(page, f"{site_url}/")
    expect(page.locator(FORM)).to_have_count(0)
    follow_links(page, f"{site_url}{CALCULATOR_PATH}")
    expect(page.locator(f"{FORM}[data-bound]")).to_have_count(1)

    assert page.evaluate("() => window.__sameDocument === true"), (
        "following a link reloaded the page: instant navigation is not working"
    )
    assert page.evaluate("() => window.encoursCalculators.bootMs") == boot_ms
    assert len(recorder.calculator_workers()) == 1, recorder.workers
    calculator.set("amount", "15000")
    calculator.assert_shows(calculator.cpython())

    # From calculator to calculator through the navigation: Python is not started again.
    for name in ("dso", "discount"):
        page.locator(f'nav a[href$="/calculators/{name}/"]').first.click()
        page.wait_for_url(f"{site_url}/calculators/{name}/")
        expect(page.locator(f'{FORM}[data-calculator="{name}"][data-bound]')).to_have_count(1)
        assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    page.fill(f'{FORM} [name="discount_rate"]', "3")
    expected = batch.run_form("discount", calculator.payload())
    expect(page.locator('[data-output="nominal_rate"]')).to_have_attribute(
        "data-value", expected["nominal_rate"], timeout=BOOT_TIMEOUT_MS)
    assert page.evaluate("() => window.encoursCalculators.bootMs") == boot_ms
    assert len(recorder.calculator_workers()) == 1, recorder.workers
    assert not recorder.errors, recorder.errors
