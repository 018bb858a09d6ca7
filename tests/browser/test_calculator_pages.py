"""Every calculator page in Chromium: the policy's defaults and their build-time result, the
worked examples of ``../shared/reference/examples.yaml`` computed by Python in the page, shareable
links, errors next to their field. (Instant navigation is in ``test_browser_worker.py``, axe-core
on each page in the walk of the whole site, ``test_site_walk.py``.)

Whatever the page shows is compared with what CPython's ``calculators`` compute for the inputs
then in the form (``calculators.batch.run_form``, which the worker calls too). Each page is
started once (``booted``) and reset between cases; the tests of what a load shows load it anew.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from calculators import batch
from encours.i18n import Catalogue
from encours.policy import load_policy
from encours.render.calculator_pages import PAGED, policy_defaults
from tests.support.browser import BootedPages
from tests.support.calculator_page import FORM_PAYLOAD, RESULT_SHOWN, Calculator, assert_result
from tests.support.harness import ROOT
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY

pytestmark = pytest.mark.browser

FORM = "form[data-calculator]"
PAYLOAD = FORM_PAYLOAD  # the inputs as the page sends them (the page's own formPayload)

# Reference examples: (calculator, id, inputs typed in the page, expected outputs).
EXAMPLES = [
    ("penalty", "FR-1", {"regime": "FR", "amount": "10000", "due_date": "2025-09-30",
                         "payment_date": "2025-11-30"},
     {"days_late": "61", "rate": "12.15", "interest": "203.05", "indemnity": "40.00",
      "total": "243.05"}),
    ("penalty", "FR-2", {"regime": "FR", "amount": "10000", "due_date": "2025-03-31",
                         "payment_date": "2025-05-15"},
     {"days_late": "45", "rate": "13.15", "interest": "162.12", "indemnity": "40.00"}),
    ("penalty", "UK-1", {"regime": "UK", "amount": "2000", "due_date": "2024-03-31",
                         "payment_date": "2024-05-15"},
     {"days_late": "45", "rate": "13.25", "interest": "32.67", "indemnity": "70.00"}),
    ("penalty", "DE-1", {"regime": "DE", "amount": "10000", "due_date": "2022-12-31",
                         "payment_date": "2023-06-30", "b2b": True},
     {"days_late": "181", "rate": "10.62", "interest": "526.64", "indemnity": "40.00"}),
    ("dso", "A1", {"method": "simple", "receivables": "30000", "sales": "60000", "days": "90",
                   "current_receivables": ""},
     {"dso": "45.00"}),
    ("dso", "B1", {"method": "simple", "receivables": "15000", "sales": "10000", "days": "30",
                   "current_receivables": "4000"},
     {"dso": "45.00", "bpdso": "12.00", "add": "33.00"}),
    ("dso", "C1", {"method": "countback", "receivables": "2500",
                   "months": "2025-11 1200\n2025-10 800\n2025-09 700", "days_per_month": "",
                   "current_receivables": ""},
     {"dso": "82.43"}),
    ("cei", "K2", {"begin_receivables": "100000", "credit_sales": "1000000",
                   "end_receivables": "120000", "end_current_receivables": "100000",
                   "months": "1"},
     {"cei": "98.00"}),
    ("discount", "D1", {"discount_rate": "2", "discount_days": "10", "net_days": "30",
                        "basis": "365"},
     {"nominal_rate": "37.24", "effective_rate": "44.59"}),
    ("discount", "D1-360", {"discount_rate": "2", "discount_days": "10", "net_days": "30",
                            "basis": "360"},
     {"nominal_rate": "36.73"}),
    ("unpaid", "U1", {"loss": "10000", "net_margin_rate": "5"}, {"sales_needed": "200000.00"}),
    ("unpaid", "F1", {"amount": "15000", "financing_rate": "4", "days_late": "45",
                      "basis": "360"},
     {"financing_cost": "75.00"}),
    # The policy tools, on the example policy (the figures; more cases in
    # test_policy_tools.py).
    ("limit", "policy", {"score": "75", "equity": "420000", "insurer_cover": "50000",
                         "monthly_purchases": "18000", "term_days": "45"},
     {"limit": "36000.00"}),
    ("order", "tolerance", {"limit": "36000", "outstanding": "36000", "order_amount": "1800"},
     {"exposure": "37800.00", "deposit_needed": "1800.00"}),
    ("plan", "uneven", {"arrears": "10000", "months": "3", "first_date": "2026-06-10"},
     {"instalment": "3333.33"}),
    ("bonus", "policy", {"target_bonus": "4000", "results.overdue": "6.2",
                         "results.payment_delay": "9", "results.disputes": "8"},
     {"total": "700.00"}),
]

# Bad input: (calculator, inputs, field that gets the message).
BAD_INPUTS = [
    ("penalty", {"amount": "abc"}, "amount"),
    ("penalty", {"amount": ""}, "amount"),
    ("penalty", {"amount": "dix mille"}, "amount"),
    ("penalty", {"amount": "-500"}, "amount"),
    ("penalty", {"due_date": ""}, "due_date"),
    ("dso", {"receivables": "abc"}, "receivables"),
    ("dso", {"months": "2025-11 1200\n2025-09 700"}, "months"),
    ("cei", {"credit_sales": "1 000 000 euros"}, "credit_sales"),
    ("discount", {"discount_days": "40"}, "net_days"),
    ("unpaid", {"net_margin_rate": "-3"}, "net_margin_rate"),
]
# The penalty page's defaults: reference example FR-1 (../shared/reference/examples.yaml), rule
# L441-10 II; and an amount whose result needs thousands separators.
FR_1 = {"amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30"}
FR_1_EXPECTED = {"interest": "203.05", "indemnity": "40.00", "total": "243.05"}
LARGE_AMOUNT = "1234567.89"


def url(name: str, lang: str = "fr", query: dict[str, str] | None = None) -> str:
    prefix = "" if lang == "fr" else f"/{lang}"
    return f"{prefix}/calculators/{name}/" + (f"?{urlencode(query)}" if query else "")


def set_inputs(page: Page, inputs: dict[str, Any]) -> None:
    """Type the inputs as a reader would: choices selected, boxes ticked, text typed."""
    for name, value in inputs.items():
        field = page.locator(f'{FORM} [name="{name}"]')
        tag = field.evaluate("(node) => node.tagName + ':' + (node.type || '')")
        if tag.startswith("SELECT"):
            field.select_option(value)
        elif tag.endswith("checkbox"):
            field.set_checked(bool(value))
        else:
            field.fill(value)


def cpython(page: Page, policy_json: dict[str, Any]) -> dict[str, Any]:
    """CPython's result for the form's inputs, with what the worker adds: the policy's rates,
    and its document for a policy tool."""
    payload = page.evaluate(PAYLOAD)
    name = page.locator(FORM).get_attribute("data-calculator")
    return batch.run_form(name, {"reference_rates": policy_json.get("reference_rates") or {},
                                 **payload}, policy_json)


def assert_shows(page: Page, expected: dict[str, Any]) -> None:
    """Every value and row of the result area is CPython's ``expected``; hidden outputs are
    those CPython leaves empty."""
    assert_result(page.evaluate(RESULT_SHOWN), expected, empty_hidden=True)


def wait_output(page: Page, name: str, value: str) -> None:
    expect(page.locator(f'[data-output="{name}"]')).to_have_attribute(
        "data-value", value, timeout=BOOT_TIMEOUT_MS)


# While the tab's window.name is "encours-test-hold", the calculators' worker is created
# without its boot message for a name (overrides/main.html), so Python does not start: its
# start waits for window.__encoursRelease(), which sends that message (and ends the hold for
# this tab). Holding the worker's answers instead would not do: what it says before the page's
# modules take it over is replayed to them, and with the runtime cached it can be ready by then.
HOLD_PYTHON = """
if (window.name === "encours-test-hold") {
  let calculators = null;
  let boot = null;
  const Real = window.Worker;
  window.Worker = class extends Real {
    constructor(url, options = {}) {
      const ours = String(url).includes("/encours-worker.mjs");
      super(url, ours ? { ...options, name: "" } : options);
      if (ours) [calculators, boot] = [this, options.name];
    }
  };
  window.__encoursRelease = () => {
    window.name = "";
    if (calculators && boot) calculators.postMessage(JSON.parse(boot));
  };
}
"""
RELEASE = "() => window.__encoursRelease ? window.__encoursRelease() : (window.name = '')"


@pytest.fixture(scope="module")
def policy():
    return load_policy(ROOT / "policy").policy


def texts(shown: dict) -> dict:
    """Only what a reader sees of a result: the text of every output, cell and list item."""
    return {
        "outputs": {name: output["text"] for name, output in shown["outputs"].items()},
        "rows": {
            name: [{column: cell["text"] for column, cell in row.items()} for row in rows]
            for name, rows in shown["rows"].items()
        },
        "lists": shown["lists"],
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", PAGED)
def test_defaults_and_their_result_are_shown_before_python(
    booted: BootedPages, policy, policy_json, name: str, lang: str
) -> None:
    """The page's own result (written by the build), then Python's: the same values, read the
    same way (the build's formats are the browser's ``Intl`` formats)."""
    # Python's answers are held until the page has been read: with the runtime in the browser's
    # caches (and the service worker serving the page), Python can otherwise be ready first.
    page = booted.page(name, lang)
    page.add_init_script(HOLD_PYTHON)
    page.evaluate("() => { window.name = 'encours-test-hold'; }")  # kept across the load
    try:
        page = booted.load(name, lang)
        assert page.evaluate("() => typeof window.__encoursRelease") == "function"  # held
        before = page.evaluate(RESULT_SHOWN)
        assert not page.evaluate(PYTHON_READY), "Python was ready before the page could be read"
        for field, value in policy_defaults(name, policy).items():
            assert page.input_value(f'{FORM} [name="{field}"]') == value, field
        note = Catalogue(lang)("calculator.defaults_from_policy", version=policy.document.version)
        expect(page.locator(".encours-defaults-note")).to_contain_text(note)
        expected = cpython(page, policy_json)
        assert_shows(page, expected)
        penalty = Calculator(page, policy_json.get("reference_rates") or {})
        if name == "penalty":
            assert {field: penalty.field(field) for field in FR_1} == FR_1, \
                "the defaults are not FR-1"
            for output, value in FR_1_EXPECTED.items():
                assert Decimal(before["outputs"][output]["value"]) == Decimal(value), output
            default = penalty.cpython()
            penalty.assert_shows(default, before)
            penalty.assert_reads(default, before)
    finally:
        # Released even when an assertion failed: the next test reuses this tab.
        page.evaluate(RELEASE)
    page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
    page.locator(f"{FORM} [data-reset]").click()  # recomputes the defaults in Python
    page.wait_for_function("() => window.__encoursComputed > 0", timeout=BOOT_TIMEOUT_MS)
    expect(page.locator("[data-status]")).to_have_text(
        Catalogue(lang)("calculator.status.computed_now"))
    assert_shows(page, expected)
    if name == "penalty":
        penalty.set("amount", LARGE_AMOUNT)  # thousands separators in the browser's formats
        large = penalty.cpython()
        penalty.assert_shows(large)
        penalty.assert_reads(large)
        assert Decimal(large["interest"]) >= 1000
        penalty.set("amount", FR_1["amount"])
        after = penalty.shown()
        penalty.assert_shows(default, after)
        assert texts(after) == texts(before), "Python's result reads differently from the page's"


@pytest.mark.parametrize("name", PAGED)
def test_worked_examples_are_reproduced_in_the_page(booted: BootedPages, policy_json,
                                                   name: str) -> None:
    page = booted.ready(name)
    for calculator, example, inputs, outputs in EXAMPLES:
        if calculator != name:
            continue
        page.locator(f"{FORM} [data-reset]").click()
        set_inputs(page, inputs)
        for output, value in outputs.items():
            wait_output(page, output, value)
        expected = cpython(page, policy_json)
        for output, value in outputs.items():
            assert expected[output] is not None and str(expected[output]) == value, example
        assert_shows(page, expected)


@pytest.mark.parametrize("name", PAGED)
def test_shareable_link_fills_the_form_and_computes(booted: BootedPages, policy_json,
                                                   name: str) -> None:
    _, _, inputs, outputs = next(e for e in EXAMPLES if e[0] == name)
    query = {key: ("true" if value is True else value) for key, value in inputs.items()
             if value != ""}
    page = booted.load(name, query=urlencode(query))
    for key, value in query.items():
        field = page.locator(f'{FORM} [name="{key}"]')
        if field.get_attribute("type") != "checkbox":
            assert field.input_value() == value, key
    page.wait_for_function("() => window.__encoursComputed > 0", timeout=BOOT_TIMEOUT_MS)
    for output, value in outputs.items():
        wait_output(page, output, value)
    assert_shows(page, cpython(page, policy_json))
    # Changing an input writes the link again: opening it elsewhere gives the same inputs.
    set_inputs(page, {next(iter(k for k in query if k not in ("regime", "method"))): "7"})
    page.wait_for_function("() => location.search.includes('=7')")


@pytest.mark.parametrize(("name", "inputs", "field"), BAD_INPUTS,
                         ids=[f"{n}-{f}-{i}" for i, (n, _, f) in enumerate(BAD_INPUTS)])
def test_bad_input_gets_python_s_message_next_to_its_field(
    booted: BootedPages, policy_json, name: str, inputs: dict[str, str], field: str
) -> None:
    page = booted.ready(name)
    good = {key: page.input_value(f'{FORM} [name="{key}"]') for key in inputs}
    set_inputs(page, inputs)
    box = page.locator(f'[data-error-for="{field}"]')
    expect(box).to_be_visible(timeout=BOOT_TIMEOUT_MS)
    expected = cpython(page, policy_json)
    messages = [e["message"] for e in expected.get("errors", []) if e["field"] == field]
    assert messages, expected
    expect(box).to_have_text(" ".join(messages))
    expect(page.locator(f'{FORM} [name="{field}"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-general-error]")).to_be_hidden()
    for other in page.locator("[data-error-for]").all():
        if other.get_attribute("data-error-for") != field:
            expect(other).to_be_hidden()
    assert "Traceback" not in page.content()

    before = page.evaluate("() => window.__encoursComputed")
    set_inputs(page, good)  # typing the good value back clears the message
    page.wait_for_function(f"() => window.__encoursComputed > {before}", timeout=BOOT_TIMEOUT_MS)
    expect(box).to_be_hidden()
    expect(box).to_have_text("")
    assert_shows(page, cpython(page, policy_json))
    set_inputs(page, inputs)
    expect(box).to_be_visible(timeout=BOOT_TIMEOUT_MS)
    page.locator(f"{FORM} [data-reset]").click()  # and so does "back to the defaults"
    expect(box).to_be_hidden(timeout=BOOT_TIMEOUT_MS)


def test_payment_before_the_due_date_owes_nothing(booted: BootedPages, policy_json) -> None:
    page = booted.ready("penalty")
    set_inputs(page, {"due_date": "2025-09-30", "payment_date": "2025-09-01"})
    wait_output(page, "total", "0.00")
    expect(page.locator("[data-error-for]:visible")).to_have_count(0)
    assert_shows(page, cpython(page, policy_json))


def test_regime_without_the_policy_mode_falls_back_to_its_own(booted: BootedPages) -> None:
    page = booted.ready("penalty")
    page.select_option(f'{FORM} [name="mode"]', "split")
    page.select_option(f'{FORM} [name="regime"]', "UK")
    assert page.input_value(f'{FORM} [name="mode"]') == ""
    expect(page.locator(f'{FORM} [name="rate"]')).to_be_disabled()
