"""Recovery: the dunning calendar, sample letters computed at build time, disputes, payment plans,
legal action, insolvency, provisions and write-offs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculators.plan import longest_plan
from encours import formatting
from encours.i18n import Catalogue
from encours.render import examples
from encours.render.chapters.common import (
    Helpers,
    by_id,
    calculator_url,
    common,
    day_label,
    rate_notices,
    where_to_look,
    with_quiz,
)
from encours.render.chapters.insurance import insurance_view
from encours.render.chapters.terms import public_buyer_types
from encours.render.diagrams import Flowchart
from encours.render.policy_text import PolicyText, language_of


@dataclass(frozen=True)
class SampleLetter:
    id: str
    name: str
    subject: str
    body: str
    step: Any
    day: str
    penalty: examples.Penalty | None
    letter_date: Any
    kind: str = "dunning"


JUDGMENT_AFTER_LAST_STEP = 15
"""The sample insolvency judgment falls this many days after the last dunning step."""
FILING_AFTER_JUDGMENT = 20
"""The sample claim declaration and reclaim letter are sent this many days after the judgment."""
PLAN_AFTER_NOTICE = 10
"""The sample acknowledgement of debt is signed this many days after the formal notice."""
PLAN_INSTALMENT_DAY = 5
"""Sample instalments fall on this day of each following month."""


@dataclass(frozen=True)
class Instalment:
    date: dt.date
    amount: Decimal


def judgment_day(policy: Any) -> int:
    """The sample judgment's day (after the due date): after every dunning step."""
    return max(step.day for step in policy.recovery.dunning_steps) + JUDGMENT_AFTER_LAST_STEP


def plan_day(policy: Any) -> int:
    """The sample acknowledgement's day: after the formal notice (the first registered letter)
    or, without one, after the last dunning step."""
    steps = policy.recovery.dunning_steps
    notice = next((s.day for s in steps if s.channel == "registered_letter"),
                  max(s.day for s in steps))
    return notice + PLAN_AFTER_NOTICE


def letter_day(policy: Any, kind: str, step: Any) -> int:
    """The day (after the due date) a sample letter of ``kind`` is dated."""
    if step is not None:
        return int(step.day)
    if kind == "debt_acknowledgement":
        return plan_day(policy)
    if kind in ("claim_declaration", "goods_reclaim"):
        return judgment_day(policy) + FILING_AFTER_JUDGMENT
    return 0


def plan_schedule(total: Decimal, policy: Any, start: dt.date) -> list[Instalment]:
    """The sample plan, computed by the ``plan`` tool: ``total`` in as many monthly instalments
    as the policy allows (its maximum months, none below its minimum instalment), from the
    ``PLAN_INSTALMENT_DAY`` of the month after ``start``."""
    plans = policy.recovery.payment_plans
    months = max(1, longest_plan(total, plans.minimum_instalment, plans.maximum_months))
    following = dt.date(start.year + start.month // 12, start.month % 12 + 1,
                        PLAN_INSTALMENT_DAY)
    result = examples.run_tool("plan", {"arrears": str(total), "months": months,
                                        "first_date": following.isoformat()}, policy)
    return [Instalment(dt.date.fromisoformat(item["date"]), Decimal(item["amount"]))
            for item in result["instalments"]]


def letter_values(case: examples.SampleCase, step: Any, policy: Any,
                  labels: Catalogue, kind: str = "dunning") -> dict[str, str]:
    """The case fields of a letter (``LETTER_FIELDS``) for the sample invoice on the day a
    letter of ``kind`` is sent (``step``'s day for a dunning letter), in the language of
    ``labels`` (the language the letter's text is shown in)."""
    lang = labels.lang
    day = letter_day(policy, kind, step)
    penalty = case.penalties.get(day)
    judgment = judgment_day(policy)
    at_judgment = case.penalties.get(judgment)

    def number(value: Decimal) -> str:
        return formatting.format_decimal(value, lang)

    plan_total = case.amount + (at_judgment.indemnity if at_judgment else Decimal(0))
    schedule = plan_schedule(plan_total, policy, case.letter_date(day))
    insurance = policy.credit_insurance
    insurer = ""
    if insurance is not None:
        insurer = next((p.name for p in policy.company.credit_information_providers
                        if p.id == insurance.insurer), insurance.insurer)
    sender = step.owner if step is not None else policy.document.owner
    return {
        "customer.name": labels("letters.sample_customer"),
        "customer.account": labels("letters.sample_account"),
        "invoice.number": labels("letters.sample_invoice", year=case.invoice_date.year),
        "invoice.date": formatting.format_date(case.invoice_date, lang),
        "invoice.due_date": formatting.format_date(case.due_date, lang),
        "invoice.amount": number(case.amount),
        "overdue.amount": number(case.amount),
        "overdue.days": str(max(day, 0)),
        "penalty.rate": number(penalty.rate) if penalty else "",
        "penalty.amount": number(penalty.interest) if penalty else "",
        "indemnity.amount": number(penalty.indemnity) if penalty else "",
        "letter.date": formatting.format_long_date(case.letter_date(day), lang),
        "sender.name": labels("letters.sample_sender"),
        "sender.title": PolicyText(policy, lang).plain(by_id(policy.roles, sender).title),
        "plan.total": number(plan_total),
        "plan.schedule": "\n".join(
            f"- {formatting.format_date(i.date, lang)}{labels('punct.colon')} "
            f"{formatting.format_money(i.amount, policy.company.currency, lang)}"
            for i in schedule),
        "judgment.date": formatting.format_long_date(case.letter_date(judgment), lang),
        "claim.penalty": number(at_judgment.interest) if at_judgment else "",
        "claim.amount": number(case.amount + at_judgment.total) if at_judgment else "",
        "insurer.name": insurer,
    }


def sample_letters(policy: Any, lang: str, labels: Catalogue,
                   helpers: Helpers) -> tuple[list[SampleLetter], examples.SampleCase]:
    """Every letter template filled in for the sample invoice, on the day of the dunning step
    that sends it (penalties computed by the calculators for that day)."""
    recovery = policy.recovery
    steps_by_template = {step.template: step for step in recovery.dunning_steps if step.template}
    days = [step.day for step in recovery.dunning_steps]
    case = examples.sample_case(policy, [*days, judgment_day(policy), plan_day(policy),
                                         judgment_day(policy) + FILING_AFTER_JUDGMENT], lang)
    letters = []
    for template in recovery.letter_templates:
        step = steps_by_template.get(template.id)
        shown_in = language_of(template.body, lang)
        letter_labels = labels if shown_in == lang else Catalogue(shown_in)
        values = letter_values(case, step, policy, letter_labels, template.kind)
        day = letter_day(policy, template.kind, step)
        letters.append(SampleLetter(
            id=template.id,
            name=helpers.text.plain(template.name),
            subject=helpers.text.plain(helpers.text(template.subject, values)),
            body=helpers.text(template.body, values).strip(),
            step=step,
            day=day_label(day, labels) if step is not None else "",
            penalty=case.penalties.get(day) if step is not None else None,
            letter_date=case.letter_date(day),
            kind=template.kind,
        ))
    return letters, case


@dataclass(frozen=True)
class InsurerDeadline:
    """A deadline of the credit-insurance contract, placed among the dunning steps."""

    day: int
    key: str


def dunning_flowchart(policy: Any, helpers: Helpers) -> Flowchart:
    """The dunning calendar, top to bottom: the steps before the due date (dashed), the due
    date, then the steps after it."""
    labels, text = helpers.labels, helpers.text
    chart = Flowchart("TD", labels("recovery.diagram_title"),
                      labels("recovery.diagram_description"), wrapping_width=340)
    steps: list[Any] = sorted(policy.recovery.dunning_steps, key=lambda step: step.day)
    insurance = policy.credit_insurance
    if insurance is not None:
        deadlines = [(insurance.overdue_declaration_days, "insurance.diagram_declaration"),
                     (insurance.claim_filing_days, "insurance.diagram_claim")]
        steps = sorted([*steps, *(InsurerDeadline(day, key) for day, key in deadlines)],
                       key=lambda step: step.day)
    previous = None
    due = None
    for step in steps:
        if isinstance(step, InsurerDeadline):
            node = chart.node(f"{day_label(step.day, labels)} · {labels(step.key)}",
                              labels("insurance.diagram_contract"), width=44, css="outcome")
            if previous:
                chart.edge(previous, node)
            previous = node
            continue
        if step.day >= 0 and due is None:
            due = chart.node(labels("recovery.due_date"), shape="stadium", css="due")
            if previous:
                chart.edge(previous, due)
            previous = due
        if step.day == 0:
            continue
        node = chart.node(
            f"{day_label(step.day, labels)} · {text.plain(step.name)}",
            f"{helpers.role(step.owner)} · {labels(f'channel.{step.channel}')}",
            width=44,
            css="before" if step.day < 0 else None,
        )
        if previous:
            chart.edge(previous, node)
        previous = node
    if due is None:
        due = chart.node(labels("recovery.due_date"), shape="stadium", css="due")
        if previous:
            chart.edge(previous, due)
    return chart


def amount_range(minimum: Decimal | None, maximum: Decimal | None, helpers: Helpers) -> str:
    labels = helpers.labels
    if minimum is not None and maximum is not None:
        return labels("range.between", low=helpers.money(minimum), high=helpers.money(maximum))
    if minimum is not None:
        return labels("range.from", amount=helpers.money(minimum))
    if maximum is not None:
        return labels("range.up_to", amount=helpers.money(maximum))
    return labels("range.any")


def steps_in_order(rec: Any) -> list[Any]:
    return sorted(rec.dunning_steps, key=lambda step: step.day)


def recovery(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    text = values["text"]
    rec = policy.recovery
    letters, case = sample_letters(policy, lang, labels, helpers)
    template_names = {t.id: text.plain(t.name) for t in rec.letter_templates}
    steps = [
        {
            "step": step,
            "day": day_label(step.day, labels),
            "channel": labels(f"channel.{step.channel}"),
            "letter": template_names.get(step.template, "") if step.template else "",
        }
        for step in sorted(rec.dunning_steps, key=lambda step: step.day)
    ]
    buckets = []
    for bucket in rec.provisions.buckets:
        if bucket.up_to is None:
            age = labels("recovery.bucket_above", days=bucket.above)
        else:
            age = labels("recovery.bucket_between", low=bucket.above, high=bucket.up_to)
        buckets.append((age, helpers.percent(bucket.rate)))
    return with_quiz(values | {
        "recovery": rec,
        "where": where_to_look(policy, helpers,
                               [*(step.owner for step in steps_in_order(rec)),
                                rec.legal_action.owner],
                               ["overdue_invoices", "dunning_history"]),
        "rate_notices": rate_notices(policy, labels),
        "steps": steps,
        "flowchart": dunning_flowchart(policy, helpers).markup(),
        "insurance": insurance_view(policy, helpers),
        "letters": letters,
        "case": case,
        "routes": [(route, amount_range(route.minimum_amount, route.maximum_amount, helpers))
                   for route in rec.legal_action.routes],
        "buckets": buckets,
        "public_buyers": public_buyer_types(policy, helpers),
        "penalty_calculator": calculator_url("penalty"),
        "unpaid_calculator": calculator_url("unpaid"),
        "regime_rate": labels(f"recovery.rate_{policy.terms.late_penalties.rate_kind}"),
    }, policy, "recovery", labels)
