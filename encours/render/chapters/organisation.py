"""Organisation and roles: each role, the RACI matrix by process, the delegation of authority."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from encours.i18n import Catalogue
from encours.policy.model.credit_limits import own_band
from encours.render.chapters.common import (
    Helpers,
    common,
    joined,
    with_quiz,
)
from encours.render.links import item_anchor, rule_url
from encours.render.policy_text import PolicyText


@dataclass(frozen=True)
class RaciRow:
    process: str
    step: str
    url: str
    cells: list[str]


@dataclass(frozen=True)
class Delegation:
    decision: str
    who: str
    escalation: str
    url: str


def process_steps(policy: Any) -> dict[str, tuple[str, Any, str]]:
    """Every process step by id: (process label key, step, link to where it is defined)."""
    steps: dict[str, tuple[str, Any, str]] = {}
    for step in policy.account_opening.steps:
        steps[step.id] = ("opening", step, rule_url(f"account_opening.steps.{step.id}"))
    for step in policy.blocked_orders.steps:
        steps[step.id] = ("blocked", step, rule_url("blocked_orders.steps"))
    for step in policy.recovery.dunning_steps:
        steps[step.id] = ("recovery", step, rule_url("recovery.dunning_steps"))
    return steps


def raci_rows(policy: Any, text: PolicyText, labels: Catalogue) -> list[RaciRow]:
    """One row per RACI step: its name, its link, and R/A/C/I for each role (in role order)."""
    steps = process_steps(policy)
    rows = []
    for assignment in policy.raci:
        process, step, url = steps.get(assignment.step, ("other", None, ""))
        cells = []
        for role in policy.roles:
            letters = [
                letter for letter, holds in (
                    ("R", role.id in assignment.responsible),
                    ("A", role.id == assignment.accountable),
                    ("C", role.id in assignment.consulted),
                    ("I", role.id in assignment.informed),
                ) if holds
            ]
            cells.append(", ".join(letters))
        name = text.plain(step.name) if step is not None else assignment.step
        rows.append(RaciRow(labels(f"organisation.process.{process}"), name, url, cells))
    return rows


def raci_groups(rows: list[RaciRow]) -> list[tuple[str, list[RaciRow]]]:
    """The RACI rows grouped by process, in the order processes first appear."""
    groups: dict[str, list[RaciRow]] = {}
    for row in rows:
        groups.setdefault(row.process, []).append(row)
    return list(groups.items())


def delegations(policy: Any, helpers: Helpers) -> list[Delegation]:
    """Who decides what, from every approver the policy names, in the order of the procedure."""
    labels, money, percent, role = helpers.labels, helpers.money, helpers.percent, helpers.role
    rows: list[Delegation] = []
    ceiling = max(risk.maximum_limit for risk in policy.credit_limits.risk_classes)
    for band in policy.credit_limits.approval_bands:
        if band.up_to is None:
            decision = labels("delegation.limit_above", amount=money(band.above))
        elif band.above == 0:
            decision = labels("delegation.limit_up_to", amount=money(band.up_to))
        else:
            decision = labels("delegation.limit_between", low=money(band.above),
                              high=money(band.up_to))
        if band.above >= ceiling:
            decision = labels("limits.band_increase_only", amount=decision,
                              ceiling=money(ceiling))
        rows.append(Delegation(decision, helpers.roles(band.approvers), "",
                               rule_url("credit_limits.approval_bands")))
    increase = policy.credit_limits.temporary_increase
    _, own = own_band(policy.credit_limits.approval_bands, increase.approver)
    if increase.beyond_approver_band == "approval_bands" and own.is_finite():
        rows.append(Delegation(
            labels("delegation.temporary_increase_within",
                   share=percent(increase.maximum_share), days=increase.maximum_days,
                   own=money(own)),
            role(increase.approver), labels("delegation.by_matrix"),
            rule_url("credit_limits.temporary_increase")))
    else:
        rows.append(Delegation(
            labels("delegation.temporary_increase", share=percent(increase.maximum_share),
                   days=increase.maximum_days),
            role(increase.approver), "", rule_url("credit_limits.temporary_increase")))
    exception = policy.terms.term_exception
    if exception is not None:
        term = exception.maximum_term.label(helpers.lang)
        decision = labels("delegation.term_exception_classes", term=term,
                          classes=joined(list(exception.risk_classes), labels, "list.or")) \
            if exception.risk_classes else labels("delegation.term_exception", term=term)
        rows.append(Delegation(decision, role(exception.approver), "",
                               rule_url("terms.term_exception")))
    rows.append(Delegation(labels("delegation.penalty_waiver"),
                           role(policy.terms.late_penalties.waiver_approver), "",
                           rule_url("terms.late_penalties")))
    decision = policy.blocked_orders.decision
    rows.append(Delegation(labels("delegation.release"), role(decision.owner),
                           role(decision.escalation), rule_url("blocked_orders.decision")))
    plans = policy.recovery.payment_plans
    rows.append(Delegation(
        labels("delegation.payment_plan", amount=money(plans.approval_limit)),
        role(plans.approver), role(plans.escalation), rule_url("recovery.payment_plans")))
    disputes = policy.recovery.disputes
    rows.append(Delegation(labels("delegation.dispute_overdue"), role(disputes.escalation), "",
                           rule_url("recovery.disputes")))
    legal = policy.recovery.legal_action
    rows.append(Delegation(labels("delegation.legal_action", owner=role(legal.owner)),
                           role(legal.approver), "", rule_url("recovery.legal_action")))
    provisions = policy.recovery.provisions
    rows.append(Delegation(labels("delegation.provisions"), role(provisions.approver), "",
                           rule_url("recovery.provisions")))
    rows.append(Delegation(labels("delegation.write_off"), role(provisions.write_off.approver),
                           "", rule_url("recovery.provisions")))
    return rows


def organisation(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    return with_quiz(values | {
        "raci": raci_groups(raci_rows(policy, values["text"], labels)),
        "role_titles": [values["plain"](r.title) for r in policy.roles],
        "delegations": delegations(policy, values["helpers"]),
        "role_anchor": lambda role_id: item_anchor("roles", role_id),
    }, policy, "roles", labels)
