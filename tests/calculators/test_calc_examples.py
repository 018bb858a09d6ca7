"""Every worked example of shared/reference/examples.yaml (copied in reference_examples.json),
to the cent, through the public API (and the pure functions where the example is about them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from calc_support import EXAMPLES, example

from calculators import run
from calculators.money import round_half_up, two_places
from calculators.penalty import contract_floor, statutory_rate, uk_fixed_sum
from calculators.rates import parse_half
from calculators.terms import days_then_end_of_month, end_of_month_then_days

SPECIAL = {"FR-4", "FR-5", "FR-7", "FR-8", "UK-5", "C2"}
"""Examples with a test of their own below; the others are run as given."""


def _with_input(group: str) -> list[dict]:
    return [item for item in EXAMPLES[group] if "in" in item and item["id"] not in SPECIAL]


def _ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


PENALTY_RUNS = _with_input("penalty")
DSO_RUNS = _with_input("dso")
UNPAID_RUNS = _with_input("unpaid")
COVERED = {*SPECIAL, *_ids(PENALTY_RUNS), *_ids(DSO_RUNS), *_ids(UNPAID_RUNS),
           *_ids(EXAMPLES["cei"]), *_ids(EXAMPLES["discount"])}


@pytest.mark.parametrize("case", PENALTY_RUNS, ids=_ids(PENALTY_RUNS))
def test_penalty_example(case: dict) -> None:
    result = run("penalty", case["in"])
    assert "errors" not in result, result
    for key, expected in case["expect"].items():
        assert result[key] == expected, key


# The half-year each of FR-4 and FR-5 is about, as stated in its note.
HALF_OF_NOTE = {"FR-4": "2024-H2", "FR-5": "2023-H2"}


@pytest.mark.parametrize("example_id", sorted(HALF_OF_NOTE))
def test_french_default_rate_and_contract_floor(example_id: str) -> None:
    expect = example("penalty", example_id)["expect"]
    half = parse_half(HALF_OF_NOTE[example_id])
    assert two_places(contract_floor(half)) == expect["contract_floor"]
    if "default_rate" in expect:
        assert two_places(statutory_rate("FR", half)) == expect["default_rate"]
    # The same figures through the calculator: a delay inside that half-year, at the
    # default rate, then with a contractual rate of 1 % (below the floor).
    year, second = HALF_OF_NOTE[example_id][:4], HALF_OF_NOTE[example_id].endswith("H2")
    due, paid = (f"{year}-08-31", f"{year}-09-30") if second else (f"{year}-02-28",
                                                                    f"{year}-03-31")
    default = run("penalty", {"amount": "1000", "due_date": due, "payment_date": paid})
    if "default_rate" in expect:
        assert default["rate"] == expect["default_rate"]
    floored = run("penalty", {"amount": "1000", "due_date": due, "payment_date": paid,
                              "rate": "1"})
    assert floored["rate"] == expect["contract_floor"]
    assert len(floored["warnings"]) == 1
    assert expect["contract_floor"].replace(".", ",") in floored["warnings"][0]


def test_fr7_part_payments_owe_one_indemnity() -> None:
    instalments = run("penalty", {
        "amount": "10000", "due_date": "2025-03-31",
        "payments": [{"date": "2025-04-30", "amount": "4000"},
                     {"date": "2025-05-15", "amount": "6000"}],
    })
    assert instalments["indemnity"] == "40.00"
    assert instalments["days_late"] == 45
    # Interest is that of each part for its own delay: 4000 x 30 days + 6000 x 45 days.
    apart = run("penalty", {"invoices": [
        {"amount": "4000", "due_date": "2025-03-31", "payment_date": "2025-04-30"},
        {"amount": "6000", "due_date": "2025-03-31", "payment_date": "2025-05-15"},
    ]})
    assert apart["totals"]["indemnity"] == "80.00"
    rate = Fraction(1315, 10000)  # ECB 3.15 on 1 January 2025 + 10 points
    exact = 4000 * rate * Fraction(30, 365) + 6000 * rate * Fraction(45, 365)
    assert Decimal(instalments["interest"]) == round_half_up(exact)
    assert abs(Decimal(instalments["interest"]) - Decimal(apart["totals"]["interest"])) <= Decimal(
        "0.01")


def test_fr8_forty_five_days_end_of_month() -> None:
    expect = example("penalty", "FR-8")["expect"]
    invoice = date(2025, 1, 15)  # 15 January of a non-leap year
    assert f"{end_of_month_then_days(invoice, 45):%m-%d}" == expect["end_of_month_then_45_days"]
    assert f"{days_then_end_of_month(invoice, 45):%m-%d}" == expect["then_end_of_month"]


def test_uk5_fixed_sum_thresholds() -> None:
    for debt, expected in example("penalty", "UK-5")["expect_fixed_sum"].items():
        result = run("penalty", {"regime": "UK", "amount": debt, "due_date": "2024-03-31",
                                 "payment_date": "2024-05-15"})
        assert result["indemnity"] == expected, debt
        assert result["currency"] == "GBP"
        assert two_places(uk_fixed_sum(Decimal(debt))) == expected


@pytest.mark.parametrize("case", DSO_RUNS, ids=_ids(DSO_RUNS))
def test_dso_example(case: dict) -> None:
    result = run("dso", case["in"])
    assert "errors" not in result, result
    for key, expected in case["expect"].items():
        assert result[key] == expected, key


def test_c2_countback_with_thirty_day_months() -> None:
    case = example("dso", "C2")
    months = [{"sales": sales} for sales in case["in"]["month_sales_latest_first"]]
    result = run("dso", {"method": "countback", "receivables": case["in"]["receivables"],
                         "months": months, "days_per_month": case["in"]["days_per_month"]})
    assert result["dso"] == case["expect"]["dso"]
    assert [step["month_days"] for step in result["steps"]] == [30, 30, 30]


def test_cei_example() -> None:
    for case in EXAMPLES["cei"]:
        assert run("cei", case["in"])["cei"] == case["expect"]["cei"]


def test_discount_example() -> None:
    for case in EXAMPLES["discount"]:
        expect = case["expect"]
        on_365 = run("discount", case["in"])
        on_360 = run("discount", {**case["in"], "basis": 360})
        assert on_365["nominal_rate"] == expect["nominal_rate_365"]
        assert on_360["nominal_rate"] == expect["nominal_rate_360"]
        assert on_365["effective_rate"] == on_360["effective_rate"] == expect["effective_rate"]


@pytest.mark.parametrize("case", UNPAID_RUNS, ids=_ids(UNPAID_RUNS))
def test_unpaid_example(case: dict) -> None:
    result = run("unpaid", case["in"])
    assert "errors" not in result, result
    for key, expected in case["expect"].items():
        assert result[key] == expected, key


def test_every_example_is_covered() -> None:
    """A new example in the reference must get a test."""
    every = {item["id"] for group, items in EXAMPLES.items() if group != "_about"
             for item in items}
    assert every == COVERED
