"""DSO (simple, countback, BPDSO, ADD) and CEI: rules, boundaries and errors."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from calc_support import computed, field_errors

from calculators.money import round_half_up


def test_countback_uses_real_calendar_days_including_leap_february() -> None:
    result = computed("dso", {"method": "countback", "receivables": "150", "months": [
        {"month": "2024-03", "sales": "100"}, {"month": "2024-02", "sales": "100"}]})
    assert [step["month_days"] for step in result["steps"]] == [31, 29]
    assert Decimal(result["dso"]) == round_half_up(31 + Fraction(50, 100) * 29)
    assert result["days_covered"] == 60


def test_countback_months_may_cross_a_year() -> None:
    result = computed("dso", {"method": "countback", "receivables": "250", "months": [
        {"month": "2025-01", "sales": "100"}, {"month": "2024-12", "sales": "100"},
        {"month": "2024-11", "sales": "100"}]})
    assert result["dso"] == "77.00"  # 31 + 31 + 0.5 x 30
    assert [step["month"] for step in result["steps"]] == ["2025-01", "2024-12", "2024-11"]


def test_countback_stops_where_the_receivables_run_out() -> None:
    result = computed("dso", {"method": "countback", "receivables": "100", "months": [
        {"month": "2025-11", "sales": "100"}, {"month": "2025-10", "sales": "50"}]})
    assert (result["dso"], len(result["steps"])) == ("30.00", 1)


def test_countback_with_no_receivables_is_zero() -> None:
    result = computed("dso", {"method": "countback", "receivables": "0",
                         "months": [{"month": "2025-11", "sales": "100"}]})
    assert (result["dso"], result["steps"]) == ("0.00", [])


def test_countback_running_out_of_history_is_an_error_with_the_days_covered() -> None:
    errors = field_errors("dso", {"method": "countback", "receivables": "5000", "months": [
        {"month": "2025-11", "sales": "1200"}, {"month": "2025-10", "sales": "800"}]})
    assert list(errors) == ["months"]
    assert "61 jours" in errors["months"] and "3000,00" in errors["months"]


def test_countback_best_possible_dso_and_add() -> None:
    result = computed("dso", {"method": "countback", "receivables": "2500",
                         "current_receivables": "1500", "months": [
                             {"month": "2025-11", "sales": "1200"},
                             {"month": "2025-10", "sales": "800"},
                             {"month": "2025-09", "sales": "700"}]})
    assert result["bpdso"] == "41.63"  # 30 + 300 / 800 x 31
    assert result["add"] == "40.80"  # 82.43 - 41.63, both exact before rounding


def test_months_must_follow_each_other() -> None:
    errors = field_errors("dso", {"method": "countback", "receivables": "100", "months": [
        {"month": "2025-11", "sales": "10"}, {"month": "2025-09", "sales": "10"},
        {"sales": "10"}]})
    assert set(errors) == {"months[1].month", "months[2].month"}
    assert "2025-10" in errors["months[1].month"]


@pytest.mark.parametrize(("payload", "fields"), [
    ({"method": "simple", "receivables": "1"}, {"sales", "days"}),
    ({"method": "simple", "receivables": "1", "sales": "0", "days": 0}, {"sales", "days"}),
    ({"method": "simple", "receivables": "1", "sales": "1", "days": -30}, {"days"}),
    ({"receivables": "1", "sales": "1", "days": 30, "months": [{"sales": "1"}]}, {"months"}),
    ({"method": "countback", "receivables": "1"}, {"months"}),
    ({"method": "countback", "receivables": "1", "months": []}, {"months"}),
    ({"method": "countback", "receivables": "1", "sales": "2",
      "months": [{"month": "2025-13", "sales": "1"}]}, {"sales", "months[0].month"}),
    ({"receivables": "10", "current_receivables": "11", "sales": "1", "days": 1},
     {"current_receivables"}),
    ({"receivables": "1", "sales": "1", "days": 30, "days_per_month": 30}, {"days_per_month"}),
])
def test_dsofield_errors(payload: dict, fields: set[str]) -> None:
    assert set(field_errors("dso", payload)) == fields


def test_cei_of_several_months_uses_monthly_sales() -> None:
    result = computed("cei", {"begin_receivables": "100000", "credit_sales": "3000000",
                         "end_receivables": "120000", "end_current_receivables": "100000",
                         "months": 3})
    assert result["monthly_sales"] == "1000000.00"
    assert result["cei"] == "98.00"


def test_cei_is_100_when_nothing_overdue_remains() -> None:
    result = computed("cei", {"begin_receivables": "5000", "credit_sales": "10000",
                         "end_receivables": "7000", "end_current_receivables": "7000"})
    assert result["cei"] == "100.00"


@pytest.mark.parametrize(("payload", "field"), [
    ({"end_current_receivables": "130000"}, "end_current_receivables"),
    ({"months": 0}, "months"),
    ({"begin_receivables": "0", "credit_sales": "0", "end_current_receivables": "0"},
     "end_current_receivables"),
    ({"credit_sales": None}, "credit_sales"),
])
def test_ceifield_errors(payload: dict, field: str) -> None:
    base = {"begin_receivables": "100000", "credit_sales": "1000000",
            "end_receivables": "120000", "end_current_receivables": "100000"}
    assert field in field_errors("cei", {**base, **payload})
