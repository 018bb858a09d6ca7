"""Early-payment discount cost and cost of an unpaid invoice: rules, boundaries and errors."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from calc_support import computed, field_errors

from calculators.money import round_half_up

D1 = {"discount_rate": "2", "discount_days": 10, "net_days": 30}


def test_discount_compared_with_financing_and_in_money() -> None:
    result = computed("discount", {**D1, "financing_rate": "4", "amount": "10000"})
    assert result["discount_costs_more"] is True
    assert result["discount_amount"] == "200.00"
    assert result["net_amount"] == "9800.00"
    # 9 800 financed for the 20 days it comes in early, at 4 % on 365 days.
    assert Decimal(result["financing_cost"]) == round_half_up(
        Fraction(9800) * Fraction(4, 100) * Fraction(20, 365))
    # Break-even x / (1 + x), x = 4 % x 20 / 365.
    x = Fraction(4, 100) * Fraction(20, 365)
    assert Decimal(result["breakeven_discount_rate"]) == round_half_up(x / (1 + x) * 100)


def test_cheap_discount_does_not_cost_more_than_dear_financing() -> None:
    result = computed("discount", {**D1, "financing_rate": "40"})
    assert result["discount_costs_more"] is False
    assert (result["discount_amount"], result["financing_cost"]) == (None, None)


def test_discount_without_options_gives_the_costs_only() -> None:
    result = computed("discount", D1)
    assert result["breakeven_discount_rate"] is None and result["discount_costs_more"] is None


def test_discount_paid_at_once_still_has_a_cost() -> None:
    result = computed("discount", {"discount_rate": "1", "discount_days": 0, "net_days": 1})
    d = Fraction(1, 99)
    assert Decimal(result["nominal_rate"]) == round_half_up(d * 365 * 100)
    assert Decimal(result["effective_rate"]) > Decimal(result["nominal_rate"])


def test_extreme_discount_is_computed_not_overflowed() -> None:
    result = computed("discount", {"discount_rate": "99.99", "discount_days": 0, "net_days": 1})
    # (10 000^365 - 1) x 100 = 10^1462 - 100, to the cent: 1 460 nines, then 00.00.
    assert result["effective_rate"] == "9" * 1460 + "00.00"


@pytest.mark.parametrize(("payload", "field"), [
    ({"discount_rate": "100"}, "discount_rate"),
    ({"discount_rate": "0"}, "discount_rate"),
    ({"discount_rate": "-2"}, "discount_rate"),
    ({"net_days": 10}, "net_days"),
    ({"net_days": 5}, "net_days"),
    ({"discount_days": -1}, "discount_days"),
    ({"basis": 364}, "basis"),
])
def test_discountfield_errors(payload: dict, field: str) -> None:
    assert field in field_errors("discount", {**D1, **payload})


def test_unpaid_with_recoverable_vat_loses_the_amount_excluding_vat() -> None:
    result = computed("unpaid", {"amount": "1200", "vat_rate": "20", "vat_recoverable": True,
                            "recovery_costs": "150", "net_margin_rate": "5"})
    assert result["loss"] == "1150.00"  # 1000 excluding VAT + 150
    assert result["sales_needed"] == "23000.00"
    assert len(result["warnings"]) == 1


def test_unpaid_without_recoverable_vat_loses_everything() -> None:
    result = computed("unpaid", {"amount": "1200", "vat_rate": "20", "net_margin_rate": "8"})
    assert (result["loss"], result["sales_needed"]) == ("1200.00", "15000.00")


def test_unpaid_loss_is_rounded_once_not_before_the_division() -> None:
    # 1000 / 1.2 = 833.333…; 833.333… / 3 % = 27 777.78 (not 833.33 / 3 % = 27 777.67).
    result = computed("unpaid", {"amount": "1000", "vat_rate": "20", "vat_recoverable": "oui",
                            "net_margin_rate": "3"})
    assert (result["loss"], result["sales_needed"]) == ("833.33", "27777.78")


def test_late_payment_financing_and_the_sales_that_pay_for_it() -> None:
    result = computed("unpaid", {"amount": "15000", "financing_rate": "4", "days_late": 45,
                            "basis": 360, "net_margin_rate": "5"})
    assert (result["financing_cost"], result["financing_sales_needed"]) == ("75.00", "1500.00")


def test_zero_days_late_costs_nothing() -> None:
    result = computed("unpaid", {"amount": "15000", "financing_rate": "4", "days_late": 0})
    assert result["financing_cost"] == "0.00"


@pytest.mark.parametrize(("payload", "fields"), [
    ({"loss": "1000", "net_margin_rate": "0"}, {"net_margin_rate"}),
    ({"loss": "1000", "net_margin_rate": "-5"}, {"net_margin_rate"}),
    ({"loss": "1000", "net_margin_rate": "150"}, {"net_margin_rate"}),
    ({"net_margin_rate": "5"}, {"loss"}),
    ({"amount": "100", "vat_recoverable": True}, {"vat_rate"}),
    ({"amount": "100", "days_late": -3, "financing_rate": "4"}, {"days_late"}),
    ({"amount": "100", "days_late": 3}, {"financing_rate"}),
    ({"loss": "100", "days_late": 3, "financing_rate": "4"}, {"amount"}),
])
def test_unpaidfield_errors(payload: dict, fields: set[str]) -> None:
    assert set(field_errors("unpaid", payload)) == fields
