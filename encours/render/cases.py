"""Training cases computed from the policy: each case of ``training.cases`` becomes a question
whose figures, right answer and wrong answers are worked out when the handbook is built, by the
code the handbook's worked examples and calculators use, from the policy's current values.

A case names what it asks (``ask``) and gives the customer's figures (``inputs``); everything
the policy decides (thresholds, rates, bands, approvers, scales) is read from the policy, so a
change of a threshold changes the case's figures and answer. The wrong answers are the mistakes
a salesperson makes: the wrong threshold, the wrong approver, the invoiced figure instead of the
collected one, the indemnity forgotten.

:func:`case_question` is the one entry point: a case in, a :class:`CaseQuestion` out (the text
in the page's language, each choice, the right letter, the explanation, the working and the rule
it applies). :class:`CaseError` says, in words, why a case cannot be computed; the policy check
``training_cases_compute`` reports it at the case's line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from calculators import bonus, discount, limit, order, plan
from calculators import terms as payment_terms
from encours.formatting import format_long_date
from encours.render import examples
from encours.render.chapters.common import Helpers, average_days, by_id, figure, joined
from encours.render.links import rule_url
from encours.render.policy_document import tool_values

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
LETTERS = "abcdefgh"

# The chapter each kind of question belongs to, and the rule it applies (a policy path).
ASKS: dict[str, tuple[str, str]] = {
    "penalty_due": ("terms", "terms.late_penalties"),
    "due_date": ("terms", "terms.payment_term"),
    "discount_cost": ("terms", "terms.early_payment_discount"),
    "first_order": ("account_opening", "account_opening.decisions"),
    "risk_class": ("credit_limits", "credit_limits.risk_classes"),
    "credit_limit": ("credit_limits", "credit_limits.limit_method"),
    "limit_approvers": ("credit_limits", "credit_limits.approval_bands"),
    "temporary_increase": ("credit_limits", "credit_limits.temporary_increase"),
    "order_blocked": ("blocked_orders", "blocked_orders.blocking_rules"),
    "order_deposit": ("blocked_orders", "blocked_orders.alternatives.deposit"),
    "dunning_step": ("recovery", "recovery.dunning_steps"),
    "payment_plan": ("recovery", "recovery.payment_plans"),
    "provision": ("recovery", "recovery.provisions"),
    "bonus_period": ("incentives", "incentives.criteria"),
    "bonus_tier": ("incentives", "incentives.criteria"),
}


class CaseError(ValueError):
    """A case that cannot be computed with this policy; ``str()`` says why, in plain words."""


@dataclass(frozen=True)
class CaseQuestion:
    """One computed question, in one language."""

    id: str
    ask: str
    chapter: str
    story: str
    situation: str
    question: str
    choices: list[tuple[str, str]]
    """(letter, text), in a fixed order that depends on the case, not on the answer."""
    answer: str
    """The right letter."""
    explanation: str
    working: list[str]
    """How the answer is computed, step by step (the trainer's page)."""
    rule: str
    """The policy path of the rule the question applies."""
    rule_title: str
    rule_url: str
    """``credit-limits.md#limits-approval``: where the rule is written."""


@dataclass
class Worked:
    """What one kind of question computes: the texts, the right answer and the mistakes."""

    situation: str
    question: str
    right: str
    wrong: list[str]
    explanation: str
    working: list[str] = field(default_factory=list)


def cents(value: Decimal | Fraction) -> Decimal:
    """A computed amount rounded once, half-up, to the cent."""
    return (Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction)
            else value).quantize(CENT, rounding=ROUND_HALF_UP)


def _money(h: Helpers, value: Decimal | Fraction) -> str:
    return h.money(cents(value))


def _date(h: Helpers, value: dt.date) -> str:
    return format_long_date(value, h.lang)


def _labels(h: Helpers, ask: str, key: str, **values: Any) -> str:
    return h.labels(f"case.{ask}.{key}", **values)


def _worked(h: Helpers, ask: str, values: dict[str, Any], *, right: str, wrong: list[str],
            situation: str = "situation", explanation: str = "explanation") -> Worked:
    """A question worded the usual way: its situation, explanation and one line of working from
    the texts ``case.ASK.*`` filled with ``values``, its question as written."""
    return Worked(
        situation=_labels(h, ask, situation, **values),
        question=_labels(h, ask, "question"),
        right=right,
        wrong=wrong,
        explanation=_labels(h, ask, explanation, **values),
        working=[_labels(h, ask, "working", **values)],
    )


# --- terms -----------------------------------------------------------------------------------
def penalty_due(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """Penalties and indemnity on an invoice paid ``days_late`` days late: the penalty
    calculator at the policy's terms (art. L441-10 II and D441-5 of the Code de commerce)."""
    try:
        case = examples.sample_case(policy, [inputs.days_late], h.lang, inputs.amount)
    except ValueError as error:
        raise CaseError(str(error)) from None
    due, late = case.due_date, case.penalties[inputs.days_late]
    paid = due + dt.timedelta(days=inputs.days_late)
    from_invoice = examples.penalty_on(policy, case.invoice_date, paid, h.lang, inputs.amount)
    ask = "penalty_due"
    values = {"amount": h.money(inputs.amount), "invoice": _date(h, case.invoice_date),
              "due": _date(h, due), "paid": _date(h, paid), "days": inputs.days_late,
              "rate": h.percent(late.rate), "interest": _money(h, late.interest),
              "indemnity": _money(h, late.indemnity), "total": _money(h, late.total),
              "legal_basis": late.legal_basis}
    return Worked(
        situation=_labels(h, ask, "situation", **values),
        question=_labels(h, ask, "question"),
        right=_labels(h, ask, "choice_total", **values),
        wrong=[
            _labels(h, ask, "choice_interest_only", interest=_money(h, late.interest)),
            _labels(h, ask, "choice_from_invoice",
                    total=_money(h, from_invoice.total), days=from_invoice.days_late),
            _labels(h, ask, "choice_indemnity_only", indemnity=_money(h, late.indemnity)),
        ],
        explanation=_labels(h, ask, "explanation", **values),
        working=[_labels(h, ask, "working", **values)],
    )


def due_date(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The due date of an invoice under the standard term (art. L441-10 I)."""
    term = policy.terms.payment_term
    invoice = inputs.invoice_date
    right = examples.due_date(invoice, term)
    days = term.days or 0
    candidates = [
        invoice + dt.timedelta(days=days),
        payment_terms.end_of_month_then_days(invoice, days),
        payment_terms.days_then_end_of_month(invoice, days),
        payment_terms.end_of_month(invoice),
        payment_terms.end_of_month(invoice) + dt.timedelta(days=days + 30),
    ]
    wrong = list(dict.fromkeys(_date(h, day) for day in candidates if day != right))
    ask = "due_date"
    values = {"invoice": _date(h, invoice), "term": term.label(h.lang), "due": _date(h, right)}
    return _worked(h, ask, values, right=_date(h, right), wrong=wrong[:3])


def discount_cost(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The yearly cost of a requested discount against the days our standard term gives on
    average: ``calculators.discount.nominal_cost``."""
    term = policy.terms.payment_term
    average = average_days(term, policy.document.effective_date.year)
    if inputs.days >= average:
        raise CaseError(h.labels("case.error.discount_days", days=inputs.days, average=average))
    cost = discount.nominal_cost(inputs.rate, inputs.days, average)
    naive = discount.nominal_cost(inputs.rate, 0, inputs.days) if inputs.days else None

    def pct(value: Fraction | Decimal) -> str:
        return h.percent(Decimal(round(Fraction(value) * 10)) / 10)

    ask = "discount_cost"
    values = {"rate": h.percent(inputs.rate), "days": inputs.days, "term": term.label(h.lang),
              "average": average, "gain": average - inputs.days, "cost": pct(cost),
              "financing": h.percent(policy.company.financing_rate)}
    wrong = [_labels(h, ask, "choice_rate", rate=h.percent(inputs.rate)),
             _labels(h, ask, "choice_financing", financing=values["financing"])]
    if naive is not None:
        wrong.append(_labels(h, ask, "choice_cost", cost=pct(naive)))
    return _worked(h, ask, values, right=_labels(h, ask, "choice_cost", cost=values["cost"]),
                   wrong=wrong)


# --- account opening -------------------------------------------------------------------------
def first_order(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """What a first order needs beyond the first-order limit of the customer's class: the part
    above the limit, or at least the deposit rules for the class (``terms.deposit_rules``)."""
    decision = next((d for d in policy.account_opening.decisions
                     if d.risk_class == inputs.risk_class), None)
    if decision is None:
        raise CaseError(h.labels("case.error.no_decision", risk_class=inputs.risk_class))
    order = inputs.order_amount
    ask = "first_order"
    if decision.outcome != "credit" or decision.first_order_limit is None:
        needed, first_limit = order, Decimal(0)
    else:
        first_limit = decision.first_order_limit
        needed = max(order - first_limit, Decimal(0))
    rates = [rule.rate for rule in policy.terms.deposit_rules
             if inputs.risk_class in rule.risk_classes]
    by_rule = order * max(rates) / HUNDRED if rates else Decimal(0)
    deposit = max(needed, by_rule)
    values = {"risk_class": inputs.risk_class, "order": h.money(order),
              "first_limit": h.money(first_limit), "deposit": _money(h, deposit),
              "rule_rate": h.percent(max(rates)) if rates else h.percent(0),
              "above": _money(h, needed), "by_rule": _money(h, by_rule)}

    def choice(amount: Decimal) -> str:
        return (_labels(h, ask, "choice_none") if amount == 0
                else _labels(h, ask, "choice_deposit", deposit=_money(h, amount)))

    candidates = [order, first_limit, needed, by_rule, Decimal(0)]
    wrong = [choice(a) for a in dict.fromkeys(cents(c) for c in candidates) if a != cents(deposit)]
    explanation = ("explanation_rule" if by_rule > needed else "explanation" if needed
                   else "explanation_none")
    return _worked(h, ask, values, right=choice(cents(deposit)), wrong=wrong[:3],
                   explanation=explanation)


# --- credit limits ---------------------------------------------------------------------------
def _class_of(policy: Any, score: int, h: Helpers) -> Any:
    """The risk class of ``score`` (both bounds included): ``calculators.limit.risk_class_of``."""
    found = limit.risk_class_of(score, tool_values(policy).risk_classes)
    if found is None:
        raise CaseError(h.labels("case.error.score", score=score))
    return by_id(policy.credit_limits.risk_classes, found.id)


def risk_class(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The risk class a score falls in (both bounds included), and the class's maximum."""
    classes = policy.credit_limits.risk_classes
    found = _class_of(policy, inputs.score, h)
    ask = "risk_class"

    def choice(risk: Any) -> str:
        return _labels(h, ask, "choice", risk_class=risk.id, name=h.text.plain(risk.name),
                       maximum=h.money(risk.maximum_limit))

    position = classes.index(found)
    nearest = sorted((c for c in classes if c is not found),
                     key=lambda c: abs(classes.index(c) - position))
    values = {"score": inputs.score, "risk_class": found.id, "low": found.score_min,
              "high": found.score_max, "maximum": h.money(found.maximum_limit),
              "name": h.text.plain(found.name)}
    return _worked(h, ask, values, right=choice(found), wrong=[choice(c) for c in nearest[:3]])


def credit_limit(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The limit tool (``calculators.limit.credit_limit``), capped by the maximum of the class
    the score falls in; wrong answers: the largest amount instead of the smallest, the amount
    before rounding, the amount before the class's cap, the class's maximum."""
    values_of = tool_values(policy)
    risk = _class_of(policy, inputs.score, h)
    method = values_of.limit_method
    worked = limit.credit_limit(inputs.equity, inputs.insurer_cover, inputs.monthly_purchases,
                                inputs.term_days, method, risk.maximum_limit)
    amounts = [("equity", worked.by_equity), ("insurer", worked.by_insurer),
               ("purchases", worked.by_purchases)]
    amounts = [(kind, amount) for kind, amount in amounts if amount is not None]
    largest = max(amount for _, amount in amounts)
    candidates = [limit.round_down(largest, method.rounding), cents(worked.smallest),
                  worked.rounded, risk.maximum_limit]
    wrong = [_money(h, c) for c in dict.fromkeys(cents(c) for c in candidates)
             if c != cents(worked.limit)]
    ask = "credit_limit"
    ceilings = h.labels("case.separator").join(
        _labels(h, ask, f"ceiling_{kind}", amount=_money(h, amount)) for kind, amount in amounts)
    values = {"score": inputs.score, "equity": h.money(inputs.equity),
              "cover": h.money(inputs.insurer_cover) if inputs.insurer_cover is not None
              else "—",
              "purchases": h.money(inputs.monthly_purchases), "days": inputs.term_days,
              "share": h.percent(method.equity_share), "margin": method.margin_days,
              "rounding": h.money(method.rounding),
              "ceilings": ceilings, "smallest": _money(h, worked.smallest),
              "rounded": h.money(worked.rounded), "risk_class": risk.id,
              "maximum": h.money(risk.maximum_limit), "limit": h.money(worked.limit)}
    situation = "situation" if inputs.insurer_cover is not None else "situation_uninsured"
    return _worked(h, ask, values, right=h.money(worked.limit), wrong=wrong[:3],
                   situation=situation)


def _approvers_choice(h: Helpers, approvers: list[str]) -> str:
    return h.roles(approvers)


def limit_approvers(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """Who approves a limit: the approval band with ``above < limit ≤ up_to``."""
    bands = policy.credit_limits.approval_bands
    right = list(limit.approvers_for(inputs.limit, tool_values(policy).approval_bands))
    others = [list(band.approvers) for band in bands if list(band.approvers) != right]
    known = {role.id for role in policy.roles}
    if "sales_manager" in known and right != ["sales_manager"]:
        others.append(["sales_manager"])
    wrong = list(dict.fromkeys(_approvers_choice(h, a) for a in others))
    band = next(b for b in bands if list(b.approvers) == right)
    ask = "limit_approvers"
    values = {"limit": h.money(inputs.limit), "approvers": h.roles(right),
              "above": h.money(band.above),
              "up_to": h.money(band.up_to) if band.up_to is not None else "∞"}
    return _worked(h, ask, values, right=_approvers_choice(h, right), wrong=wrong[:3])


def temporary_increase(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """Whether the temporary increase can cover an overrun (``calculators.order``: at most
    ``maximum_share`` % above the limit, no invoice overdue by the blocking threshold, no open
    dispute; granted by its approver within that role's band, else by the band of the increased
    limit), and for at most ``maximum_days`` days; beyond, a new limit per the approval bands."""
    values_of = tool_values(policy)
    increase = values_of.temporary_increase
    overdue_rule = values_of.rule("overdue")
    threshold = overdue_rule.threshold_days if overdue_rule else None
    exposure = inputs.limit + inputs.increase
    checks = order.check_rules(values_of.blocking_rules, inputs.limit, exposure,
                               inputs.oldest_overdue_days, 0, False)
    granted = order.temporary_increase(checks, inputs.limit, exposure, 0, increase,
                                       values_of.approval_bands)
    share = inputs.increase / inputs.limit * HUNDRED
    band = list(limit.approvers_for(exposure, values_of.approval_bands))
    ask = "temporary_increase"
    values = {"limit": h.money(inputs.limit), "increase": h.money(inputs.increase),
              "days": inputs.days, "overdue": inputs.oldest_overdue_days,
              "share": h.percent(cents(share)), "maximum_share": h.percent(increase.maximum_share),
              "maximum_days": increase.maximum_days, "threshold": threshold,
              "approver": h.roles(list(granted.approvers)), "new_limit": h.money(exposure),
              "band": h.roles(band)}
    outcomes = {
        "yes": _labels(h, ask, "choice_yes", **values),
        "overdue": _labels(h, ask, "choice_overdue", **values),
        "new_limit": _labels(h, ask, "choice_new_limit", **values),
        "sales": _labels(h, ask, "choice_sales", **values),
    }
    if "overdue" in granted.reasons:
        key = "overdue"
    elif "share" in granted.reasons or inputs.days > increase.maximum_days:
        key = "new_limit"
    else:
        key = "yes"
    return _worked(h, ask, values, right=outcomes[key],
                   wrong=[text for other, text in outcomes.items() if other != key],
                   situation="situation_overdue" if inputs.oldest_overdue_days else "situation",
                   explanation=f"explanation_{key}")


# --- blocked orders --------------------------------------------------------------------------
@dataclass(frozen=True)
class OrderCheck:
    """The blocking rules applied to an order (``calculators.order``): exposure, the limit with
    its tolerance, the ids of the rules that block, the names of every rule by kind."""

    exposure: Decimal
    ceiling: Fraction
    rules: list[str]
    excess: Decimal


def check_order(policy: Any, inputs: Any) -> OrderCheck:
    """The order tool's rules on the case: exposure = outstanding + order; blocked beyond the
    tolerance (exactly at it passes), from the overdue threshold, by an old dispute without an
    action plan; rules in the policy's order."""
    values_of = tool_values(policy)
    exposure = order.exposure_of(inputs.outstanding, inputs.order_amount)
    checks = order.check_rules(values_of.blocking_rules, inputs.limit, exposure,
                               inputs.oldest_overdue_days, inputs.oldest_dispute_days,
                               inputs.dispute_action_plan)
    exposure_rule = values_of.rule("exposure")
    ceiling = order.tolerated(inputs.limit, exposure_rule.tolerance_rate) \
        if exposure_rule and exposure_rule.tolerance_rate is not None else Fraction(inputs.limit)
    return OrderCheck(exposure, ceiling, [c.rule.id for c in checks if c.blocks],
                      order.excess_over(exposure, inputs.limit))


def _order_values(policy: Any, inputs: Any, h: Helpers, checked: OrderCheck) -> dict[str, Any]:
    values_of = tool_values(policy)
    over, overdue, dispute = (values_of.rule(kind) for kind in ("exposure", "overdue", "dispute"))
    return {
        "limit": h.money(inputs.limit), "outstanding": h.money(inputs.outstanding),
        "order": h.money(inputs.order_amount), "exposure": h.money(checked.exposure),
        "ceiling": _money(h, checked.ceiling),
        "tolerance": h.percent(over.tolerance_rate) if over and over.tolerance_rate is not None
        else h.percent(0),
        "overdue": inputs.oldest_overdue_days,
        "threshold": overdue.threshold_days if overdue else "—",
        "dispute": inputs.oldest_dispute_days,
        "dispute_threshold": dispute.threshold_days if dispute else "—",
        "excess": _money(h, checked.excess),
    }


def _order_situation(inputs: Any, h: Helpers, ask: str, values: dict[str, Any]) -> str:
    parts = [h.labels("case.order.situation", **values)]
    if inputs.oldest_overdue_days:
        parts.append(h.labels("case.order.situation_overdue", **values))
    else:
        parts.append(h.labels("case.order.situation_no_overdue"))
    if inputs.oldest_dispute_days:
        key = "situation_dispute_plan" if inputs.dispute_action_plan else "situation_dispute"
        parts.append(h.labels(f"case.order.{key}", **values))
    return " ".join(parts)


def order_blocked(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """Whether an order is blocked, and by which rules (:func:`check_order`)."""
    checked = check_order(policy, inputs)
    names = {rule.id: h.text.plain(rule.name) for rule in policy.blocked_orders.blocking_rules}
    values = _order_values(policy, inputs, h, checked)
    ask = "order_blocked"

    def choice(rules: list[str]) -> str:
        if not rules:
            return _labels(h, ask, "choice_passes")
        return _labels(h, ask, "choice_blocked",
                       rules=joined([names[r] for r in rules], h.labels))

    candidates = [[], *([rule] for rule in names)]
    wrong = [choice(c) for c in candidates if c != checked.rules]
    steps = [_labels(h, ask, "working_exposure", **values)]
    kinds = {rule.kind for rule in tool_values(policy).blocking_rules}
    if "overdue" in kinds and inputs.oldest_overdue_days:
        steps.append(_labels(h, ask, "working_overdue", **values))
    if "dispute" in kinds and inputs.oldest_dispute_days:
        steps.append(_labels(h, ask, "working_dispute", **values))
    verdict = (_labels(h, ask, "explanation_passes") if not checked.rules
               else _labels(h, ask, "explanation_blocked", rules=choice(checked.rules)))
    return Worked(
        situation=_order_situation(inputs, h, ask, values),
        question=_labels(h, ask, "question"),
        right=choice(checked.rules),
        wrong=wrong[:3],
        explanation=" ".join([*steps, verdict]),
        working=steps,
    )


def order_deposit(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The deposit that brings the exposure back to the limit: exposure − limit (the tolerance
    lets an order through, it is not where a deposit aims)."""
    checked = check_order(policy, inputs)
    deposit = checked.excess
    values = _order_values(policy, inputs, h, checked) | {"deposit": _money(h, deposit)}
    candidates = [max(Decimal(checked.exposure) - cents(checked.ceiling), Decimal(0)),
                  inputs.order_amount,
                  max(checked.exposure - inputs.outstanding, Decimal(0)) / 2, Decimal(0)]
    wrong = [_money(h, c) for c in dict.fromkeys(cents(c) for c in candidates)
             if c != cents(deposit)]
    ask = "order_deposit"
    return Worked(
        situation=_order_situation(inputs, h, ask, values),
        question=_labels(h, ask, "question"),
        right=_money(h, deposit),
        wrong=wrong[:3],
        explanation=_labels(h, ask, "explanation", **values),
        working=[_labels(h, ask, "working", **values)],
    )


# --- recovery --------------------------------------------------------------------------------
def dunning_step(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The latest dunning step reached ``days_overdue`` days after the due date (the steps of
    that day together), against the step before and the step after."""
    days = sorted({step.day for step in policy.recovery.dunning_steps if step.day > 0})
    reached = [d for d in days if d <= inputs.days_overdue]
    if not reached:
        raise CaseError(h.labels("case.error.dunning", days=inputs.days_overdue, first=days[0]))

    def names(day: int) -> str:
        steps = [s for s in policy.recovery.dunning_steps if s.day == day]
        return h.labels("case.dunning_step.choice", day=day,
                        steps=" + ".join(h.text.plain(s.name) for s in steps),
                        owner=h.roles(list(dict.fromkeys(s.owner for s in steps))))

    right = reached[-1]
    position = days.index(right)
    others = sorted((d for d in days if d != right), key=lambda d: abs(days.index(d) - position))
    ask = "dunning_step"
    values = {"days": inputs.days_overdue, "step": names(right), "day": right}
    later = [d for d in days if d > inputs.days_overdue]
    next_step = names(later[0]) if later else "—"
    return Worked(
        situation=_labels(h, ask, "situation", **values),
        question=_labels(h, ask, "question"),
        right=names(right),
        wrong=[names(d) for d in others[:3]],
        explanation=_labels(h, ask, "explanation", next=next_step, **values),
        working=[_labels(h, ask, "working", next=next_step, **values)],
    )


def payment_plan(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """A payment plan for arrears: refused beyond ``maximum_months`` or below the
    ``minimum_instalment``; otherwise approved by the approver up to ``approval_limit``, by the
    escalation above."""
    plans = policy.recovery.payment_plans
    schedule = plan.instalments(inputs.arrears, inputs.months, policy.document.effective_date)
    instalment = min(item.amount for item in schedule)
    ask = "payment_plan"
    values = {"arrears": h.money(inputs.arrears), "months": inputs.months,
              "instalment": _money(h, instalment), "maximum": plans.maximum_months,
              "minimum": h.money(plans.minimum_instalment),
              "approver": h.role(plans.approver), "escalation": h.role(plans.escalation),
              "approval_limit": h.money(plans.approval_limit)}
    outcomes = {
        "approver": _labels(h, ask, "choice_approver", **values),
        "escalation": _labels(h, ask, "choice_escalation", **values),
        "too_long": _labels(h, ask, "choice_too_long", **values),
        "too_small": _labels(h, ask, "choice_too_small", **values),
    }
    if inputs.months > plans.maximum_months:
        key = "too_long"
    elif instalment < plans.minimum_instalment:
        key = "too_small"
    elif plan.approver_of(inputs.arrears, plans.approver, plans.approval_limit,
                          plans.escalation) != plans.approver:
        key = "escalation"
    else:
        key = "approver"
    return _worked(h, ask, values, right=outcomes[key],
                   wrong=[text for other, text in outcomes.items() if other != key],
                   explanation=f"explanation_{key}")


def provision(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The provision on a receivable overdue ``days_overdue`` days: the bucket with
    ``above < days ≤ up_to``; none below the first bucket."""
    buckets = policy.recovery.provisions.buckets

    def rate_for(days: int) -> Decimal:
        for bucket in buckets:
            if days > bucket.above and (bucket.up_to is None or days <= bucket.up_to):
                return bucket.rate
        return Decimal(0)

    rate = rate_for(inputs.days_overdue)
    amount = inputs.amount * rate / HUNDRED
    rates = [Decimal(0), *(b.rate for b in buckets)]
    ask = "provision"

    def choice(value: Decimal) -> str:
        return _labels(h, ask, "choice", amount=_money(h, inputs.amount * value / HUNDRED),
                       rate=h.percent(value))

    wrong = [choice(r) for r in dict.fromkeys(rates) if r != rate]
    values = {"amount": h.money(inputs.amount), "days": inputs.days_overdue,
              "rate": h.percent(rate), "provision": _money(h, amount),
              "approver": h.role(policy.recovery.provisions.approver)}
    return _worked(h, ask, values, right=choice(rate), wrong=wrong[:3])


# --- incentives ------------------------------------------------------------------------------
def _criteria(policy: Any, ids: list[str], h: Helpers) -> None:
    known = [c.id for c in policy.incentives.criteria]
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise CaseError(h.labels("case.error.criterion", criterion=unknown[0],
                                 known=", ".join(known)))


def bonus_period(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """A rep's bonus for the period (the ``bonus`` tool: ``calculators.bonus``), against the
    annual figure, the full period target and the criteria at 100 % alone."""
    _criteria(policy, list(inputs.results), h)
    incentives = tool_values(policy).incentives
    per_year = incentives.periods_per_year
    target = bonus.period_target(inputs.target_bonus, per_year)
    lines = [(criterion, bonus.criterion_bonus(inputs.results[criterion.id], criterion.scale,
                                               criterion.better, criterion.weight, target))
             for criterion in incentives.criteria if criterion.id in inputs.results]
    total = cents(sum((line.amount for _, line in lines), Fraction(0)))
    candidates = [total * per_year, cents(target),
                  cents(sum((line.amount for _, line in lines if line.payout == 100),
                            Fraction(0)))]
    wrong = [_money(h, c) for c in dict.fromkeys(candidates) if c != total]
    ask = "bonus_period"

    def name(criterion: Any) -> str:
        return h.text.plain(by_id(policy.incentives.criteria, criterion.id).name)

    results = h.labels("case.separator").join(
        h.labels("case.bonus_period.result", criterion=name(criterion),
                 result=result_text(inputs.results[criterion.id], criterion.unit, h))
        for criterion, _ in lines)
    shares = h.labels("case.separator").join(
        h.labels("case.bonus_period.line", criterion=name(criterion),
                 weight=h.percent(criterion.weight), payout=h.percent(line.payout),
                 amount=_money(h, line.amount))
        for criterion, line in lines)
    values = {"target": h.money(inputs.target_bonus),
              "period": h.labels(f"case.period.{incentives.period}"),
              "period_target": _money(h, target), "per_year": per_year, "results": results,
              "lines": shares, "total": _money(h, total)}
    return Worked(
        situation=_labels(h, ask, "situation", **values),
        question=_labels(h, ask, "question", **values),
        right=_money(h, total),
        wrong=wrong[:3],
        explanation=_labels(h, ask, "explanation", **values),
        working=[_labels(h, ask, "working", **values)],
    )


def bonus_tier(policy: Any, inputs: Any, h: Helpers) -> Worked:
    """The payout rate a result earns on one criterion (``calculators.bonus.tier_reached``):
    the first tier of the scale the result reaches (at or below the threshold when lower is
    better); beyond the last, nothing."""
    _criteria(policy, [inputs.criterion], h)
    criterion = next(c for c in tool_values(policy).incentives.criteria if c.id == inputs.criterion)
    tier = bonus.tier_reached(inputs.result, criterion.scale, criterion.better)
    payout = Decimal(0) if tier is None else criterion.scale[tier].payout
    rates = [step.payout for step in criterion.scale] + [Decimal(0)]
    ask = "bonus_tier"
    values = {"criterion": h.text.plain(by_id(policy.incentives.criteria, criterion.id).name),
              "result": result_text(inputs.result, criterion.unit, h),
              "payout": h.percent(payout),
              "scale": h.labels("case.separator").join(h.labels("case.bonus_tier.step",
                                          threshold=result_text(step.threshold,
                                                                criterion.unit, h),
                                          payout=h.percent(step.payout))
                                 for step in criterion.scale)}
    return _worked(h, ask, values, right=h.percent(payout),
                   wrong=[h.percent(r) for r in dict.fromkeys(rates) if r != payout][:3],
                   explanation=f"explanation_{criterion.better}")


def result_text(value: Decimal, unit: str, h: Helpers) -> str:
    """A KPI result as the policy writes it: ``6,2 %``, ``9 jours`` (``9 days``)."""
    if unit == "percent":
        return h.percent(value)
    number = str(figure(value))
    number = number.replace(".", ",") if h.lang == "fr" else number
    return h.labels(f"case.unit.{unit}", value=number)


COMPUTE: dict[str, Callable[[Any, Any, Helpers], Worked]] = {
    "penalty_due": penalty_due,
    "due_date": due_date,
    "discount_cost": discount_cost,
    "first_order": first_order,
    "risk_class": risk_class,
    "credit_limit": credit_limit,
    "limit_approvers": limit_approvers,
    "temporary_increase": temporary_increase,
    "order_blocked": order_blocked,
    "order_deposit": order_deposit,
    "dunning_step": dunning_step,
    "payment_plan": payment_plan,
    "provision": provision,
    "bonus_period": bonus_period,
    "bonus_tier": bonus_tier,
}


def _order(case_id: str, texts: list[str]) -> list[str]:
    """The choices in an order fixed by the case and the texts (not by which one is right)."""
    return sorted(texts, key=lambda t: hashlib.sha256(f"{case_id}\0{t}".encode()).hexdigest())


def case_question(policy: Any, case: Any, h: Helpers) -> CaseQuestion:
    """The question of one case, computed with the policy's values, in ``h``'s language."""
    worked = COMPUTE[case.ask](policy, case.inputs, h)
    wrong = [w for w in dict.fromkeys(worked.wrong) if w != worked.right]
    if not wrong:
        raise CaseError(h.labels("case.error.no_distractor"))
    texts = _order(case.id, [worked.right, *wrong])
    letters = list(LETTERS[: len(texts)])
    chapter, rule = ASKS[case.ask]
    return CaseQuestion(
        id=case.id,
        ask=case.ask,
        chapter=chapter,
        story=h.text.plain(case.story) if case.story is not None else "",
        situation=worked.situation,
        question=worked.question,
        choices=list(zip(letters, texts, strict=True)),
        answer=letters[texts.index(worked.right)],
        explanation=worked.explanation,
        working=worked.working,
        rule=rule,
        rule_title=h.rule_title(rule),
        rule_url=rule_url(rule),
    )
