"""The penalty page in Chromium: the public-buyer regime through a shareable link, and a rate
the tables lack, asked of the reader, typed, used, announced and kept in the link. The page must
show what CPython's ``calculators`` compute for the same inputs, to the cent."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

import calculators

pytestmark = pytest.mark.browser

FORM = "form[data-calculator]"
TYPED = 'input[name="reference_rates.ecb_main_refinancing_rate.2026-H2"]'


def test_public_buyer_through_a_shareable_link(calculator, page) -> None:
    # Invoice of 10 000 EUR received 2026-03-02, 30 days: due 2026-04-01, paid 20 days late.
    calculator.open("?regime=FR-PUBLIC&amount=10000&due_date=2026-04-01"
                    "&payment_date=2026-04-21")
    calculator.wait_ready()
    calculator.wait_computed(0)
    expected = calculators.run("penalty", {"regime": "FR-PUBLIC", "amount": "10000",
                                           "due_date": "2026-04-01",
                                           "payment_date": "2026-04-21"})
    assert (expected["interest"], expected["indemnity"], expected["total"]) == (
        "55.62", "40.00", "95.62")
    assert calculator.payload()["regime"] == "FR-PUBLIC"
    assert "mode" not in calculator.payload()  # the policy's "split" does not apply here
    calculator.assert_shows(calculator.cpython())
    calculator.assert_reads(expected)
    assert calculator.output("total") == Decimal("95.62")
    assert "R2192-31" in calculator.shown()["outputs"]["legal_basis"]["text"]


def test_a_missing_rate_is_asked_for_typed_and_kept_in_the_link(calculator, page) -> None:
    calculator.open()
    calculator.wait_ready()
    calculator.set("amount", "10000")
    calculator.set("payment_date", "2026-11-30")
    calculator.set("due_date", "2026-09-30")
    # The tables stop at 2026-H1: the page asks for the second half of 2026's ECB rate.
    typed = page.locator(f"{FORM} {TYPED}")
    expect(typed).to_be_visible()
    box = page.locator(f'{FORM} [data-typed-rate="reference_rates.ecb_main_refinancing_rate.'
                       '2026-H2"]')
    expect(box.locator("label")).to_contain_text("2e semestre 2026")
    link = box.locator("a")
    assert "banque-france.fr" in link.get_attribute("href")
    expect(page.locator(f'{FORM} [data-error-for="due_date"]')).to_contain_text("2026-H2")
    notice = page.locator("[data-typed-notice]")
    expect(notice).to_be_hidden()

    calculator.set("reference_rates.ecb_main_refinancing_rate.2026-H2", "2.15")
    cli = calculators.run("penalty", {
        "amount": "10000", "due_date": "2026-09-30", "payment_date": "2026-11-30",
        "mode": "split", "reference_rates": {"ecb_main_refinancing_rate": {"2026-H2": "2.15"}}})
    assert (cli["days_late"], cli["rate"], cli["interest"], cli["total"]) == (
        61, "12.15", "203.05", "243.05")
    assert calculator.payload()["reference_rates"] == {
        "ecb_main_refinancing_rate": {"2026-H2": "2.15"}}
    calculator.assert_shows(calculator.cpython())
    calculator.assert_reads(cli)
    expect(page.locator(f'{FORM} [data-error-for="due_date"]')).to_be_hidden()
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("saisi par vous")
    expect(notice).to_contain_text("2,15")

    # The shareable link carries the typed rate and reproduces the figure.
    query = urlsplit(page.url).query
    assert parse_qs(query)["reference_rates.ecb_main_refinancing_rate.2026-H2"] == ["2.15"]
    shared = page.context.new_page()
    shared.add_init_script("window.__encoursComputed = 0; document.addEventListener("
                           "'encours:computed', () => { window.__encoursComputed += 1; });")
    shared.goto(urlsplit(page.url).path + "?" + query, wait_until="domcontentloaded")
    shared.wait_for_function("() => window.__encoursComputed > 0", timeout=120_000)
    expect(shared.locator(f"{FORM} {TYPED}")).to_have_value("2.15")
    expect(shared.locator('[data-result-for] [data-output="total"]')).to_have_attribute(
        "data-value", "243.05")
    expect(shared.locator("[data-typed-notice]")).to_be_visible()


def test_a_wrong_typed_rate_gets_a_message_next_to_it(calculator, page) -> None:
    calculator.open("?amount=10000&due_date=2026-09-30&payment_date=2026-11-30"
                    "&reference_rates.ecb_main_refinancing_rate.2026-H2=abc")
    calculator.wait_ready()
    calculator.wait_computed(0)
    name = "reference_rates.ecb_main_refinancing_rate.2026-H2"
    expected = calculators.run("penalty", calculator.payload())
    message = next(error["message"] for error in expected["errors"] if error["field"] == name)
    expect(page.locator(f'{FORM} [data-error-for="{name}"]')).to_have_text(message)
    expect(page.locator(f"{FORM} {TYPED}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-typed-notice]")).to_be_hidden()
    calculator.set(name, "2,15")  # a French decimal comma is read too
    expect(page.locator('[data-result-for] [data-output="total"]')).to_have_attribute(
        "data-value", "243.05")
