"""Recovery: the dunning calendar, sample letters computed at build time, disputes, payment plans,
legal action, insolvency, provisions and write-offs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from encours import formatting
from encours.i18n import Catalogue
from encours.render import examples
from encours.render.chapters.common import (
    Helpers,
    by_id,
    calculator_url,
    common,
    day_label,
    with_quiz,
)
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


def letter_values(case: examples.SampleCase, step: Any, policy: Any,
                  labels: Catalogue) -> dict[str, str]:
    """The case fields of a letter (``LETTER_FIELDS``) for the sample invoice on ``step``'s day,
    in the language of ``labels`` (the language the letter's text is shown in)."""
    lang = labels.lang
    day = step.day if step is not None else 0
    penalty = case.penalties.get(day)

    def number(value: Decimal) -> str:
        return formatting.format_decimal(value, lang)

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
    }


def sample_letters(policy: Any, lang: str, labels: Catalogue,
                   helpers: Helpers) -> tuple[list[SampleLetter], examples.SampleCase]:
    """Every letter template filled in for the sample invoice, on the day of the dunning step
    that sends it (penalties computed by the calculators for that day)."""
    recovery = policy.recovery
    steps_by_template = {step.template: step for step in recovery.dunning_steps if step.template}
    case = examples.sample_case(policy, [step.day for step in recovery.dunning_steps], lang)
    letters = []
    for template in recovery.letter_templates:
        step = steps_by_template.get(template.id)
        shown_in = language_of(template.body, lang)
        letter_labels = labels if shown_in == lang else Catalogue(shown_in)
        values = letter_values(case, step, policy, letter_labels)
        day = step.day if step is not None else 0
        letters.append(SampleLetter(
            id=template.id,
            name=helpers.text.plain(template.name),
            subject=helpers.text.plain(helpers.text(template.subject, values)),
            body=helpers.text(template.body, values).strip(),
            step=step,
            day=day_label(day, labels) if step is not None else "",
            penalty=case.penalties.get(day),
            letter_date=case.letter_date(day),
        ))
    return letters, case


def dunning_flowchart(policy: Any, helpers: Helpers) -> Flowchart:
    """The dunning calendar, top to bottom: the steps before the due date (dashed), the due
    date, then the steps after it."""
    labels, text = helpers.labels, helpers.text
    chart = Flowchart("TD", labels("recovery.diagram_title"),
                      labels("recovery.diagram_description"), wrapping_width=340)
    steps = sorted(policy.recovery.dunning_steps, key=lambda step: step.day)
    previous = None
    due = None
    for step in steps:
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
        "steps": steps,
        "flowchart": dunning_flowchart(policy, helpers).markup(),
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
