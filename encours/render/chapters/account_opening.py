"""Account opening: the steps (and their flowchart), documents, checks, score → class → terms."""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.render.chapters.common import (
    Helpers,
    by_id,
    common,
    joined,
    lower_first,
    opening_outcome,
    risk_class_range,
    where_to_look,
    with_quiz,
)
from encours.render.diagrams import Flowchart
from encours.render.links import item_anchor


def opening_flowchart(policy: Any, helpers: Helpers) -> Flowchart:
    """The opening steps in order, then the decision by risk class."""
    labels, text = helpers.labels, helpers.text
    chart = Flowchart("TD", labels("opening.diagram_title"), labels("opening.diagram_description"))
    previous = None
    elapsed = 0
    for number, step in enumerate(policy.account_opening.steps, start=1):
        elapsed += step.deadline_working_days
        node = chart.node(
            f"{number}. {text.plain(step.name)}",
            labels("opening.diagram_owner", owner=helpers.role(step.owner), days=elapsed),
            shape="round",
        )
        if previous:
            chart.edge(previous, node)
        previous = node
    return chart


def decision_flowchart(policy: Any, helpers: Helpers) -> Flowchart:
    """Score → risk class → opening decision."""
    labels, text = helpers.labels, helpers.text
    chart = Flowchart("LR", labels("opening.decision_diagram_title"),
                      labels("opening.decision_diagram_description"))
    score = chart.node(labels("opening.diagram_score"), shape="stadium")
    classes = {risk.id: risk for risk in policy.credit_limits.risk_classes}
    for decision in policy.account_opening.decisions:
        risk = classes[decision.risk_class]
        node = chart.node(
            labels("opening.diagram_class", id=risk.id, name=text.plain(risk.name)),
        )
        chart.edge(score, node, risk_class_range(risk, labels))
        outcome = chart.node(opening_outcome(decision, helpers), shape="round", css="outcome")
        chart.edge(node, outcome)
    return chart


def document_condition(document: Any, policy: Any, helpers: Helpers) -> str:
    labels = helpers.labels
    parts = []
    if document.required_above_limit is not None:
        parts.append(labels("opening.document_above",
                            amount=helpers.money(document.required_above_limit)))
    if document.customer_types:
        kinds = [lower_first(helpers.text.plain(
                     by_id(policy.document.scope.customer_types, kind).name))
                 for kind in document.customer_types]
        parts.append(labels("opening.document_for", types=joined(kinds, labels)))
    return "; ".join(parts)


def account_opening(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    text = values["text"]
    opening = policy.account_opening
    steps = []
    elapsed = 0
    for number, step in enumerate(opening.steps, start=1):
        elapsed += step.deadline_working_days
        steps.append({"number": number, "step": step, "elapsed": elapsed,
                      "anchor": item_anchor("account_opening.steps", step.id)})
    providers = {p.id: p.name for p in policy.company.credit_information_providers}
    classes = {risk.id: risk for risk in policy.credit_limits.risk_classes}
    decisions = [
        {
            "risk": classes[decision.risk_class],
            "range": risk_class_range(classes[decision.risk_class], labels),
            "outcome": opening_outcome(decision, helpers),
            "term": classes[decision.risk_class].maximum_term.label(lang),
            "note": text.plain(decision.note),
        }
        for decision in opening.decisions
    ]
    return with_quiz(values | {
        "where": where_to_look(policy, helpers, [step.owner for step in opening.steps],
                               ["account_creation", "class_and_limit"]),
        "opening": opening,
        "steps": steps,
        "total_days": elapsed,
        "flowchart": opening_flowchart(policy, helpers).markup(),
        "decision_chart": decision_flowchart(policy, helpers).markup(),
        "documents": [(text(d.name), document_condition(d, policy, helpers), text(d.note))
                      for d in opening.documents],
        "checks": [(check, providers.get(check.provider, "")) for check in opening.checks],
        "decisions": decisions,
    }, policy, "account_opening", labels)
