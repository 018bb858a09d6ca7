"""Terms of sale and payment: terms by customer type and risk class, penalties, deposits and
invoices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from calculators.rates import SHIPPED, half_key, half_of
from encours import formatting
from encours.i18n import Catalogue
from encours.render.chapters.common import (
    Helpers,
    by_id,
    calculator_url,
    common,
    joined,
    lower_first,
    rate_notices,
    with_quiz,
)


def penalty_rate_sentence(policy: Any, lang: str, labels: Catalogue) -> str:
    """How the late-penalty rate is set, in words: legal rate of the regime or contractual rate."""
    penalties = policy.terms.late_penalties
    if penalties.rate_kind == "contractual":
        rate = formatting.format_percent(penalties.contractual_rate, lang)
        sentence = labels("terms.penalty_contractual", rate=rate)
    else:
        sentence = labels(f"terms.penalty_legal_{penalties.regime}")
    if penalties.regime != "UK":
        sentence += " " + labels(f"terms.penalty_{penalties.mode}", basis=penalties.basis)
    if penalties.regime == "FR" and penalties.rate_kind == "legal":
        known = latest_legal_interest_rate(policy.document.effective_date)
        if known is not None:
            half, rate = known
            year, number = half.split("-H")
            sentence += " " + labels("terms.penalty_not_legal_interest",
                                     rate=formatting.format_percent(rate, lang),
                                     half=labels(f"terms.half.{number}", year=year))
    return sentence


def latest_legal_interest_rate(day: dt.date) -> tuple[str, Decimal] | None:
    """The taux de l'intérêt légal (professional creditors) of the half-year of `day`, or of
    the latest half-year before it whose rate is published in the shipped table."""
    for half in range(half_of(day), half_of(day) - 4, -1):
        rate = SHIPPED.get("france_legal_interest_rate", half)
        if rate is not None:
            return half_key(half), rate
    return None


def term_method_sentence(term: Any, labels: Catalogue) -> str:
    """How a "N days end of month" term is computed, in words (empty for other terms)."""
    if term.basis != "days_end_of_month" or term.end_of_month_method is None:
        return ""
    return labels(f"terms.method.{term.end_of_month_method}", days=term.days)


def customer_term(row: Any, lang: str, labels: Catalogue) -> str:
    """A customer type's term as it is said; a public buyer's runs from receipt of the invoice."""
    if row.public_buyer and row.payment_term.days is not None:
        return labels("terms.public_term", days=row.payment_term.days)
    return row.payment_term.label(lang)


def public_buyer_types(policy: Any, helpers: Helpers) -> str:
    """The customer types that are public buyers, in words (empty when there is none)."""
    kinds = [lower_first(helpers.text.plain(by_id(policy.document.scope.customer_types,
                                                  row.customer_type).name))
             for row in policy.terms.customer_type_terms if row.public_buyer]
    return joined(kinds, helpers.labels)


def exception_applies(exception: Any, risk_class: str) -> bool:
    """Whether the exceptional term may be granted to customers of ``risk_class``."""
    return exception is not None and (not exception.risk_classes
                                      or risk_class in exception.risk_classes)


def exception_scope(exception: Any, labels: Catalogue, key: str = "terms.exception_scope") -> str:
    """" aux clients de classe A ou B" (empty when the exception is open to every class)."""
    if exception is None or not exception.risk_classes:
        return ""
    return labels(key, classes=joined(list(exception.risk_classes), labels, "list.or"))


def class_term(risk: Any, exception: Any, lang: str, labels: Catalogue) -> str:
    """A class's maximum term, and how far the exceptional term may take it beyond."""
    term = risk.maximum_term.label(lang)
    if exception_applies(exception, risk.id) \
            and exception.maximum_term.longest_days() > risk.maximum_term.longest_days():
        return labels("terms.class_exception", term=term,
                      maximum=exception.maximum_term.label(lang))
    return term


def deposit_scope(rule: Any, policy: Any, helpers: Helpers) -> str:
    """To whom a deposit rule applies, in words (empty when it applies to every customer)."""
    labels, text = helpers.labels, helpers.text
    parts = []
    if rule.risk_classes:
        parts.append(labels("terms.deposit_classes", classes=joined(rule.risk_classes, labels)))
    if rule.customer_types:
        kinds = [lower_first(text.plain(by_id(policy.document.scope.customer_types, kind).name))
                 for kind in rule.customer_types]
        parts.append(labels("terms.deposit_customer_types", types=joined(kinds, labels)))
    if rule.minimum_order_amount is not None:
        minimum = helpers.money(rule.minimum_order_amount)
        parts.append(labels("terms.deposit_minimum", amount=minimum))
    return labels("terms.deposit_scope", scope=joined(parts, labels)) if parts else ""


def terms(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    values = common(policy, lang, labels)
    helpers: Helpers = values["helpers"]
    text = values["text"]
    customer_types = policy.document.scope.customer_types
    methods = {method.id: text.plain(method.name) for method in policy.terms.payment_methods}
    rows = [
        {
            "customer_type": text.plain(by_id(customer_types, row.customer_type).name),
            "term": customer_term(row, lang, labels),
            "methods": joined([methods[m] for m in row.payment_methods], labels)
            if row.payment_methods else labels("terms.all_methods"),
            "note": text.plain(row.note),
        }
        for row in policy.terms.customer_type_terms
    ]
    guarantees = {g.id: text.plain(g.name) for g in policy.credit_limits.guarantees}
    class_rows = [
        {
            "id": risk.id,
            "name": text.plain(risk.name),
            "term": class_term(risk, policy.terms.term_exception, lang, labels),
            "limit": helpers.money(risk.maximum_limit),
            "guarantees": labels("terms.guarantee_one_of",
                                 guarantees=joined([guarantees[g] for g in risk.guarantees],
                                                   labels, "list.or"))
            if risk.guarantees else labels("terms.no_guarantee"),
        }
        for risk in policy.credit_limits.risk_classes
    ]
    deposits = [
        {"rate": helpers.percent(rule.rate), "condition": text(rule.condition),
         "scope": deposit_scope(rule, policy, helpers)}
        for rule in policy.terms.deposit_rules
    ]
    return with_quiz(values | {
        "terms": policy.terms,
        "rate_notices": rate_notices(policy, labels),
        "customer_type_terms": rows,
        "class_terms": class_rows,
        "deposits": deposits,
        "standard_method": term_method_sentence(policy.terms.payment_term, labels),
        "exception_scope": exception_scope(policy.terms.term_exception, labels),
        "public_buyers": public_buyer_types(policy, helpers),
        "penalty_rate_sentence": penalty_rate_sentence(policy, lang, labels),
        "penalty_calculator": calculator_url("penalty"),
        "discount_calculator": calculator_url("discount"),
    }, policy, "terms", labels)
