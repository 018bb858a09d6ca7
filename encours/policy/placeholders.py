"""Policy values quoted inside free text: `[[terms.payment_term.days]]`.

Training and letters quote the policy instead of copying it, so they never contradict it after a
change. The syntax is deliberately tiny and inert: `[[` a path `]]`, where a path is keys joined
by dots and list items named by their identifier (`[[credit_limits.risk_classes.B.maximum_limit]]`).
No expressions, no filters, no code: anything else between the brackets is an error, and text
such as `{{ 7*7 }}` is ordinary text. Letter templates may also use the case fields listed in
`LETTER_FIELDS`, which the renderer fills with a sample case.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from encours.formatting import format_long_date, format_number

from .messages import message
from .model.common import PaymentTerm, Text
from .paths import item_name

PLACEHOLDER = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z0-9_-]+)*$")

LETTER_FIELDS: dict[str, str] = {
    "customer.name": "raison sociale du client",
    "customer.account": "numéro de compte client",
    "invoice.number": "numéro de la facture",
    "invoice.date": "date de la facture",
    "invoice.due_date": "date d'échéance",
    "invoice.amount": "montant TTC de la facture",
    "overdue.amount": "total échu restant dû",
    "overdue.days": "jours de retard",
    "penalty.rate": "taux des pénalités de retard appliqué",
    "penalty.amount": "montant des pénalités de retard",
    "indemnity.amount": "indemnités forfaitaires dues (40 € par facture)",
    "letter.date": "date du courrier",
    "sender.name": "nom du signataire",
    "sender.title": "fonction du signataire",
    "plan.total": "montant reconnu dans l'échéancier (principal et indemnités)",
    "plan.schedule": "échéancier : dates et montants des échéances",
    "judgment.date": "date du jugement d'ouverture",
    "claim.penalty": "pénalités de retard arrêtées au jour du jugement",
    "claim.amount": "créance échue au jour du jugement (principal, pénalités, indemnités)",
    "insurer.name": "nom de l'assureur-crédit",
}
"""Case fields a letter template may use, with what the renderer puts there."""


class PlaceholderError(LookupError):
    """A placeholder that does not designate a policy value; `str()` says why, in plain words."""


def find_placeholders(text: str) -> Iterator[tuple[str, str]]:
    """Each placeholder in `text`: (the placeholder as written, the path inside, stripped)."""
    for match in PLACEHOLDER.finditer(text):
        yield match.group(0), match.group(1).strip()


def lookup(policy: Any, path: str, lang: str = "fr", *, value: bool = True) -> Any:
    """The policy element at `path` (`terms.payment_term.days`); raises `PlaceholderError`.

    With `value=True` the element must be something that prints (a number, a date, a text, a
    payment term); with `value=False` any element is accepted (a whole section, for links).
    """
    if not PATH.match(path):
        raise PlaceholderError(message("placeholder.syntax", lang, name=path))
    node: Any = policy
    walked: list[str] = []
    for segment in path.split("."):
        here = ".".join(walked) or message("placeholder.root", lang)
        if isinstance(node, BaseModel) and not isinstance(node, Text):
            names = list(type(node).model_fields)
            if segment not in names:
                raise PlaceholderError(_missing("placeholder.no_key", here, segment, names, lang))
            node = getattr(node, segment, None)
        elif isinstance(node, list):
            names = [n for n in map(item_name, node) if n]
            found = [item for item in node if item_name(item) == segment]
            if not found:
                raise PlaceholderError(_missing("placeholder.no_item", here, segment, names, lang))
            node = found[0]
        elif isinstance(node, Mapping):
            if segment not in node:
                names = [str(k) for k in node]
                raise PlaceholderError(_missing("placeholder.no_key", here, segment, names, lang))
            node = node[segment]
        else:
            raise PlaceholderError(message("placeholder.too_deep", lang, at=here, segment=segment))
        walked.append(segment)
    if value:
        if node is None:
            raise PlaceholderError(message("placeholder.empty", lang, at=path))
        if not _printable(node):
            raise PlaceholderError(message("placeholder.not_value", lang, at=path))
    return node


def format_value(value: Any, lang: str = "fr") -> str:
    """A policy value as it reads in a sentence: `30`, `40,00`, `1er septembre 2026`."""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, PaymentTerm):
        return value.label(lang)
    if isinstance(value, bool):
        return message("value.yes" if value else "value.no", lang)
    if isinstance(value, Decimal | int):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_long_date(value, lang)
    return str(value)


def resolve_placeholders(text: str, policy: Any, lang: str = "fr",
                         values: Mapping[str, str] | None = None) -> str:
    """`text` with each `[[path]]` replaced by the policy value in `lang`.

    `values` supplies the case fields of letter templates (`{"customer.name": "Exemple SA"}`);
    they win over policy paths of the same name. Raises `PlaceholderError` on an unknown path
    (the validation has already reported those, so a loaded policy never raises here).
    """
    values = values or {}

    def replace(match: re.Match[str]) -> str:
        path = match.group(1).strip()
        if path in values:
            return values[path]
        return format_value(lookup(policy, path, lang), lang)

    return PLACEHOLDER.sub(replace, text)


def _printable(node: Any) -> bool:
    if isinstance(node, Text | PaymentTerm):
        return True
    return isinstance(node, str | int | Decimal | dt.date)


def _missing(key: str, at: str, segment: str, names: list[str], lang: str) -> str:
    close = difflib.get_close_matches(segment, names, n=1, cutoff=0.6)
    text = message(key, lang, at=at, segment=segment)
    if close:
        return text + message("placeholder.suggest", lang, suggestion=close[0])
    if names:
        return text + message("placeholder.choices", lang, choices=", ".join(names[:16]))
    return text
