"""What a calculator page shows: its form (fields from ``calculators.describe``, defaults from the
policy) and its result for those defaults, computed at build time with the same ``calculators``
code the browser runs, so the page has a result at first paint, before Python is ready.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import calculators
from encours.i18n import Catalogue

CALCULATOR_PAGES = ("penalty",)

# How each result is laid out: summary values (output name, format), then tables of rows.
SUMMARY_OUTPUTS: dict[str, tuple[tuple[str, str], ...]] = {
    "penalty": (
        ("days_late", "integer"),
        ("interest", "money"),
        ("indemnity", "money"),
        ("total", "money"),
    ),
}
TABLES: dict[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]] = {
    "penalty": (
        (
            "periods",
            (
                ("start", "date"),
                ("end", "date"),
                ("days", "integer"),
                ("rate", "percent"),
                ("interest", "money"),
            ),
        ),
    ),
}
INPUT_TYPES = {"date": "date", "integer": "number", "boolean": "checkbox"}

# Worked example shown when the page opens: reference example FR-1 (L441-10 II, ECB 2.15 + 10).
EXAMPLE_INPUTS: dict[str, dict[str, str]] = {
    "penalty": {"amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30"},
}


@dataclass
class FormField:
    name: str
    label: str
    help: str
    kind: str
    value: str
    required: bool
    choices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def input_type(self) -> str:
        return INPUT_TYPES.get(self.kind, "text")

    @property
    def input_mode(self) -> str:
        return "decimal" if self.kind in {"money", "rate", "percent"} else ""


@dataclass
class Output:
    name: str
    label: str
    format: str
    value: Any


@dataclass
class Table:
    rows_field: str
    caption: str
    columns: list[Output]
    rows: list[dict[str, Any]]


@dataclass
class CalculatorPage:
    name: str
    dom_id: str
    title: str
    summary: str
    fields: list[FormField]
    outputs: list[Output]
    tables: list[Table]
    result: dict[str, Any]
    messages: dict[str, str]
    defaults_note: str


def policy_defaults(name: str, policy: Any) -> dict[str, str]:
    """The inputs a calculator takes from the policy (regime, contractual rate, day basis…)."""
    if name == "penalty":
        penalties = policy.terms.late_penalties
        defaults = {
            "regime": penalties.regime,
            "mode": penalties.mode,
            "basis": str(penalties.basis),
        }
        if penalties.rate_kind == "contractual" and penalties.contractual_rate is not None:
            defaults["rate"] = _plain(penalties.contractual_rate)
        return defaults
    return {}


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _choices(field: dict[str, Any]) -> list[tuple[str, str]]:
    """``[(value, label)]`` of a choice field, labels in the page's language."""
    values = [str(value) for value in field.get("choices") or ()]
    return list(zip(values, field.get("choice_labels") or values, strict=True))


def calculator_page_context(
    name: str, policy: Any, *, lang: str, labels: Catalogue
) -> CalculatorPage:
    spec = calculators.describe(lang)[name]
    inputs = {**EXAMPLE_INPUTS.get(name, {}), **policy_defaults(name, policy)}
    fields = []
    for raw in spec["fields"]:
        if raw["kind"] == "list":
            continue  # batch inputs (lists of invoices) come with the batch import
        default = raw.get("default")
        value = inputs.get(raw["name"], "" if default is None else _plain(default))
        fields.append(
            FormField(
                name=raw["name"],
                label=raw["label"],
                help=raw.get("help", ""),
                kind=raw["kind"],
                value=value,
                required=bool(raw.get("required")),
                choices=_choices(raw),
            )
        )
    payload = {f.name: f.value for f in fields if f.value != ""} | {"lang": lang}
    payload["reference_rates"] = policy.rates.reference_rates() if policy.rates else {}
    result = calculators.run(name, payload)
    if "errors" in result:
        problems = "; ".join(f"{e['field']}: {e['message']}" for e in result["errors"])
        raise ValueError(f"the default inputs of the {name} calculator are invalid: {problems}")

    output_labels = {output["name"]: output["label"] for output in spec["outputs"]}
    column_labels = {
        output["name"]: {item["name"]: item["label"] for item in output.get("items", ())}
        for output in spec["outputs"]
    }
    outputs = [
        Output(key, output_labels[key], fmt, result.get(key)) for key, fmt in SUMMARY_OUTPUTS[name]
    ]
    tables = [
        Table(
            rows_field=rows_field,
            caption=output_labels[rows_field],
            columns=[Output(key, column_labels[rows_field][key], fmt, None) for key, fmt in cols],
            rows=result.get(rows_field, []),
        )
        for rows_field, cols in TABLES.get(name, ())
    ]
    return CalculatorPage(
        name=name,
        dom_id=f"calculator-{name}",
        title=spec["title"],
        summary=spec["summary"],
        fields=fields,
        outputs=outputs,
        tables=tables,
        result=result,
        messages=labels.group("calculator.status"),
        defaults_note=labels("calculator.defaults_from_policy", version=policy.document.version),
    )
