"""Worked examples computed when the handbook is built, so their figures follow the policy.

- :func:`credit_limit_example`: the ``limit`` tool on the policy's sample customer;
- :func:`incentive_example`: the ``bonus`` tool on the policy's sample sales rep, one period;
- :func:`sample_case`: a fictitious overdue invoice, dated so that the reference rates needed to
  compute its penalties are known, with the penalties computed by the ``calculators`` package
  (the code the penalty calculator page runs), for the sample letters.

Money is ``Decimal`` throughout; amounts are rounded once, where the policy says (the limit is
rounded down to its rounding step) or when they are shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import calculators
from calculators import limit as limit_tool
from calculators import policy_values
from calculators.penalty import REGIMES
from calculators.rates import RateBook, half_of, half_start
from encours.render.policy_document import tool_values


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


def run_tool(name: str, payload: dict[str, Any], policy: Any) -> dict[str, Any]:
    """A policy tool on the policy's own values (the ``assets/policy.json`` the page and the
    command line read); raises ``ValueError`` if the policy's example is refused."""
    result = calculators.run(name, payload, tool_values(policy))
    if "errors" in result:
        problems = "; ".join(f"{e['field']}: {e['message']}" for e in result["errors"])
        raise ValueError(f"the policy's {name} example cannot be computed: {problems}")
    return result


def credit_limit_example(policy: Any) -> LimitExample:
    """The ``limit`` tool on the policy's example customer, once per risk class (the score at
    the top of each class): the three amounts, the smallest, rounded down to the policy's
    rounding (the limit before any class's cap, with its approvers), and the limit for each
    class, capped by its maximum."""
    limits = policy.credit_limits
    example = limits.limit_method.example
    payload: dict[str, Any] = {"equity": str(example.equity),
                               "monthly_purchases": str(example.monthly_purchases),
                               "term_days": example.term_days}
    if example.insurer_cover is not None:
        payload["insurer_cover"] = str(example.insurer_cover)
    results = [run_tool("limit", {**payload, "score": risk_class.score_max}, policy)
               for risk_class in limits.risk_classes]
    first = results[0]
    ceilings = [Ceiling(kind, Decimal(first[f"by_{kind}"]))
                for kind in ("equity", "insurer", "purchases") if first[f"by_{kind}"] is not None]
    smallest = min(ceilings, key=lambda ceiling: ceiling.amount)
    rounded = Decimal(first["rounded"])
    values = tool_values(policy)
    return LimitExample(
        customer=example.customer,
        ceilings=ceilings,
        smallest=smallest,
        limit=rounded,
        approvers=list(limit_tool.approvers_for(rounded, values.approval_bands)),
        by_class=[ClassLimit(risk_class, Decimal(result["limit"]), result["capped"])
                  for risk_class, result in zip(limits.risk_classes, results, strict=True)],
    )


# --- blocked order -------------------------------------------------------------------------
@dataclass(frozen=True)
class BlockedOrderExample:
    """The ``order`` tool on the credit-limit example's customer, fully used: an order of twice
    the tolerance is blocked; one of exactly the tolerance passes."""

    limit: Decimal
    outstanding: Decimal
    order: Decimal
    exposure: Decimal
    tolerated: Decimal
    tolerance: Decimal
    rule: Any
    deposit: Decimal
    increase_possible: bool
    increase_up_to: Decimal
    increase_approvers: list[str]
    at_tolerance: Decimal
    at_tolerance_blocked: bool


def blocked_order_example(policy: Any) -> BlockedOrderExample | None:
    """A customer at its limit (the credit-limit example's) orders twice the exposure rule's
    tolerance (blocked), then exactly the tolerance (passes); ``None`` when the policy has no
    exposure rule with a tolerance, or the example's limit is 0."""
    rule = next((r for r in policy.blocked_orders.blocking_rules
                 if r.kind == "exposure" and r.tolerance_rate is not None), None)
    limit = credit_limit_example(policy).limit
    if rule is None or not limit or not rule.tolerance_rate:
        return None
    at_tolerance = limit * rule.tolerance_rate / 100
    over = run_tool("order", {"limit": str(limit), "outstanding": str(limit),
                              "order_amount": str(2 * at_tolerance)}, policy)
    at = run_tool("order", {"limit": str(limit), "outstanding": str(limit),
                            "order_amount": str(at_tolerance)}, policy)
    increase = over["temporary_increase"]
    return BlockedOrderExample(
        limit=limit, outstanding=limit, order=2 * at_tolerance,
        exposure=Decimal(over["exposure"]), tolerated=Decimal(over["tolerated"]),
        tolerance=rule.tolerance_rate, rule=rule, deposit=Decimal(over["deposit_needed"]),
        increase_possible=increase["possible"], increase_up_to=Decimal(increase["up_to"]),
        increase_approvers=increase["approvers"], at_tolerance=at_tolerance,
        at_tolerance_blocked=at["blocked"],
    )


# --- sales incentives ----------------------------------------------------------------------
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


def incentive_example(policy: Any) -> IncentiveExample | None:
    """The ``bonus`` tool on the policy's sample rep: the bonus of one period, per criterion
    (tier, payout, amount) and in total (rounded once)."""
    incentives = policy.incentives
    example = incentives.example
    if example is None:
        return None
    result = run_tool("bonus", {"target_bonus": str(example.target_bonus),
                                "results": {key: str(value)
                                            for key, value in example.results.items()}},
                      policy)
    by_id = {kpi.id: kpi for kpi in policy.kpis}
    criteria = {criterion.id: criterion for criterion in incentives.criteria}
    lines = [CriterionResult(criteria[line["id"]], by_id[criteria[line["id"]].kpi],
                             Decimal(line["result"]), Decimal(line["payout"]),
                             Decimal(line["amount"]))
             for line in result["criteria"]]
    return IncentiveExample(
        sales_rep=example.sales_rep,
        annual_target=example.target_bonus,
        periods_per_year=result["periods_per_year"],
        period_target=Decimal(result["period_target"]),
        lines=lines,
        total=Decimal(result["total"]),
        share=Decimal(result["share"]),
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


def sample_case(policy: Any, days: list[int], lang: str) -> SampleCase:
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
        day: _penalty(policy, due, due + dt.timedelta(days=day), lang)
        for day in sorted(set(days)) if day > 0
    }
    return SampleCase(invoice_date, due, SAMPLE_AMOUNT, penalties)


def _penalty(policy: Any, due: dt.date, as_of: dt.date, lang: str) -> Penalty:
    """The penalty calculator on the sample invoice, unpaid on ``as_of``."""
    late = policy.terms.late_penalties
    payload: dict[str, Any] = {
        "amount": str(SAMPLE_AMOUNT),
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
    )
