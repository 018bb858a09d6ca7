"""Worked examples computed when the handbook is built, so their figures follow the policy.

- :func:`credit_limit_example`: the limit method applied to the policy's sample customer;
- :func:`incentive_example`: the variable pay of the policy's sample sales rep for one period;
- :func:`sample_case`: a fictitious overdue invoice, dated so that the reference rates needed to
  compute its penalties are known, with the penalties computed by the ``calculators`` package
  (the code the penalty calculator page runs), for the sample letters.

Money is ``Decimal`` throughout; amounts are rounded once, where the policy says (the limit is
rounded down to its rounding step) or when they are shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import calculators
from calculators import policy_values
from calculators.penalty import REGIMES
from calculators.rates import RateBook, half_of, half_start

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
DAYS_PER_MONTH = Decimal(30)


# --- credit limit --------------------------------------------------------------------------
@dataclass(frozen=True)
class Ceiling:
    """An amount the limit may not exceed: ``kind`` names the rule, ``amount`` is its value."""

    kind: str
    amount: Decimal


@dataclass(frozen=True)
class ClassLimit:
    """The example's limit for a customer of one risk class: capped by the class maximum."""

    risk_class: Any
    limit: Decimal
    capped: bool


@dataclass(frozen=True)
class LimitExample:
    customer: str
    ceilings: list[Ceiling]
    smallest: Ceiling
    limit: Decimal
    approvers: list[str]
    by_class: list[ClassLimit]


def round_down(amount: Decimal, step: Decimal) -> Decimal:
    """``amount`` rounded down to a multiple of ``step`` (unchanged when ``step`` is 0)."""
    if step <= 0:
        return amount
    return (amount / step).to_integral_value(rounding=ROUND_FLOOR) * step


def approvers_for(amount: Decimal, bands: list[Any]) -> list[str]:
    """Role ids approving a limit of ``amount``: the band with ``above < amount <= up_to``."""
    for band in bands:
        if amount > band.above and (band.up_to is None or amount <= band.up_to):
            return list(band.approvers)
    return list(bands[0].approvers)  # a limit of 0 sits in the first band


def credit_limit_example(credit_limits: Any) -> LimitExample:
    """The limit method on the policy's example customer (see :func:`limit_method`)."""
    return limit_method(credit_limits, credit_limits.limit_method.example)


def limit_method(credit_limits: Any, example: Any) -> LimitExample:
    """The limit method on a customer (``equity``, ``insurer_cover``, ``monthly_purchases``,
    ``term_days``; ``customer``, if any, names it).

    limit = round_down(min(equity × equity_share / 100, insurer cover,
    monthly purchases × (term days + margin days) / 30), rounding), then at most the maximum
    limit of the customer's risk class (shown for each class).
    """
    method = credit_limits.limit_method
    ceilings = [Ceiling("equity", example.equity * method.equity_share / HUNDRED)]
    if method.use_insurer_cover and example.insurer_cover is not None:
        ceilings.append(Ceiling("insurer", example.insurer_cover))
    days = Decimal(example.term_days + method.margin_days)
    ceilings.append(Ceiling("purchases", example.monthly_purchases * days / DAYS_PER_MONTH))
    smallest = min(ceilings, key=lambda ceiling: ceiling.amount)
    limit = round_down(smallest.amount, method.rounding)
    by_class = [
        ClassLimit(risk_class, min(limit, risk_class.maximum_limit),
                   risk_class.maximum_limit < limit)
        for risk_class in credit_limits.risk_classes
    ]
    return LimitExample(
        customer=getattr(example, "customer", ""),
        ceilings=ceilings,
        smallest=smallest,
        limit=limit,
        approvers=approvers_for(limit, credit_limits.approval_bands),
        by_class=by_class,
    )


# --- sales incentives ----------------------------------------------------------------------
PERIODS_PER_YEAR = {"monthly": 12, "quarterly": 4, "half_yearly": 2, "yearly": 1}


@dataclass(frozen=True)
class CriterionResult:
    criterion: Any
    kpi: Any
    result: Decimal
    payout: Decimal
    amount: Decimal


@dataclass(frozen=True)
class IncentiveExample:
    sales_rep: str
    annual_target: Decimal
    periods_per_year: int
    period_target: Decimal
    lines: list[CriterionResult]
    total: Decimal
    share: Decimal


def payout_rate(result: Decimal, scale: list[Any], better: str) -> Decimal:
    """The share of a criterion's bonus paid for ``result``: the first step of the scale (best
    first) that the result reaches, at most the threshold when lower is better, at least it
    otherwise; 0 when no step is reached."""
    for step in scale:
        reached = result <= step.threshold if better == "lower" else result >= step.threshold
        if reached:
            return step.payout
    return Decimal(0)


def incentive_example(incentives: Any, kpis: list[Any]) -> IncentiveExample | None:
    """The sample rep's bonus for one period.

    period target = annual target / periods per year; for each criterion,
    amount = period target × weight / 100 × payout / 100; total rounded once, half-up, to the
    cent.
    """
    example = incentives.example
    if example is None:
        return None
    return incentive_for(incentives, kpis, example.target_bonus, example.results,
                         example.sales_rep)


def incentive_for(incentives: Any, kpis: list[Any], target_bonus: Decimal,
                  results: dict[str, Decimal], sales_rep: str = "") -> IncentiveExample:
    """The bonus of one period for a rep whose annual target is ``target_bonus`` and whose
    results per criterion id are ``results`` (see :func:`incentive_example`)."""
    per_year = PERIODS_PER_YEAR[incentives.period]
    period_target = target_bonus / per_year
    by_id = {kpi.id: kpi for kpi in kpis}
    lines = []
    for criterion in incentives.criteria:
        if criterion.id not in results:
            continue
        kpi = by_id[criterion.kpi]
        result = results[criterion.id]
        payout = payout_rate(result, criterion.scale, kpi.better)
        amount = period_target * criterion.weight / HUNDRED * payout / HUNDRED
        lines.append(CriterionResult(criterion, kpi, result, payout, amount))
    total = sum((line.amount for line in lines), Decimal(0))
    share = total / period_target * HUNDRED if period_target else Decimal(0)
    return IncentiveExample(
        sales_rep=sales_rep,
        annual_target=target_bonus,
        periods_per_year=per_year,
        period_target=period_target,
        lines=lines,
        total=total.quantize(CENT, rounding=ROUND_HALF_UP),
        share=share.quantize(CENT, rounding=ROUND_HALF_UP),
    )


# --- a sample overdue invoice, for the letters ---------------------------------------------
SAMPLE_AMOUNT = Decimal("12450.00")
SAMPLE_INVOICE_DAY = 15


@dataclass(frozen=True)
class Penalty:
    """What the penalty calculator returns for the sample invoice on one date."""

    as_of: dt.date
    days_late: int
    rate: Decimal
    interest: Decimal
    indemnity: Decimal
    total: Decimal
    legal_basis: str = ""
    """The articles the calculator applied (``Code de commerce, art. L441-10 II et D441-5``)."""


@dataclass(frozen=True)
class SampleCase:
    """A fictitious invoice: its dates, amount, and its penalties on each dunning day."""

    invoice_date: dt.date
    due_date: dt.date
    amount: Decimal
    penalties: dict[int, Penalty]

    def letter_date(self, day: int) -> dt.date:
        return self.due_date + dt.timedelta(days=day)


def due_date(invoice_date: dt.date, term: Any) -> dt.date:
    """The due date of an invoice under a policy payment term (L441-10 I computations), as the
    calculators compute it (:func:`calculators.policy_values.due_date`)."""
    return policy_values.due_date(invoice_date, term.model_dump(mode="json"))


def known_halves(policy: Any, regime: str) -> list[int]:
    """Half-years (numbered as :mod:`calculators.rates` numbers them) whose reference rate for
    ``regime`` is known, shipped or added by the policy, oldest first."""
    book = RateBook.spelled(policy.rates.reference_rates())
    return book.halves(REGIMES[regime].table)


def sample_case(policy: Any, days: list[int], lang: str,
                amount: Decimal = SAMPLE_AMOUNT) -> SampleCase:
    """A sample invoice under the standard term whose penalties can be computed on each of
    ``days`` (days after the due date): the latest invoice date, the 15th of the first month of
    a half-year, for which every date falls in half-years whose rate is known.
    """
    penalties_policy = policy.terms.late_penalties
    halves = known_halves(policy, penalties_policy.regime)
    known = set(halves)
    for half in reversed(halves):
        invoice_date = half_start(half).replace(day=SAMPLE_INVOICE_DAY)
        due = due_date(invoice_date, policy.terms.payment_term)
        last = due + dt.timedelta(days=max([0, *days]))
        if {half_of(due), half_of(last)} <= known:
            break
    else:
        raise ValueError(
            "no sample invoice date has known reference rates for the "
            f"{penalties_policy.regime} regime: add the rates to policy/rates.yaml"
        )
    penalties = {
        day: penalty_on(policy, due, due + dt.timedelta(days=day), lang, amount)
        for day in sorted(set(days)) if day > 0
    }
    return SampleCase(invoice_date, due, amount, penalties)


def penalty_on(policy: Any, due: dt.date, as_of: dt.date, lang: str,
               amount: Decimal = SAMPLE_AMOUNT) -> Penalty:
    """The penalty calculator, at the policy's late-penalty terms, on an invoice of ``amount``
    due on ``due`` and unpaid on ``as_of``."""
    late = policy.terms.late_penalties
    payload: dict[str, Any] = {
        "amount": str(amount),
        "due_date": due.isoformat(),
        "as_of": as_of.isoformat(),
        "regime": late.regime,
        "mode": late.mode,
        "basis": str(late.basis),
        "lang": lang,
        "reference_rates": policy.rates.reference_rates(),
    }
    if late.rate_kind == "contractual" and late.contractual_rate is not None:
        payload["rate"] = str(late.contractual_rate)
    result = calculators.run("penalty", payload)
    if "errors" in result:
        problems = "; ".join(f"{e['field']}: {e['message']}" for e in result["errors"])
        raise ValueError(f"the sample letter's penalties cannot be computed: {problems}")
    return Penalty(
        as_of=as_of,
        days_late=int(result["days_late"]),
        rate=Decimal(result["rate"]),
        interest=Decimal(result["interest"]),
        indemnity=Decimal(result["indemnity"]),
        total=Decimal(result["total"]),
        legal_basis=str(result.get("legal_basis", "")),
    )
