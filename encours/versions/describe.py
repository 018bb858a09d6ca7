"""Policy values and items in words, the way the handbook writes them.

A :class:`Describer` is bound to one version of the policy (references are named as that version
names them: a role removed in the new version is still named in the old one) and one language.
It turns a value into text by its declared type: a payment term as it is said ("45 jours fin de
mois"), a reference by the name of what it points at, a rate as a percentage, an amount in the
company's currency, a number of days with its unit, a fixed choice by its label.

Labels (``encours.po``): ``versions.field.<pattern>`` names a rule (the pattern is the
path of the value with list positions left out: ``recovery.dunning_steps.day``), falling back on
``versions.field.<key>``; ``versions.list.<pattern>.*`` describe the items of a list.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from decimal import Decimal
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from encours import formatting
from encours.i18n import Catalogue
from encours.policy import PaymentTerm, Policy, Text
from encours.policy.checks.references import TARGETS, ref_kind
from encours.policy.paths import unwrap

Pattern = tuple[str, ...]

NAME_FIELDS = ("name", "title", "term", "event", "question", "condition", "version")
"""The fields that name an item, in order of preference (before its identifier)."""
KEY_FIELDS = ("id", "step", "customer_type", "risk_class", "above", "version")
"""The fields that identify an item of a list: two versions' items are matched on them."""
NAME_LENGTH = 60
"""An item's name is cut (with "…") beyond this many characters."""


def field_annotation(model: type[BaseModel], name: str) -> Any:
    """The declared type of a model field, with the constraints pydantic moved aside put back."""
    field = model.model_fields[name]
    if field.metadata:
        return Annotated[(field.annotation, *field.metadata)]
    return field.annotation


def item_type(annotation: Any) -> Any:
    """The declared type of the items of a list or the values of a mapping."""
    annotation = unwrap(annotation)
    args = get_args(annotation)
    if get_origin(annotation) is dict:
        return args[1]
    return args[0] if args else Any


def is_model(annotation: Any) -> bool:
    annotation = unwrap(annotation)
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def is_atomic_model(annotation: Any) -> bool:
    """Models compared as one value: a text, a payment term."""
    return unwrap(annotation) in (Text, PaymentTerm)


def key_field(annotation: Any) -> str | None:
    """The field identifying the items of a list of ``annotation`` models, if they have one."""
    model = unwrap(annotation)
    if not (isinstance(model, type) and issubclass(model, BaseModel)) or is_atomic_model(model):
        return None
    return next((key for key in KEY_FIELDS if key in model.model_fields), None)


def _bounds(annotation: Any) -> set[str]:
    """The numeric constraints declared on a type: ``{"ge", "le"}`` for a percentage."""
    found: set[str] = set()
    origin = get_origin(annotation)
    if origin is Annotated:
        for mark in annotation.__metadata__:
            items = mark.metadata if isinstance(mark, FieldInfo) else [mark]
            found.update(name for item in items for name in ("ge", "le")
                         if getattr(item, name, None) is not None)
        found |= _bounds(get_args(annotation)[0])
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            found |= _bounds(arg)
    return found


_SPACES = re.compile(r"[ \t\r\n]+")


def normalized(text: str) -> str:
    """A text with its white space collapsed: re-wrapping lines in YAML changes nothing.

    Non-breaking spaces (``150 000,00 €``) are kept: they are part of the text.
    """
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """The words of a text, split on the white space ``normalized`` collapses."""
    text = normalized(text)
    return text.split(" ") if text else []


def cut(text: str, length: int = NAME_LENGTH) -> str:
    text = normalized(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class Describer:
    """Values and items of one version of the policy, in words, in one language."""

    def __init__(self, policy: Policy, labels: Catalogue, currency: str | None = None) -> None:
        self.policy = policy
        self.labels = labels
        self.lang = labels.lang
        self.currency = currency or policy.company.currency
        self._names: dict[str, dict[str, str]] = {}

    # --- labels ------------------------------------------------------------------------------
    def label(self, *keys: str, **values: Any) -> str | None:
        """The first of ``keys`` that has a label, filled with ``values`` (None: none has)."""
        for key in keys:
            try:
                return self.labels(key, **values)
            except KeyError:
                continue
        return None

    def field_label(self, pattern: Pattern) -> str:
        """What a rule is called: ``Délai de paiement standard`` for ``terms.payment_term``."""
        found = self.label(f"versions.field.{'.'.join(pattern)}", f"versions.field.{pattern[-1]}")
        return found if found is not None else pattern[-1].replace("_", " ").capitalize()

    def list_label(self, pattern: Pattern, part: str) -> str | None:
        """A label of the list at ``pattern`` (``kind``, ``added``, ``item``…), if it has one."""
        return self.label(f"versions.list.{'.'.join(pattern)}.{part}")

    def template(self, pattern: Pattern, part: str, item: Any, key: Any = None) -> str | None:
        """The list's ``item`` or ``summary`` template filled with the fields of ``item``."""
        template = self.list_label(pattern, part)
        return template.format(**self.fields(item, pattern, key)) if template else None

    def quote(self, text: str) -> str:
        return self.labels("versions.quote", text=text)

    # --- values ------------------------------------------------------------------------------
    def value(self, value: Any, annotation: Any, pattern: Pattern, *, quoted: bool = True) -> str:
        """``value``, declared as ``annotation`` at ``pattern``, in words.

        Free text is put in quotes unless ``quoted`` is false (inside an item's name).
        """
        if value is None or (isinstance(value, list | dict) and not value):
            return self.labels("versions.value.none")
        kind = ref_kind(annotation)
        if kind is not None and isinstance(value, str):
            return self.reference(kind, value)
        base = unwrap(annotation)
        if isinstance(value, list):
            inner = item_type(annotation)
            return ", ".join(self.value(item, inner, pattern, quoted=quoted) for item in value)
        if isinstance(value, Text):
            text = normalized(value.get(self.lang))
            return self.quote(text) if quoted else text
        if isinstance(value, PaymentTerm):
            return value.label(self.lang)
        if isinstance(value, BaseModel):
            return self.summary(value, pattern)
        if isinstance(value, bool):
            return self.labels("versions.value.yes" if value else "versions.value.no")
        if isinstance(value, dt.date):
            return formatting.format_long_date(value, self.lang)
        if get_origin(base) is Literal:
            return self.choice(value, pattern)
        if isinstance(value, int):
            return self.integer(value, pattern)
        if isinstance(value, Decimal):
            return self.decimal(value, annotation, pattern)
        return str(value)

    def choice(self, value: Any, pattern: Pattern) -> str:
        name = pattern[-1]
        if name == "chapter":
            found = self.label(f"versions.chapter.{value}")
        else:
            found = self.label(f"versions.enum.{name}.{value}", f"versions.enum.{value}")
        return found if found is not None else str(value)

    def integer(self, value: int, pattern: Pattern) -> str:
        name = pattern[-1]
        if pattern[-2:] == ("dunning_steps", "day"):
            sign = "+" if value > 0 else "-" if value < 0 else ""
            return self.labels("versions.value.relative_day", sign=sign,
                               n=abs(value) if value else "")
        for suffix, unit in (("working_days", "working_days"), ("working_hours", "hours"),
                             ("days", "days"), ("months", "months")):
            if name == suffix or name.endswith("_" + suffix):
                return self.count(unit, value)
        if pattern[:2] == ("recovery", "provisions") and name in ("above", "up_to"):
            return self.count("days", value)
        return formatting.format_integer(value, self.lang)

    def count(self, unit: str, n: int) -> str:
        one = n in (0, 1) if self.lang == "fr" else n == 1
        key = f"versions.value.{unit}_{'one' if one else 'other'}"
        return self.labels(key, n=formatting.format_integer(n, self.lang))

    def decimal(self, value: Decimal, annotation: Any, pattern: Pattern) -> str:
        bounds = _bounds(annotation)
        if "le" in bounds or (pattern[0] == "rates" and pattern[-1] == "value"):
            return percent(value, self.lang)
        if "ge" in bounds:
            return formatting.format_money(value, self.currency, self.lang)
        return plain_decimal(value, self.lang)

    # --- references and items ----------------------------------------------------------------
    def reference(self, kind: str, ident: str) -> str:
        """The name of the item ``ident`` of ``kind`` (role → its title), or ``ident``."""
        if kind not in self._names:
            names: dict[str, str] = {}
            self._names[kind] = names  # before filling it: a glossary entry names its "see also"
            if kind in TARGETS:
                for path, items in TARGETS[kind][1](self.policy):
                    for item in items:
                        names.setdefault(item.id, self.item_name(item, path))
        return self._names[kind].get(ident, ident)

    def fields(self, item: Any, pattern: Pattern, key: Any = None) -> dict[str, str]:
        """Every field of an item in words, for the ``item`` and ``summary`` templates."""
        values: dict[str, str] = {}
        if key is not None:
            values["key"] = str(key)
        if isinstance(item, BaseModel) and not is_atomic_model(type(item)):
            model = type(item)
            for name in model.model_fields:
                values[name] = self.value(getattr(item, name), field_annotation(model, name),
                                          (*pattern, name), quoted=False)
        else:
            values["value"] = self.value(item, type(item), pattern, quoted=False)
        return values

    def item_name(self, item: Any, pattern: Pattern, key: Any = None) -> str:
        """How an item is named: its list's ``item`` template, else its name, else its key."""
        name = self.template(pattern, "item", item, key)
        if name is not None:
            return cut(name)
        for name in NAME_FIELDS:
            value = getattr(item, name, None)
            if isinstance(value, Text):
                return cut(value.get(self.lang))
            if isinstance(value, str) and value:
                return cut(value)
        for name in KEY_FIELDS:
            value = getattr(item, name, None)
            if value is not None:
                model = type(item)
                return self.value(value, field_annotation(model, name), (*pattern, name))
        return cut(str(key)) if key is not None else ""

    def summary(self, item: Any, pattern: Pattern, key: Any = None) -> str:
        """An item in one line, for "Nouvelle étape de relance : …" (default: its name)."""
        summary = self.template(pattern, "summary", item, key)
        if summary is not None:
            return summary
        if key is not None and not isinstance(item, BaseModel):
            return f"{key} — {self.value(item, type(item), pattern)}"
        return self.item_name(item, pattern, key)


def plain_decimal(value: Decimal, lang: str) -> str:
    """A number as written, without trailing zeros: ``45``, ``98,5`` (fr), ``98.5`` (en)."""
    return formatting.format_number(value.normalize(), lang)


def percent(value: Decimal, lang: str) -> str:
    """``12.5`` → ``12,5 %`` (fr) or ``12.5%`` (en): a rate as finance writes it."""
    return formatting.format_percent(value.normalize(), lang, decimals=None)
