"""The page never fails silently: a date out of range in a shareable link is named next to its
field; a computation that fails in the worker shows the catalogue's plain message and marks the
old result as not matching the inputs; a file the csv module cannot read is named by line; the
page's export neutralises spreadsheet formulas (the same rule as the command line's, since the
export is written by Python's ``calculators.batch``).

The failure in Python is forced the way a bug would reach the worker: in a fresh page (so no other
test shares the sabotaged worker), the worker's ``JSON.stringify`` is replaced, through
Playwright's handle on the worker, by one that returns a number; the worker hands that number to
``calculators.batch.run_form_json``, which raises inside Python (``len()`` of an int) and answers
through its last resort. Nothing else in the worker changes: the answer travels the page's usual
path."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, Worker, expect

from calculators.messages import Catalogue
from tests.support.browser import BootedPages, calculator_url
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY
from tools.invoices import HEADER

pytestmark = pytest.mark.browser

FORM = "form[data-calculator]"
RESULT = "[data-result-for]"
BOX = ".encours-batch"
STALE = re.compile(r"\bencours-result--stale\b")


def calculator_worker(page: Page) -> Worker:
    return next(worker for worker in page.workers if "encours-worker" in worker.url)


def computed(page: Page, action) -> None:
    before = page.evaluate("() => window.__encoursComputed")
    action()
    page.wait_for_function(f"() => window.__encoursComputed > {before}", timeout=BOOT_TIMEOUT_MS)


def test_a_date_out_of_range_in_a_shared_link_is_named_next_to_its_field(
        booted: BootedPages) -> None:
    page = booted.load("penalty", query="payment_date=9999-12-31")
    page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
    box = page.locator('[data-error-for="payment_date"]')
    expect(box).to_be_visible(timeout=BOOT_TIMEOUT_MS)
    expect(box).to_contain_text("9998-12-31")
    expect(page.locator(f'{FORM} [name="payment_date"]')).to_have_attribute("aria-invalid",
                                                                             "true")
    expect(page.locator(RESULT)).to_have_class(STALE)
    assert "Traceback" not in page.content()
    booted.ready("penalty")  # back to the defaults for the next test


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_failure_in_python_shows_a_plain_message_and_marks_the_old_result(
        new_context, lang: str) -> None:
    context: BrowserContext = new_context()
    page = context.new_page()
    page.goto(calculator_url("penalty", lang))
    page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
    computed(page, lambda: page.fill(f'{FORM} [name="amount"]', "1000"))
    result = page.locator(RESULT)
    expect(result).not_to_have_class(STALE)
    general = page.locator("[data-general-error]")
    expect(general).to_be_hidden()

    calculator_worker(page).evaluate(
        "() => { self.__stringify = JSON.stringify; JSON.stringify = () => 42; }")
    computed(page, lambda: page.fill(f'{FORM} [name="amount"]', "2000"))
    message = Catalogue(lang)("error.internal")
    expect(general).to_be_visible()
    expect(general).to_have_text(message)
    expect(result).to_have_class(STALE)
    status = page.locator(f"{RESULT} [data-status]")
    expect(status).to_have_text(message)  # at the result too, not "computed"
    expect(status).to_have_class(re.compile(r"\bencours-status--error\b"))
    assert "Traceback" not in page.content()

    calculator_worker(page).evaluate(
        "() => { JSON.stringify = self.__stringify; }")  # the worker mended
    computed(page, lambda: page.fill(f'{FORM} [name="amount"]', "3000"))
    expect(general).to_be_hidden()
    expect(result).not_to_have_class(STALE)
    expect(status).not_to_have_class(re.compile(r"\bencours-status--error\b"))


def test_a_file_the_csv_module_cannot_read_is_named_by_line(booted: BootedPages) -> None:
    page = booted.ready("penalty")
    page.evaluate("() => document.querySelector('.encours-batch').removeAttribute('data-done')")
    text = f'{HEADER}\nF1;A;1000;2025-09-30;2025-11-30\nF2;"{"x" * 200_000}\n'
    page.set_input_files(f"{BOX} [data-batch-file]", files=[
        {"name": "factures.csv", "mimeType": "text/csv", "buffer": text.encode()}])
    page.wait_for_selector(f"{BOX}[data-done]", state="attached", timeout=BOOT_TIMEOUT_MS)
    items = page.locator(f"{BOX} [data-batch-error-list] li")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Ligne 3")
    expect(items.first).to_contain_text("131")


def test_the_page_s_export_neutralises_formulas(booted: BootedPages) -> None:
    page = booted.ready("penalty")
    page.evaluate("() => document.querySelector('.encours-batch').removeAttribute('data-done')")
    names = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(A1)"]
    lines = [f'F{index};"{name.replace(chr(34), chr(34) * 2)}";1000;2025-09-30;2025-11-30'
             for index, name in enumerate(names)]
    text = "\n".join([HEADER, *lines]) + "\n"
    page.set_input_files(f"{BOX} [data-batch-file]", files=[
        {"name": "factures.csv", "mimeType": "text/csv", "buffer": text.encode()}])
    page.wait_for_selector(f"{BOX}[data-done]", state="attached", timeout=BOOT_TIMEOUT_MS)
    with page.expect_download() as download:
        page.click(f"{BOX} [data-batch-export]")
    exported = download.value.path().read_bytes().decode("utf-8-sig")
    rows = [line.split(";") for line in exported.splitlines()[1:]]
    assert len(rows) == len(names)
    for row in rows:
        customer = row[1].strip('"')
        assert customer.startswith("'"), row
        assert row[2] == "1000,00", row  # amounts stay numbers
