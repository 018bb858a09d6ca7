"""Batch import in the page: a CSV of 10,000 invoices computed by Python in the browser, totals
equal to CPython's, errors by line, CSV export; a DSO file drawn as a trend chart. On the
session's started calculator pages (``booted``), reset before each case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from calculators import batch
from tests.support.browser import BootedPages
from tools.chromium import BOOT_TIMEOUT_MS
from tools.invoices import HEADER, invoices_csv

pytestmark = pytest.mark.browser

AS_OF = "2026-03-31"
BOX = ".encours-batch"


def open_batch(booted: BootedPages, name: str) -> Page:
    """The calculator page with Python ready and the batch box as the page shows it first."""
    page = booted.ready(name)
    page.evaluate("() => { for (const input of document.querySelectorAll("
                  "'.encours-batch input[type=date]')) input.value = input.defaultValue; }")
    return page


def upload(page: Page, text: str, encoding: str = "utf-8") -> None:
    page.evaluate("() => document.querySelector('.encours-batch').removeAttribute('data-done')")
    page.set_input_files(f"{BOX} [data-batch-file]", files=[
        {"name": "factures.csv", "mimeType": "text/csv", "buffer": text.encode(encoding)}])
    page.wait_for_selector(f"{BOX}[data-done]", state="attached", timeout=BOOT_TIMEOUT_MS)


def shown(page: Page, key: str) -> str:
    return page.get_attribute(f'[data-batch-output="{key}"]', "data-value")


def test_ten_thousand_invoices_total_what_cpython_computes(booted: BootedPages,
                                                            policy_json) -> None:
    text, _ = invoices_csv(10_000)
    page = open_batch(booted, "penalty")
    page.fill(f"{BOX} [data-batch-as-of]", AS_OF)
    upload(page, text)
    terms = {"regime": "FR", "mode": "split", "basis": "365", "b2b": True, "as_of": AS_OF,
             "lang": "fr", "reference_rates": policy_json.get("reference_rates") or {}}
    expected = batch.penalty_csv(text, terms)
    assert shown(page, "totals.count") == "10000"
    for key in ("interest", "indemnity", "total"):
        assert Decimal(shown(page, f"totals.{key}")) == Decimal(expected["totals"][key]), key
    customers = page.locator('[data-batch-rows="by_customer"] tr')
    expect(customers).to_have_count(len(expected["by_customer"]))
    expect(page.locator('[data-batch-rows="invoices"] tr')).to_have_count(batch.PREVIEW)
    expect(page.locator(f"{BOX} [data-batch-errors]")).to_be_hidden()
    print(f"10,000 invoices in the page: {page.get_attribute(BOX, 'data-ms')} ms")

    with page.expect_download() as download:
        page.click(f"{BOX} [data-batch-export]")
    exported = download.value.path().read_bytes().decode("utf-8-sig")
    assert exported == expected["csv"]


def test_bad_lines_are_listed_and_good_lines_counted(booted: BootedPages) -> None:
    page = open_batch(booted, "penalty")
    upload(page, f"{HEADER}\nF1;A;10000;2025-09-30;2025-11-30\nF2;A;dix;2025-09-30;\nF3;B\n")
    items = page.locator(f"{BOX} [data-batch-error-list] li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Ligne 3")
    expect(items.nth(0)).to_contain_text("montant")
    expect(items.nth(1)).to_contain_text("Ligne 4")
    assert shown(page, "totals.total") == "243.05"


def test_a_windows_1252_export_keeps_its_accents(booted: BootedPages) -> None:
    """French ERPs often export in Windows-1252: read as the command line reads it."""
    page = open_batch(booted, "penalty")
    upload(page, f"{HEADER}\nF1;Société Générale;10000;2025-09-30;2025-11-30\n", "cp1252")
    expect(page.locator('[data-batch-rows="by_customer"] tr').first).to_contain_text(
        "Société Générale")
    assert shown(page, "totals.total") == "243.05"


def test_an_empty_file_gets_a_plain_message(booted: BootedPages) -> None:
    page = open_batch(booted, "penalty")
    upload(page, "")
    expect(page.locator(f"{BOX} [data-batch-error-list] li")).to_contain_text("vide")
    expect(page.locator(f"{BOX} [data-batch-result]")).to_be_hidden()


def test_dso_file_is_drawn_with_the_policy_target(booted: BootedPages) -> None:
    page = open_batch(booted, "dso")
    months = ["2025-05;900;2100", "2025-06;1000;2200", "2025-07;800;2300", "2025-08;600;2000",
              "2025-09;700;1900", "2025-10;800;2100", "2025-11;1200;2500"]
    upload(page, "mois;ventes;encours\n" + "\n".join(months) + "\n")
    expected = batch.dso_csv("mois;ventes;encours\n" + "\n".join(months))
    cells = page.locator('[data-batch-rows="months"] td[data-field="countback"]')
    assert cells.evaluate_all("(cells) => cells.map((c) => c.dataset.value)") == [
        row["countback"] or "" for row in expected["months"]]
    chart = page.locator(f"{BOX} svg.encours-chart-svg")
    expect(chart).to_have_count(1)
    expect(chart.locator("path.line")).to_have_count(2)
    expect(chart.locator("line.target")).to_have_count(2)  # the line and its legend
    expect(chart.locator("circle.countback")).to_have_count(
        sum(1 for row in expected["months"] if row["countback"]))
