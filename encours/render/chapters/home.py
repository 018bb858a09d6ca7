"""The home page: purpose, scope, version, owner and approvers, quick links per audience."""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.render.chapters.common import (
    by_id,
    calculator_url,
    common,
    joined,
    quiz,
)

# Quick links per audience: (label key, link), the links most used by each group of staff.
AUDIENCES = {
    "sales": (
        ("home.link.playbook", "playbook.md"),
        ("home.link.quick_reference", "quick-reference.md"),
        ("home.link.terms", "terms.md#terms-standard"),
        ("home.link.opening", "account-opening.md"),
        ("home.link.blocked", "blocked-orders.md"),
        ("home.link.incentives", "incentives.md"),
    ),
    "credit": (
        ("home.link.checks", "account-opening.md#opening-checks"),
        ("home.link.limit_method", "credit-limits.md#limits-method"),
        ("home.link.release", "blocked-orders.md#blocked-decision"),
        ("home.link.dunning", "recovery.md#recovery-dunning"),
        ("home.link.letters", "recovery.md#recovery-letters"),
    ),
    "finance": (
        ("home.link.delegation", "organisation.md#delegation"),
        ("home.link.invoicing", "terms.md#terms-invoicing"),
        ("home.link.provisions", "recovery.md#recovery-provisions"),
        ("home.link.legal_action", "recovery.md#recovery-legal-action"),
        ("home.link.kpis", "kpis.md"),
    ),
    "managers": (
        ("home.link.raci", "organisation.md#raci"),
        ("home.link.approval", "credit-limits.md#limits-approval"),
        ("home.link.kpis", "kpis.md"),
        ("home.link.criteria", "incentives.md#incentives-criteria"),
        ("home.link.print", "print.md"),
    ),
}


def home(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    text = values["text"]
    document = policy.document
    audiences = []
    for audience, links in AUDIENCES.items():
        shown = [(labels(key), url) for key, url in links]
        penalty = calculator_url("penalty")
        if audience == "credit" and penalty:
            shown.append((labels("calculator.penalty.nav"), penalty))
        audiences.append((labels(f"home.audience.{audience}"), shown))
    return values | {
        "owner": by_id(policy.roles, document.owner),
        "entities": joined(list(document.scope.entities), labels),
        "approvals": [
            (values["role"](approval.role), approval.name, approval.date)
            for approval in document.approvers
        ],
        "customer_types": [
            (text.plain(kind.name), text.plain(kind.description)) for kind in
            document.scope.customer_types
        ],
        "audiences": audiences,
    } | {"quiz": [q for q in [quiz(policy, "document", text, labels)] if q]}
