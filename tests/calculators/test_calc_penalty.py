"""Late-payment penalties: half-year edges, leap years, regimes, unknown rates, instalments,
open invoices, lists of invoices, enormous amounts. Expected values are worked out here from
the rule (exact fractions, rounded half-up once), never copied from the calculator."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from calc_support import field_errors

from calculators import run
from calculators.money import round_half_up


def _penalty(**payload: object) -> dict:
    result = run("penalty", payload)
    assert "errors" not in result, result
    return result


def _interest(amount: str, *slices: tuple[str, int], basis: int = 365) -> Decimal:
    """Σ amount × rate × days / (100 × basis), exact, rounded once."""
    exact = sum(Fraction(amount) * Fraction(rate) * days / (100 * basis) for rate, days in slices)
    return round_half_up(exact)


# --- half-year edges and calendar -----------------------------------------------------------

def test_delay_across_30_june_and_1_july_is_split() -> None:
    result = _penalty(amount="10000", due_date="2025-06-29", payment_date="2025-07-01")
    assert [(p["start"], p["end"], p["days"], p["rate"]) for p in result["periods"]] == [
        ("2025-06-30", "2025-06-30", 1, "13.15"), ("2025-07-01", "2025-07-01", 1, "12.15")]
    assert result["days_late"] == 2
    assert result["rate"] is None  # two rates: see the periods
    assert Decimal(result["interest"]) == _interest("10000", ("13.15", 1), ("12.15", 1))


def test_due_on_30_june_is_late_from_1_july_only() -> None:
    result = _penalty(amount="10000", due_date="2025-06-30", payment_date="2025-07-01")
    assert [(p["start"], p["days"], p["rate"]) for p in result["periods"]] == [
        ("2025-07-01", 1, "12.15")]


def test_delay_across_31_december_and_1_january_is_split() -> None:
    result = _penalty(amount="10000", due_date="2024-12-30", payment_date="2025-01-01")
    assert [(p["start"], p["end"], p["rate"]) for p in result["periods"]] == [
        ("2024-12-31", "2024-12-31", "14.25"), ("2025-01-01", "2025-01-01", "13.15")]


def test_due_on_31_december_is_late_from_1_january_only() -> None:
    result = _penalty(amount="10000", due_date="2024-12-31", payment_date="2025-01-01")
    assert [(p["start"], p["rate"]) for p in result["periods"]] == [("2025-01-01", "13.15")]


def test_leap_day_is_a_day_late_and_the_basis_stays_365() -> None:
    result = _penalty(amount="10000", due_date="2024-02-28", payment_date="2024-03-01")
    assert result["days_late"] == 2
    assert Decimal(result["interest"]) == _interest("10000", ("14.50", 2))


def test_a_year_of_delay_counts_every_half_year() -> None:
    result = _penalty(amount="10000", due_date="2023-12-31", payment_date="2024-12-31")
    assert [(p["days"], p["rate"]) for p in result["periods"]] == [(182, "14.50"),
                                                                    (184, "14.25")]
    assert result["days_late"] == 366


@pytest.mark.parametrize("paid", ["2025-09-30", "2025-09-29", "2024-01-01"])
def test_payment_on_or_before_due_date_owes_nothing(paid: str) -> None:
    result = _penalty(amount="10000", due_date="2025-09-30", payment_date=paid)
    assert (result["days_late"], result["interest"], result["indemnity"], result["total"],
            result["periods"], result["rate"]) == (0, "0.00", "0.00", "0.00", [], None)


def test_rounding_is_half_up_on_the_total() -> None:
    # 365.00 x 12.15 % x 30 / 365 = 3.645 exactly: half-up gives 3.65 (half-even would be 3.64).
    result = _penalty(amount="365", due_date="2025-09-30", payment_date="2025-10-30")
    assert result["interest"] == "3.65"


def test_360_day_basis() -> None:
    result = _penalty(amount="10000", due_date="2025-09-30", payment_date="2025-11-30",
                      basis=360)
    assert Decimal(result["interest"]) == _interest("10000", ("12.15", 61), basis=360)
    assert result["basis"] == 360


# --- modes and regimes ----------------------------------------------------------------------

def test_fixed_mode_keeps_the_rate_of_the_first_half_year() -> None:
    split = _penalty(amount="10000", due_date="2025-06-15", payment_date="2025-08-14")
    fixed = _penalty(amount="10000", due_date="2025-06-15", payment_date="2025-08-14",
                     mode="fixed")
    assert Decimal(split["interest"]) == _interest("10000", ("13.15", 15), ("12.15", 45))
    assert Decimal(fixed["interest"]) == _interest("10000", ("13.15", 60))
    assert fixed["mode"] == "fixed" and fixed["rate"] == "13.15"


def test_eu_directive_is_ecb_plus_8() -> None:
    result = _penalty(regime="EU", amount="10000", due_date="2025-09-30",
                      payment_date="2025-11-30")
    assert (result["rate"], result["indemnity"], result["currency"]) == ("10.15", "40.00",
                                                                         "EUR")
    assert "2011/7" in result["legal_basis"]


def test_uk_rate_is_fixed_for_the_life_of_the_debt() -> None:
    # Late from 1 June 2023: Bank Rate on 31 December 2022 (3.50) + 8, even after 1 July,
    # when the reference became 5.00.
    result = _penalty(regime="UK", amount="5000", due_date="2023-05-31",
                      payment_date="2023-08-30")
    assert [(p["start"], p["end"], p["rate"]) for p in result["periods"]] == [
        ("2023-06-01", "2023-08-30", "11.50")]
    assert result["mode"] == "fixed"
    assert Decimal(result["interest"]) == _interest("5000", ("11.50", 91))


def test_germany_with_a_consumer_is_base_rate_plus_5_without_lump_sum() -> None:
    result = _penalty(regime="DE", amount="10000", due_date="2022-12-31",
                      payment_date="2023-06-30", b2b=False)
    assert (result["rate"], result["indemnity"]) == ("6.62", "0.00")
    assert result["legal_basis"].startswith("BGB § 288 (1)")


def test_germany_negative_base_rate_still_gives_positive_interest() -> None:
    result = _penalty(regime="DE", amount="10000", due_date="2022-09-30",
                      payment_date="2022-10-30")
    assert result["rate"] == "8.12"  # -0.88 + 9


@pytest.mark.parametrize(("payload", "field"), [
    ({"regime": "UK", "mode": "split"}, "mode"),
    ({"regime": "EU", "mode": "fixed"}, "mode"),
    ({"regime": "DE", "rate": "12"}, "rate"),
    ({"regime": "FR", "b2b": False}, "b2b"),
    ({"regime": "UK", "b2b": "non"}, "b2b"),
])
def test_terms_a_regime_does_not_allow(payload: dict, field: str) -> None:
    errors = field_errors("penalty", {"amount": "100", "due_date": "2025-01-31",
                                 "payment_date": "2025-02-28", **payload})
    assert list(errors) == [field]


def test_contractual_rate_above_the_floor_applies_without_warning() -> None:
    result = _penalty(amount="10000", due_date="2025-09-30", payment_date="2025-11-30",
                      rate="15")
    assert (result["rate"], result["warnings"]) == ("15.00", [])
    assert "contractuel" in result["legal_basis"]
    assert Decimal(result["interest"]) == _interest("10000", ("15", 61))


def test_contractual_rate_below_the_floor_gets_the_floor_of_each_half_year() -> None:
    result = _penalty(amount="10000", due_date="2024-12-15", payment_date="2025-01-15",
                      rate="12")
    # 2024-H2 floor 3 x 4.92 = 14.76 applies; 2025-H1 floor 3 x 3.71 = 11.13 is below 12.
    assert [(p["rate"]) for p in result["periods"]] == ["14.76", "12.00"]
    assert len(result["warnings"]) == 1 and "14,76" in result["warnings"][0]


# --- rates that are not known, and rates from the policy -------------------------------------

def test_unknown_half_year_is_an_error_naming_it() -> None:
    errors = field_errors("penalty", {"amount": "10000", "due_date": "2026-05-31",
                                 "payment_date": "2026-07-15"})
    assert list(errors) == ["payment_date"]
    assert "2026-H2" in errors["payment_date"]
    assert "ecb_main_refinancing_rate" in errors["payment_date"]


def test_unknown_half_year_at_the_start_is_blamed_on_the_due_date() -> None:
    errors = field_errors("penalty", {"amount": "10000", "due_date": "2026-06-30",
                                 "payment_date": "2026-07-15", "lang": "en"})
    assert list(errors) == ["due_date"]
    assert "second half of 2026 (2026-H2)" in errors["due_date"]


def test_policy_rates_fill_a_missing_half_year() -> None:
    result = _penalty(amount="10000", due_date="2026-05-31", payment_date="2026-07-15",
                      reference_rates={"ecb_main_refinancing_rate": {"2026-H2": "2,00"}})
    assert [p["rate"] for p in result["periods"]] == ["12.15", "12.00"]


def test_policy_rates_take_precedence_over_shipped_ones() -> None:
    result = _penalty(amount="10000", due_date="2025-09-30", payment_date="2025-11-30",
                      reference_rates={"ecb_main_refinancing_rate": {"2025-H2": "3"}})
    assert result["rate"] == "13.00"


def test_policy_legal_interest_rate_in_one_or_two_columns() -> None:
    base = {"amount": "10000", "due_date": "2026-07-31", "payment_date": "2026-08-31",
            "rate": "1"}
    one = _penalty(**base, reference_rates={"france_legal_interest_rate": {"2026-H2": "2.5"}})
    two = _penalty(**base, reference_rates={"france_legal_interest_rate": {
        "2026-H2": ["6.5", "2.5"]}})
    assert one["rate"] == two["rate"] == "7.50"


def test_bad_policy_rates_are_reported_where_they_are() -> None:
    errors = field_errors("penalty", {
        "amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30",
        "reference_rates": {"ecb_main_refinancing": {}, "germany_basiszinssatz": {
            "2026-S2": "1", "2026-H2": "un"}, "uk_bank_rate_reference": "4"}})
    assert set(errors) == {"reference_rates.ecb_main_refinancing",
                           "reference_rates.germany_basiszinssatz.2026-S2",
                           "reference_rates.germany_basiszinssatz.2026-H2",
                           "reference_rates.uk_bank_rate_reference"}
    assert "ecb_main_refinancing_rate" in errors["reference_rates.ecb_main_refinancing"]


# --- instalments and open invoices ----------------------------------------------------------

def test_open_invoice_runs_to_as_of() -> None:
    result = _penalty(amount="10000", due_date="2025-09-30", as_of="2025-11-30")
    assert (result["payment_date"], result["as_of"], result["days_late"]) == (
        None, "2025-11-30", 61)
    assert result["interest"] == _penalty(amount="10000", due_date="2025-09-30",
                                          payment_date="2025-11-30")["interest"]
    assert len(result["warnings"]) == 1


def test_open_invoice_not_yet_due_owes_nothing() -> None:
    result = _penalty(amount="10000", due_date="2025-09-30", as_of="2025-09-01")
    assert (result["days_late"], result["total"]) == (0, "0.00")


def test_part_paid_invoice_charges_the_rest_to_as_of() -> None:
    result = _penalty(amount="10000", due_date="2025-09-30", as_of="2025-11-30",
                      payments=[{"date": "2025-10-30", "amount": "4 000"}])
    assert [(p["amount"], p["days"]) for p in result["periods"]] == [("4000.00", 30),
                                                                     ("6000.00", 61)]
    assert Decimal(result["interest"]) == round_half_up(
        Fraction(4000 * 30 + 6000 * 61) * Fraction("12.15") / 36500)
    assert result["indemnity"] == "40.00"


@pytest.mark.parametrize(("payload", "field", "words"), [
    ({"payments": [{"date": "2025-10-30", "amount": "12000"}]}, "payments", "dépassent"),
    ({"payments": [{"date": "2025-10-30", "amount": "4000"}]}, "payments", "as_of"),
    ({"payment_date": "2025-10-30", "payments": [{"date": "2025-10-30", "amount": "1"}]},
     "payments", "pas les deux"),
    ({}, "payment_date", "as_of"),
    ({"payments": [{"date": "2025-10-32", "amount": "0"}]}, "payments[0].date", "calendrier"),
])
def test_inconsistent_settlements(payload: dict, field: str, words: str) -> None:
    errors = field_errors("penalty", {"amount": "10000", "due_date": "2025-09-30", **payload})
    assert field in errors and words in errors[field], errors


def test_payments_with_a_bad_amount_report_only_that() -> None:
    errors = field_errors("penalty", {"amount": "10000", "due_date": "2025-09-30",
                                 "payments": [{"date": "2025-10-30", "amount": "0"}]})
    assert list(errors) == ["payments[0].amount"]


# --- lists of invoices ----------------------------------------------------------------------

INVOICES = [
    {"id": "F1", "customer": "Alpha", "amount": "10000", "due_date": "2025-09-30",
     "payment_date": "2025-11-30"},
    {"id": "F2", "customer": "Beta", "amount": "2500.50", "due_date": "2025-03-31",
     "payment_date": "2025-05-15"},
    {"id": "F3", "customer": "Alpha", "amount": "800", "due_date": "2025-10-31"},
    {"id": 4, "amount": "99", "due_date": "2025-11-30", "payment_date": "2025-11-01"},
]


def test_list_gives_each_invoice_as_if_alone_with_totals() -> None:
    result = _penalty(invoices=INVOICES, as_of="2025-12-31")
    for row, invoice in zip(result["invoices"], INVOICES, strict=True):
        alone = _penalty(**{k: v for k, v in invoice.items() if k not in ("id", "customer")},
                         as_of="2025-12-31")
        assert row["id"] == str(invoice["id"]) and row["customer"] == invoice.get("customer")
        for key in ("days_late", "rate", "interest", "indemnity", "total", "periods"):
            assert row[key] == alone[key], key
    rows = result["invoices"]
    totals = result["totals"]
    assert totals["count"] == 4 and totals["late"] == 3
    for key in ("interest", "indemnity", "total"):
        assert Decimal(totals[key]) == sum(Decimal(row[key]) for row in rows)
    assert totals["indemnity"] == "120.00"
    by_customer = {group["customer"]: group for group in result["by_customer"]}
    assert set(by_customer) == {"Alpha", "Beta", None}
    assert Decimal(by_customer["Alpha"]["interest"]) == Decimal(rows[0]["interest"]) + Decimal(
        rows[2]["interest"])
    assert sum(group["count"] for group in result["by_customer"]) == 4
    assert len(result["warnings"]) == 1  # F3 is still open


def test_errors_in_a_list_name_the_invoice() -> None:
    bad = [*INVOICES[:3], {"amount": "-5", "due_date": "2025-02-30"},
           {"amount": "5", "due_date": "2026-06-30", "payment_date": "2026-07-02"}]
    errors = field_errors("penalty", {"invoices": bad, "as_of": "2025-12-31"})
    assert set(errors) == {"invoices[3].amount", "invoices[3].due_date",
                           "invoices[4].due_date"}
    assert "2026-H2" in errors["invoices[4].due_date"]


def test_single_invoice_fields_and_a_list_do_not_mix() -> None:
    errors = field_errors("penalty", {"invoices": INVOICES[:1], "amount": "5"})
    assert list(errors) == ["amount"]


# --- sizes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("amount", ["1" + "0" * 40 + ".01", "9" * 100 + ".99", "0.01"])
def test_any_amount_is_exact(amount: str) -> None:
    result = _penalty(amount=amount, due_date="2024-12-15", payment_date="2025-03-01")
    exact = Fraction(amount) * (Fraction("14.25") * 16 + Fraction("13.15") * 60) / 36500
    assert Decimal(result["interest"]) == round_half_up(exact)
    assert Fraction(result["total"]) == Fraction(round_half_up(exact)) + 40  # exact, no context
    assert "E" not in result["total"] and result["amount"] == f"{Decimal(amount):.2f}"
