"""Values each chapter template needs beyond the policy itself, computed in Python so that
templates only lay them out: look-ups by id, sentences chosen by a rule, worked examples.
"""

from __future__ import annotations

from typing import Any

from encours.i18n import Catalogue
from encours.render import formatting


def by_id(items: list[Any], wanted: str) -> Any:
    """The item of ``items`` whose ``id`` is ``wanted`` (validation guarantees it exists)."""
    return next(item for item in items if item.id == wanted)


def home(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    return {"owner": by_id(policy.roles, policy.document.owner)}


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
    return sentence


def terms(policy: Any, lang: str, labels: Catalogue) -> dict[str, Any]:
    customer_types = policy.document.scope.customer_types
    rows = [
        {
            "customer_type": by_id(customer_types, row.customer_type).name,
            "term": row.payment_term.label(lang),
        }
        for row in policy.terms.customer_type_terms
    ]
    return {
        "terms": policy.terms,
        "customer_type_terms": rows,
        "penalty_rate_sentence": penalty_rate_sentence(policy, lang, labels),
    }
