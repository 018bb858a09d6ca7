"""The sales playbook: scenario cards, the self-check page, the one-page quick reference card."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from calculators import discount
from encours.i18n import Catalogue
from encours.render.chapters.common import (
    QUIZ_CHAPTERS,
    Helpers,
    average_days,
    by_id,
    calculator_url,
    common,
    day_label,
    opening_outcome,
    quiz,
)
from encours.render.chapters.terms import customer_term, exception_scope
from encours.render.links import item_anchor, rule_url


def discount_cost(policy: Any, request: Any, helpers: Helpers) -> str:
    """What a requested discount costs a year on our standard term, in words: the nominal cost
    of `calculators.discount` against the average days our standard term gives."""
    term = policy.terms.payment_term
    average = average_days(term, policy.document.effective_date.year)
    cost = discount.nominal_cost(request.rate, request.days, average)
    return helpers.labels(
        "playbook.discount_cost", term=term.label(helpers.lang), average=average,
        rate=helpers.percent(request.rate), days=request.days, gain=average - request.days,
        cost=helpers.percent(Decimal((cost * 10 + Fraction(1, 2)) // 1) / 10),
        financing=helpers.percent(policy.company.financing_rate),
        url=calculator_url("discount") or "calculators/discount.md")


def playbook(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    scenarios = [
        {
            "discount_cost": discount_cost(policy, scenario.discount_request, helpers)
            if scenario.discount_request else "",
            "scenario": scenario,
            "anchor": item_anchor("training.scenarios", scenario.id),
            "audience": helpers.roles(scenario.audience),
            "decides": helpers.roles(scenario.decides),
            "rules": [(helpers.rule_title(path), rule_url(path)) for path in scenario.rules],
        }
        for scenario in policy.training.scenarios
    ]
    return values | {"scenarios": scenarios}


def self_check(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    quizzes = [quiz(policy, chapter, values["text"], labels) for chapter in QUIZ_CHAPTERS]
    return values | {"quizzes": [q for q in quizzes if q]}


def quick_reference(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    """The one-page summary for sales: terms, limits, blocked orders, dunning, who decides."""
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    text = values["text"]
    customer_types = policy.document.scope.customer_types
    # The card keeps each situation's first "never" (its main one), so it stays one sheet as
    # the playbook grows; the playbook has them all.
    avoid: list[str] = []
    for scenario in policy.training.scenarios:
        line = text.plain(scenario.avoid[0])
        if line not in avoid:
            avoid.append(line)
    return values | {
        "terms": policy.terms,
        "exception_scope": exception_scope(policy.terms.term_exception, labels,
                                           "fiche.exception_scope"),
        "customer_terms": [
            (text.plain(by_id(customer_types, row.customer_type).name),
             customer_term(row, lang, labels))
            for row in policy.terms.customer_type_terms
        ],
        "classes": policy.credit_limits.risk_classes,
        "decisions": {d.risk_class: opening_outcome(d, helpers)
                      for d in policy.account_opening.decisions},
        "blocked": policy.blocked_orders,
        "dunning": [(day_label(step.day, labels), text.plain(step.name), helpers.role(step.owner))
                    for step in sorted(policy.recovery.dunning_steps, key=lambda s: s.day)],
        "avoid": avoid,
        "opening_days": sum(step.deadline_working_days for step in policy.account_opening.steps),
    }
