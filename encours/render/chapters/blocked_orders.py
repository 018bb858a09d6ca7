"""Orders over the limit: what blocks an order, the two-step procedure, who decides, what to say."""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.render import examples
from encours.render.chapters.common import (
    Helpers,
    common,
    where_to_look,
    with_quiz,
)
from encours.render.chapters.insurance import insurance_view
from encours.render.diagrams import Flowchart
from encours.render.links import item_anchor, rule_url


def blocked_flowchart(policy: Any, helpers: Helpers) -> Flowchart:
    """Blocked order → step 1: which cause? → step 2: the solutions that fit it → decision."""
    labels, text = helpers.labels, helpers.text
    blocked = policy.blocked_orders
    names = {alt.id: text.plain(alt.name) for alt in blocked.alternatives}
    chart = Flowchart("TD", labels("blocked.diagram_title"), labels("blocked.diagram_description"))
    start = chart.node(labels("blocked.diagram_blocked"), shape="stadium")
    cause = chart.node(labels("blocked.step1"), shape="decision")
    chart.edge(start, cause)
    decision = blocked.decision
    decide = chart.node(
        labels("blocked.diagram_decision", owner=helpers.role(decision.owner),
               hours=decision.response_time_working_hours),
        shape="decision",
    )
    for item in blocked.causes:
        solutions = chart.node(
            labels("blocked.diagram_solutions"),
            *[f"• {names[alternative]}" for alternative in item.alternatives],
            shape="round",
        )
        chart.edge(cause, solutions, text.plain(item.name))
        chart.edge(solutions, decide)
    released = chart.node(labels("blocked.diagram_released"), shape="stadium", css="outcome")
    chart.edge(decide, released, labels("blocked.diagram_agreed"))
    escalated = chart.node(labels("blocked.diagram_escalation",
                                  role=helpers.role(decision.escalation)),
                           shape="stadium", css="outcome")
    chart.edge(decide, escalated, labels("blocked.diagram_disagreement"), dotted=True)
    return chart


def blocked_orders(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    text = values["text"]
    blocked = policy.blocked_orders
    alternatives = {alt.id: alt for alt in blocked.alternatives}
    return with_quiz(values | {
        "blocked": blocked,
        "where": where_to_look(policy, helpers,
                               [blocked.decision.owner, blocked.decision.escalation],
                               ["customer_exposure", "overdue_invoices"]),
        "flowchart": blocked_flowchart(policy, helpers).markup(),
        "example": examples.blocked_order_example(policy),
        "insurance": insurance_view(policy, helpers),
        "causes": [
            (cause, [(text.plain(alternatives[a].name),
                      "#" + item_anchor("blocked_orders.alternatives", a))
                     for a in cause.alternatives])
            for cause in blocked.causes
        ],
        "alternative_anchor": lambda alt_id: item_anchor("blocked_orders.alternatives", alt_id),
        "alternative_rules": {
            "payment_plan": rule_url("recovery.payment_plans"),
            "temporary_increase": rule_url("credit_limits.temporary_increase"),
            "deposit": rule_url("terms.deposit_rules"),
        },
    }, policy, "blocked_orders", labels)
