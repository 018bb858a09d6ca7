"""The policy tools' pages (limit, order, plan, bonus) in Chromium, through shareable links: the
cases of the core's tests (``tests/calculators/test_calc_*.py``), to the cent, including the
boundaries (a score at a class boundary, an exposure exactly at the tolerance and a cent more, a
plan whose instalments do not divide evenly, a month-end first date, a result exactly at a tier's
threshold and a cent above the last), in both languages; the policy's example at first paint;
bad input named on its field with the last good result kept and marked as not matching.

Every page is compared whole with ``python -m calculators NAME --policy assets/policy.json`` on
the same fields (the worker passes the same document to the same entry point).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from calculators.__main__ import main
from tests.support.browser import BootedPages
from tests.support.calculator_page import RESULT_SHOWN, assert_result
from tools.chromium import BOOT_TIMEOUT_MS

pytestmark = pytest.mark.browser

BONUS = {"target_bonus": "4000", "results.overdue": "6.2", "results.payment_delay": "9",
         "results.disputes": "8"}
AT_LIMIT = {"limit": "36000", "outstanding": "36000"}

# (calculator, the link's fields, outputs expected to the cent: a path → value)
CASES = [
    ("limit", {"score": "75", "equity": "420000", "insurer_cover": "50000",
               "monthly_purchases": "18000", "term_days": "45"},
     {"risk_class": "A", "limit": "36000.00", "approvers": ["credit_manager"]}),
    ("limit", {"score": "70", "equity": "2000000", "insurer_cover": "100000",
               "monthly_purchases": "60000", "term_days": "45"},
     {"risk_class": "B", "limit": "80000.00", "capped": True, "approvers": ["cfo"]}),
    ("limit", {"score": "71", "equity": "2000000", "insurer_cover": "100000",
               "monthly_purchases": "60000", "term_days": "45"},
     {"risk_class": "A", "limit": "100000.00", "capped": False}),
    ("limit", {"score": "40", "equity": "123456.78", "insurer_cover": "90000",
               "monthly_purchases": "20000", "term_days": "30"},
     {"by_equity": "12345.68", "limit": "12000.00", "review_months": 6}),
    ("order", {**AT_LIMIT, "order_amount": "1800"},
     {"exposure": "37800.00", "blocked": False, "rules": [], "deposit_needed": "1800.00"}),
    ("order", {**AT_LIMIT, "order_amount": "1800.01"},
     {"exposure": "37800.01", "blocked": True, "rules": ["over_limit"],
      "temporary_increase.up_to": "43200.00"}),
    ("order", {**AT_LIMIT, "order_amount": "1800.01", "cause": "lowered_limit"},
     {"blocked": True, "cause": "lowered_limit"}),
    ("order", {"limit": "36000", "outstanding": "1000", "order_amount": "1000",
               "oldest_overdue_days": "15"},
     {"blocked": True, "rules": ["overdue"]}),
    ("plan", {"arrears": "10000", "months": "3", "first_date": "2026-06-10"},
     {"instalments": [("2026-06-10", "3333.33"), ("2026-07-10", "3333.33"),
                      ("2026-08-10", "3333.34")]}),
    ("plan", {"arrears": "3001", "months": "6", "first_date": "2026-06-10"},
     {"instalment": "500.17"}),
    ("plan", {"arrears": "10000", "months": "4", "first_date": "2026-01-31"},
     {"instalments": [("2026-01-31", "2500.00"), ("2026-02-28", "2500.00"),
                      ("2026-03-31", "2500.00"), ("2026-04-30", "2500.00")]}),
    ("bonus", BONUS, {"total": "700.00"}),
    ("bonus", {**BONUS, "results.overdue": "10"}, {"criteria.0.tier": 3, "total": "580.00"}),
    ("bonus", {**BONUS, "results.overdue": "10.01"},
     {"criteria.0.tier": None, "criteria.0.amount": "0.00"}),
]
# (calculator, a bad field and its value, the field that gets the message)
BAD = [
    ("limit", {"score": "1000"}, "score"),
    ("order", {"order_amount": "abc"}, "order_amount"),
    ("plan", {"months": "0"}, "months"),
    ("plan", {"first_date": "2026-02-31"}, "first_date"),
    ("bonus", {"results.overdue": "beaucoup"}, "results.overdue"),
]


def at(result: Any, path: str) -> Any:
    for key in path.split("."):
        result = result[int(key)] if isinstance(result, list) else result.get(key)
    return result


def payload_of(fields: dict[str, str], lang: str) -> dict[str, Any]:
    """The JSON input of a link's fields: ``results.<id>`` entries as the ``results`` object."""
    payload: dict[str, Any] = {"lang": lang}
    for key, value in fields.items():
        if key.startswith("results."):
            payload.setdefault("results", {})[key.split(".", 1)[1]] = value
        else:
            payload[key] = value
    return payload


def command_line(name: str, payload: dict[str, Any], policy_file: Path) -> dict[str, Any]:
    out = io.StringIO()
    main([name, "--policy", str(policy_file)], stdin=io.StringIO(json.dumps(payload)),
         stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def open_link(booted: BootedPages, name: str, lang: str, fields: dict[str, str]) -> Page:
    page = booted.load(name, lang, urlencode(fields))
    page.wait_for_function("() => window.__encoursComputed > 0", timeout=BOOT_TIMEOUT_MS)
    return page


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", ["limit", "order", "plan", "bonus"])
def test_the_cases_through_a_shareable_link(booted: BootedPages, built_site: Path, name: str,
                                           lang: str) -> None:
    policy_file = built_site / "assets" / "policy.json"
    for calculator, fields, expected in CASES:
        if calculator != name:
            continue
        answer = command_line(name, payload_of(fields, lang), policy_file)
        assert "errors" not in answer, answer
        for path, value in expected.items():
            if path == "instalments":
                assert [(item["date"], item["amount"]) for item in answer[path]] == value
            else:
                assert at(answer, path) == value, (fields, path)
        page = open_link(booted, name, lang, fields)
        expect(page.locator("[data-error-for]:not([hidden])")).to_have_count(0)
        assert_result(page.evaluate(RESULT_SHOWN), answer, empty_hidden=True)
        steps = page.locator('[data-output-list="explanation"] li').all_text_contents()
        assert steps == answer["explanation"], "the steps in words are not the command line's"


@pytest.mark.parametrize("name", ["limit", "order", "plan", "bonus"])
def test_the_policy_s_example_at_first_paint_and_its_steps(booted: BootedPages, name: str) -> None:
    page = booted.load(name, "fr")
    shown = page.evaluate(RESULT_SHOWN)
    if name == "limit":
        assert shown["outputs"]["limit"]["value"] == "36000.00"
    if name == "bonus":
        assert shown["outputs"]["total"]["value"] == "700.00"
    assert page.locator('[data-output-list="explanation"] li').count() >= 3
    if name == "plan":
        letter = page.locator('[data-output="acknowledgement.body"]')
        expect(letter).to_contain_text("10 000,00")  # the sum filled in
        expect(page.locator("[data-print-letter]")).to_be_visible()


@pytest.mark.parametrize(("name", "bad", "field"), BAD,
                         ids=[f"{n}-{f}" for n, _, f in BAD])
def test_bad_input_is_named_on_its_field_and_the_last_result_is_marked(
    booted: BootedPages, name: str, bad: dict[str, str], field: str
) -> None:
    page = booted.ready(name)
    good = page.evaluate(RESULT_SHOWN)
    before = page.evaluate("() => window.__encoursComputed")
    page.fill(f'form[data-calculator] [name="{field}"]', next(iter(bad.values())))
    page.wait_for_function(f"() => window.__encoursComputed > {before}", timeout=BOOT_TIMEOUT_MS)
    box = page.locator(f'[data-error-for="{field}"]')
    expect(box).to_be_visible()
    assert box.text_content().strip()
    expect(page.locator(f'form[data-calculator] [name="{field}"]')).to_have_attribute(
        "aria-invalid", "true")
    expect(page.locator("[data-result-for]")).to_have_class(
        "encours-result encours-result--stale")
    assert page.evaluate(RESULT_SHOWN) == good, "the last good result is not kept"
    assert "Traceback" not in page.content()
