"""Credit limits: risk classes, the limit method and its worked example, approvals, reviews."""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.policy.model.credit_limits import own_band
from encours.render import examples
from encours.render.chapters.common import (
    Helpers,
    average_days,
    common,
    joined,
    risk_class_range,
    with_quiz,
)
from encours.render.chapters.insurance import insurance_view


def credit_limits(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    text = values["text"]
    limits = policy.credit_limits
    providers = {p.id: p.name for p in policy.company.credit_information_providers}
    guarantees = {g.id: text.plain(g.name) for g in limits.guarantees}
    ceiling = max(risk.maximum_limit for risk in limits.risk_classes)
    increase = limits.temporary_increase
    _, own = own_band(limits.approval_bands, increase.approver)
    increase_band = labels("limits.temporary_increase_band",
                           approver=helpers.role(increase.approver), own=helpers.money(own)) \
        if increase.beyond_approver_band == "approval_bands" and own.is_finite() else ""
    bands = []
    for band in limits.approval_bands:
        if band.up_to is None:
            amount = labels("limits.band_above", amount=helpers.money(band.above))
        elif band.above == 0:
            amount = labels("limits.band_up_to", amount=helpers.money(band.up_to))
        else:
            amount = labels("limits.band_between", low=helpers.money(band.above),
                            high=helpers.money(band.up_to))
        if band.above >= ceiling:
            amount = labels("limits.band_increase_only", amount=amount,
                            ceiling=helpers.money(ceiling))
        bands.append((amount, helpers.roles(band.approvers)))
    return with_quiz(values | {
        "limits": limits,
        "score_provider": providers[limits.score.provider],
        "classes": [
            {
                "risk": risk,
                "range": risk_class_range(risk, labels),
                "guarantees": joined([guarantees[g] for g in risk.guarantees], labels, "list.or"),
            }
            for risk in limits.risk_classes
        ],
        "example": examples.credit_limit_example(policy),
        "bands": bands,
        "insurance": insurance_view(policy, helpers),
        "increase_band": increase_band,
        "example_term": labels(
            "limits.example_term", days=limits.limit_method.example.term_days,
            term=policy.terms.payment_term.label(lang),
            average=average_days(policy.terms.payment_term, policy.document.effective_date.year)),
    }, policy, "credit_limits", labels)
