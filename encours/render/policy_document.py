"""The policy as the calculators read it: ``assets/policy.json``, and the values the policy
tools (``limit``, ``order``, ``plan``, ``bonus``) apply, so that the handbook's worked examples,
the pages' tools and the command line are computed by the same code from the same document.
"""

from __future__ import annotations

from typing import Any

from calculators.languages import LANGUAGES
from calculators.policy_values import PolicyValues, read_policy
from encours.policy.placeholders import LETTER_FIELDS
from encours.render.calculator_pages import policy_hash
from encours.render.policy_text import PolicyText, language_of


def policy_json(policy: Any) -> dict[str, Any]:
    """What the calculators read in the browser and on the command line (``--policy``): the
    policy's values, version and content hash, and its letter templates with the policy's own
    values filled in, in each language (``letters``: the case fields such as
    ``[[plan.total]]`` are left for the tool that fills them; ``lang`` says which language a
    text is in, French when it has no translation). Read by
    :func:`calculators.policy_values.read_policy`."""
    return {
        "version": policy.document.version,
        "effective_date": policy.document.effective_date.isoformat(),
        "content_hash": policy_hash(policy),
        "currency": policy.company.currency,
        "reference_rates": policy.rates.reference_rates(),
        "policy": policy.model_dump(mode="json"),
        "letters": [
            {"id": template.id, "kind": template.kind,
             "texts": {lang: _letter_text(policy, template, lang) for lang in LANGUAGES}}
            for template in policy.recovery.letter_templates
        ],
    }


def _letter_text(policy: Any, template: Any, lang: str) -> dict[str, str]:
    """A letter template in ``lang`` with the policy's values filled in and its case fields
    left as they are written."""
    kept = {name: f"[[{name}]]" for name in LETTER_FIELDS}
    text = PolicyText(policy, lang)
    return {"lang": language_of(template.body, lang), "subject": text(template.subject, kept),
            "body": text(template.body, kept)}


_VALUES: dict[int, tuple[Any, PolicyValues]] = {}


def tool_values(policy: Any) -> PolicyValues:
    """The values the policy tools apply, read from :func:`policy_json` as the page and the
    command line read them (remembered for the last policy)."""
    known = _VALUES.get(id(policy))
    if known is not None and known[0] is policy:
        return known[1]
    values = read_policy(policy_json(policy))
    _VALUES.clear()
    _VALUES[id(policy)] = (policy, values)
    return values
