"""Properties that must hold for every input (hypothesis): the invariants that catch real
mistakes in interest periods, rounding, countback, ratios and input handling."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from calc_support import PROPERTY
from hypothesis import given
from hypothesis import strategies as st

from calculators import CALCULATORS, describe, run, run_json
from calculators.discount import (
    breakeven_discount,
    discount_amount,
    effective_cost,
    financing_cost,
    nominal_cost,
)
from calculators.dso import countback_dso, simple_dso
from calculators.inputs import parse_number
from calculators.money import round_half_up
from calculators.penalty import Invoice, Terms, late_penalties, late_penalty
from calculators.rates import half_end, half_of
from calculators.unpaid import loss_from_invoice, sales_needed

CENT = Decimal("0.01")

# First and last day of the half-years each regime has rates for (shipped tables).
KNOWN = {"FR": (date(2019, 1, 1), date(2026, 6, 30)), "EU": (date(2019, 1, 1), date(2026, 6, 30)),
         "UK": (date(2020, 1, 1), date(2026, 6, 30)), "DE": (date(2022, 7, 1), date(2026, 6, 30))}


def money(low: int = 1, high: int = 10**11) -> st.SearchStrategy[Decimal]:
    """Amounts in cents, as exact decimals."""
    return st.integers(low, high).map(lambda c: Decimal(f"{c // 100}.{c % 100:02d}"))


@st.composite
def lateness(draw: st.DrawFn, regimes: tuple[str, ...] = ("FR", "EU", "UK", "DE")
             ) -> tuple[str, date, date, date]:
    """A regime, a due date and two payment dates (the second not earlier), all in known
    half-years."""
    regime = draw(st.sampled_from(regimes))
    first, last = KNOWN[regime]
    span = (last - first).days
    due = first - timedelta(days=1) + timedelta(days=draw(st.integers(0, span - 1)))
    paid = due + timedelta(days=draw(st.integers(-40, (last - due).days)))
    later = paid + timedelta(days=draw(st.integers(0, max(0, (last - paid).days))))
    return regime, due, paid, later


def _terms(regime: str, **kw: object) -> Terms:
    return Terms(regime=regime, **kw)  # type: ignore[arg-type]


# --- penalties -------------------------------------------------------------------------------

@PROPERTY
@given(lateness(), money())
def test_interest_never_decreases_as_payment_moves_later(case: tuple, amount: Decimal) -> None:
    regime, due, paid, later = case
    earlier = late_penalty(amount, due, paid, terms=_terms(regime))
    after = late_penalty(amount, due, later, terms=_terms(regime))
    assert earlier.interest_exact <= after.interest_exact
    assert earlier.interest <= after.interest
    assert earlier.days_late <= after.days_late


@PROPERTY
@given(lateness(("FR", "EU", "DE")), money(), money())
def test_splitting_an_invoice_keeps_interest_but_doubles_the_indemnity(
        case: tuple, first: Decimal, second: Decimal) -> None:
    regime, due, paid, _ = case
    whole = late_penalty(first + second, due, paid, terms=_terms(regime))
    parts = [late_penalty(part, due, paid, terms=_terms(regime)) for part in (first, second)]
    assert whole.interest_exact == parts[0].interest_exact + parts[1].interest_exact
    assert abs(whole.interest - parts[0].interest - parts[1].interest) <= CENT
    assert parts[0].indemnity + parts[1].indemnity == 2 * whole.indemnity


@PROPERTY
@given(lateness(("FR", "EU", "DE", "UK")), money(), money())
def test_instalments_owe_each_part_s_interest_and_one_indemnity(
        case: tuple, first: Decimal, second: Decimal) -> None:
    regime, due, paid, later = case
    amount = first + second
    instalments = late_penalty(amount, due, settlements=[(paid, first), (later, second)],
                               terms=_terms(regime))
    apart = late_penalties([Invoice(first, due, ((paid, first),)),
                            Invoice(second, due, ((later, second),))], terms=_terms(regime))
    assert instalments.interest_exact == sum(part.interest_exact for part in apart)
    late = later > due
    full = late_penalty(amount, due, later, terms=_terms(regime)).indemnity
    assert instalments.indemnity == (full if late else 0)


@PROPERTY
@given(lateness(), money(), st.sampled_from([365, 360]))
def test_periods_tile_the_delay_one_half_year_each(case: tuple, amount: Decimal,
                                                   basis: int) -> None:
    regime, due, paid, _ = case
    result = late_penalty(amount, due, paid, terms=_terms(regime, basis=basis))
    assert result.days_late == max(0, (paid - due).days)
    periods = result.periods
    if not result.days_late:
        assert (periods, result.interest, result.indemnity) == ((), 0, 0)
        return
    assert periods[0].start == due + timedelta(days=1) and periods[-1].end == paid
    for before, after in pairwise(periods):
        assert after.start == before.end + timedelta(days=1)
    for period in periods:
        assert period.days == (period.end - period.start).days + 1 > 0
        if regime != "UK":
            assert half_of(period.start) == half_of(period.end)
            assert period.end == paid or period.end == half_end(half_of(period.start))
    assert sum(period.days for period in periods) == result.days_late
    assert result.interest == round_half_up(sum(period.interest for period in periods))
    assert result.interest_exact == sum(
        Fraction(amount) * Fraction(p.rate) * p.days / (100 * basis) for p in periods)


@PROPERTY
@given(lateness(("FR",)), money(), st.integers(0, 200))
def test_fixed_and_split_agree_inside_one_half_year(case: tuple, amount: Decimal,
                                                    late: int) -> None:
    _, due, _, _ = case
    last = half_end(half_of(due + timedelta(days=1)))
    paid = min(last, due + timedelta(days=late))  # within the half-year lateness began
    split = late_penalty(amount, due, paid, terms=_terms("FR", mode="split"))
    fixed = late_penalty(amount, due, paid, terms=_terms("FR", mode="fixed"))
    assert split.interest_exact == fixed.interest_exact


@PROPERTY
@given(lateness(), money(), st.integers(2, 1000))
def test_interest_is_proportional_to_the_amount(case: tuple, amount: Decimal,
                                                factor: int) -> None:
    regime, due, paid, _ = case
    one = late_penalty(amount, due, paid, terms=_terms(regime))
    many = late_penalty(amount * factor, due, paid, terms=_terms(regime))
    assert many.interest_exact == factor * one.interest_exact


@PROPERTY
@given(lateness(), money())
def test_a_360_day_basis_never_charges_less(case: tuple, amount: Decimal) -> None:
    regime, due, paid, _ = case
    on_365 = late_penalty(amount, due, paid, terms=_terms(regime))
    on_360 = late_penalty(amount, due, paid, terms=_terms(regime, basis=360))
    assert on_360.interest_exact * 360 == on_365.interest_exact * 365
    assert on_360.interest >= on_365.interest


@PROPERTY
@given(st.lists(st.tuples(lateness(("FR",)), money(), st.sampled_from(["A", "B", None])),
                min_size=1, max_size=6))
def test_a_list_gives_what_each_invoice_gives_alone(invoices: list) -> None:
    rows = [{"amount": str(amount), "due_date": due.isoformat(),
             "payment_date": paid.isoformat(), "customer": customer}
            for (_, due, paid, _), amount, customer in invoices]
    batch = run("penalty", {"invoices": rows})
    for row, result in zip(rows, batch["invoices"], strict=True):
        alone = run("penalty", {key: row[key] for key in ("amount", "due_date", "payment_date")})
        assert {key: result[key] for key in ("interest", "indemnity", "total", "periods")} == {
            key: alone[key] for key in ("interest", "indemnity", "total", "periods")}
    assert Decimal(batch["totals"]["total"]) == sum(Decimal(r["total"]) for r in batch["invoices"])
    assert sum(Decimal(group["interest"]) for group in batch["by_customer"]) == Decimal(
        batch["totals"]["interest"])


# --- DSO, CEI, discount, unpaid --------------------------------------------------------------

def _cents(value: int) -> Decimal:
    return Decimal(f"{value // 100}.{value % 100:02d}")


@st.composite
def countback_case(draw: st.DrawFn) -> tuple[Decimal, list[tuple[Decimal, int]]]:
    """Months ``(sales, days)`` and receivables the months can absorb."""
    sales = draw(st.lists(st.integers(0, 10**9), min_size=1, max_size=24))
    days = [draw(st.integers(28, 31)) for _ in sales]
    receivables = draw(st.integers(0, sum(sales)))
    return _cents(receivables), [(_cents(cents), length) for cents, length in
                                 zip(sales, days, strict=True)]


@PROPERTY
@given(countback_case())
def test_countback_never_exceeds_the_days_it_consumed(case: tuple) -> None:
    receivables, months = case
    result = countback_dso(receivables, months)
    consumed = sum(step.month_days for step in result.steps)
    assert result.dso <= consumed
    assert result.dso >= sum(step.days for step in result.steps[:-1])
    assert all(step.days == step.month_days for step in result.steps[:-1])
    assert result.dso == (result.steps[-1].cumulative_days if result.steps else 0)


@PROPERTY
@given(st.integers(1, 10**9), st.integers(1, 24), st.integers(1, 31), st.data())
def test_countback_of_equal_months_is_the_simple_dso(sales_cents: int, count: int, days: int,
                                                     data: st.DataObject) -> None:
    sales = _cents(sales_cents)
    receivables = _cents(data.draw(st.integers(0, sales_cents * count)))
    countback = countback_dso(receivables, [(sales, days)] * count)
    assert countback.dso == simple_dso(receivables, sales * count, days * count)


@PROPERTY
@given(st.integers(0, 10**12), st.integers(0, 10**6), money(1, 10**10), st.integers(1, 400))
def test_best_possible_dso_plus_delinquency_is_the_dso(total_cents: int, share: int,
                                                       sales: Decimal, days: int) -> None:
    total, current = _cents(total_cents), _cents(total_cents * share // 10**6)
    result = run("dso", {"receivables": str(total), "current_receivables": str(current),
                         "sales": str(sales), "days": days})
    dso, best, add = (Decimal(result[key]) for key in ("dso", "bpdso", "add"))
    assert best <= dso
    assert abs(best + add - dso) <= CENT


@PROPERTY
@given(money(0), money(0), st.integers(0, 10**11), st.integers(0, 10**6), st.integers(1, 12))
def test_cei_is_at_most_100(begin: Decimal, sales: Decimal, end_cents: int, share: int,
                            months: int) -> None:
    end, current = _cents(end_cents), _cents(end_cents * share // 10**6)
    result = run("cei", {"begin_receivables": str(begin), "credit_sales": str(sales),
                         "end_receivables": str(end), "end_current_receivables": str(current),
                         "months": months})
    if "errors" in result:
        assert Fraction(begin) + Fraction(sales) / months - Fraction(current) <= 0
        return
    assert Decimal(result["cei"]) <= 100
    if current == end:
        assert result["cei"] == "100.00"


rates = st.integers(1, 9999).map(lambda r: Decimal(f"{r // 100}.{r % 100:02d}"))


@PROPERTY
@given(rates, st.integers(0, 120), st.integers(1, 365), rates, money())
def test_discount_cost_against_financing(discount: Decimal, early: int, gap: int,
                                         financing: Decimal, amount: Decimal) -> None:
    net = early + gap
    nominal = nominal_cost(discount, early, net)
    assert nominal_cost(discount, early, net, 360) < nominal
    effective = effective_cost(discount, early, net)
    if isinstance(effective, Fraction):  # exact: 365 / (N - D) is a whole number
        assert effective >= nominal
    else:  # 40 digits beyond the cent
        assert Fraction(effective) >= nominal - Fraction(1, 10**30)
    given_up = discount_amount(amount, discount)
    financed = financing_cost(amount, discount, financing, early, net)
    assert (nominal > Fraction(financing)) == (given_up > financed)
    assert nominal_cost(breakeven_discount(financing, early, net), early, net) == Fraction(
        financing)


@PROPERTY
@given(money(), rates, st.booleans(), money(0, 10**8), rates)
def test_unpaid_sales_needed_give_back_the_loss(amount: Decimal, vat: Decimal,
                                                recoverable: bool, costs: Decimal,
                                                margin: Decimal) -> None:
    loss = loss_from_invoice(amount, vat, recoverable, costs)
    assert loss <= loss_from_invoice(amount, vat, False, costs)
    assert sales_needed(loss, margin) * Fraction(margin) / 100 == loss


# --- input handling --------------------------------------------------------------------------

@PROPERTY
@given(st.integers(0, 10**15), st.sampled_from(["fr", "en", "plain", "json"]))
def test_typed_numbers_read_back_exactly(cents: int, style: str) -> None:
    value = Decimal(f"{cents // 100}.{cents % 100:02d}")
    whole = f"{cents // 100:,}"
    typed: object = {"fr": whole.replace(",", "\u202f") + f",{cents % 100:02d}",
                     "en": f"{whole}.{cents % 100:02d}",
                     "plain": str(value), "json": value}[style]
    assert parse_number(typed) == value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12)
    | st.decimals(allow_nan=True, allow_infinity=True, places=3),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
field_names = sorted({field["name"] for entry in describe().values()
                      for field in entry["fields"]} | {"lang", "reference_rates"})


@PROPERTY
@given(st.sampled_from(CALCULATORS),
       st.dictionaries(st.sampled_from(field_names) | st.text(max_size=6), json_values,
                       max_size=8))
def test_run_answers_anything_without_raising(name: str, payload: dict) -> None:
    result = run(name, payload)
    json.dumps(result)
    if "errors" in result:
        fields = [error["field"] for error in result["errors"]]
        assert result["errors"] and len(fields) == len(set(fields))
        assert all(isinstance(error["message"], str) and error["message"]
                   for error in result["errors"])
    else:
        assert isinstance(result["warnings"], list)


@PROPERTY
@given(st.sampled_from([*CALCULATORS, "other"]), st.text(max_size=40))
def test_run_json_answers_any_text(name: str, text: str) -> None:
    answer = json.loads(run_json(name, text))
    assert "errors" in answer or "warnings" in answer
