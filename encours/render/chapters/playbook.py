"""The sales playbook: scenario cards, the self-check page, the one-page quick reference card."""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.render.chapters.common import (
    QUIZ_CHAPTERS,
    Helpers,
    by_id,
    common,
    day_label,
    opening_outcome,
    quiz,
)
from encours.render.chapters.terms import exception_scope
from encours.render.links import item_anchor, rule_url


def playbook(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    scenarios = [
        {
            "scenario": scenario,
            "anchor": item_anchor("training.scenarios", scenario.id),
            "audience": helpers.roles(scenario.audience),
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
    avoid: list[str] = []
    for scenario in policy.training.scenarios:
        for item in scenario.avoid:
            line = text.plain(item)
            if line not in avoid:
                avoid.append(line)
    return values | {
        "terms": policy.terms,
        "exception_scope": exception_scope(policy.terms.term_exception, labels,
                                           "fiche.exception_scope"),
        "customer_terms": [
            (text.plain(by_id(customer_types, row.customer_type).name),
             row.payment_term.label(lang))
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
