"""Steering: sales incentives (with the worked example of a sample rep) and the KPIs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from encours import formatting
from encours.i18n import Catalogue
from encours.render import examples
from encours.render.chapters.common import (
    Helpers,
    calculator_url,
    common,
    with_quiz,
)
from encours.render.links import item_anchor, rule_url

# KPI methods a calculator computes, when that calculator has a page.
KPI_CALCULATORS = {
    "countback_dso": "dso", "simple_dso": "dso", "best_possible_dso": "dso",
    "average_days_delinquent": "dso", "collection_effectiveness_index": "cei",
}


def kpi_value(value: Decimal, unit: str, helpers: Helpers) -> str:
    """A KPI figure with its unit: ``12 jours``, ``5,00 %``, ``1 000,00 €``."""
    if unit == "percent":
        return helpers.percent(value)
    if unit == "amount":
        return helpers.money(value)
    decimals = 0 if value == value.to_integral() else 1
    number = formatting.format_decimal(value, helpers.lang, decimals)
    return helpers.labels(f"kpi_unit.{unit}", value=number)


def scale_text(criterion: Any, kpi: Any, helpers: Helpers) -> list[str]:
    """Each step of a scale in words: ``5,00 % ou moins : 100 % de la prime``."""
    labels = helpers.labels
    steps = [
        labels(f"incentives.scale_{kpi.better}",
               result=kpi_value(step.threshold, kpi.unit, helpers),
               payout=helpers.percent(step.payout))
        for step in criterion.scale
    ]
    steps.append(labels("incentives.scale_otherwise"))
    return steps


def incentives(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    kpis = {kpi.id: kpi for kpi in policy.kpis}
    criteria = [
        {
            "criterion": criterion,
            "kpi": kpis[criterion.kpi],
            "kpi_url": rule_url(f"kpis.{criterion.kpi}"),
            "target": kpi_value(criterion.target, kpis[criterion.kpi].unit, helpers),
            "scale": scale_text(criterion, kpis[criterion.kpi], helpers),
        }
        for criterion in policy.incentives.criteria
    ]
    example = examples.incentive_example(policy)
    lines = []
    if example is not None:
        lines = [
            {
                "line": line,
                "result": kpi_value(line.result, line.kpi.unit, helpers),
            }
            for line in example.lines
        ]
    return with_quiz(values | {
        "incentives": policy.incentives,
        "period": labels(f"period.{policy.incentives.period}"),
        "criteria": criteria,
        "example": example,
        "example_lines": lines,
    }, policy, "incentives", labels)


def kpis(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    rows = [
        {
            "kpi": kpi,
            "anchor": item_anchor("kpis", kpi.id),
            "target": labels(f"kpis.target_{kpi.better}",
                             value=kpi_value(kpi.target, kpi.unit, helpers)),
            "frequency": labels(f"frequency.{kpi.frequency}"),
            "audience": helpers.roles(kpi.audience),
            "calculator": calculator_url(KPI_CALCULATORS.get(kpi.method, "")),
            "incentive": any(c.kpi == kpi.id for c in policy.incentives.criteria),
        }
        for kpi in policy.kpis
    ]
    return with_quiz(values | {"rows": rows}, policy, "kpis", labels)
