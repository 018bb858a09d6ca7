"""What a calculator page shows: its form (fields from ``calculators.describe``, defaults from the
policy), its result for those defaults, computed at build time with the same ``calculators``
code the browser runs (so the page has a result at first paint, before Python is ready), and
how that result is computed (formula, legal basis, breakdown).

``CALCULATOR_PAGES`` lists the pages under ``calculators/``: ``index`` (every calculator, with
its default result: :func:`index_page_context`) then one page per calculator of
``calculators.CALCULATORS`` that has a layout in ``LAYOUTS`` (:func:`calculator_page_context`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import calculators
from calculators import CALCULATORS, batch
from calculators.penalty import REGIMES
from calculators.specs import SPECS
from encours.i18n import Catalogue

Columns = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Layout:
    """How a calculator's page is laid out.

    ``summary``: result values (output name, format); ``tables``: lists of rows (output name,
    columns); ``example``: the worked example (``../shared/reference/examples.yaml``) whose
    inputs fill the form when the policy does not set them; ``texts``: fields typed as lines
    (a list given as text, read by :func:`calculators.batch.run_form`); ``only_when``: fields
    that apply only when another field has a value (``{"sales": ("method", "simple")}``).
    """

    summary: Columns
    tables: tuple[tuple[str, Columns], ...] = ()
    example: str = ""
    example_inputs: dict[str, str] = field(default_factory=dict)
    texts: tuple[str, ...] = ()
    only_when: dict[str, tuple[str, str]] = field(default_factory=dict)
    batch: str | None = None
    """``"penalty"`` (CSV of invoices) or ``"dso"`` (CSV of months): the page's batch import."""
    lists: tuple[str, ...] = ()
    """Outputs that are lists of sentences (``a.b``: ``b`` inside the output ``a``)."""
    steps: bool = False
    """The result explains each step in words (its ``explanation``)."""
    letter: str = ""
    """An output holding a letter (``subject``, ``body``) filled in, shown ready to print."""


PERIOD_COLUMNS: Columns = (
    ("start", "date"), ("end", "date"), ("days", "integer"), ("amount", "money"),
    ("rate", "percent"), ("interest", "money"),
)
STEP_COLUMNS: Columns = (
    ("month", "text"), ("receivables_before", "money"), ("sales", "money"),
    ("month_days", "integer"), ("days", "decimal"), ("cumulative_days", "decimal"),
)

LAYOUTS: dict[str, Layout] = {
    "penalty": Layout(
        summary=(("days_late", "integer"), ("rate", "percent"), ("interest", "money"),
                 ("indemnity", "money"), ("total", "money")),
        tables=(("periods", PERIOD_COLUMNS),),
        example="FR-1",
        example_inputs={"amount": "10000", "due_date": "2025-09-30",
                        "payment_date": "2025-11-30"},
        only_when={"rate": ("regime", "FR")},
        batch="penalty",
    ),
    "dso": Layout(
        summary=(("dso", "decimal"), ("bpdso", "decimal"), ("add", "decimal"),
                 ("days_covered", "integer")),
        tables=(("steps", STEP_COLUMNS),),
        texts=("months",),
        only_when={"sales": ("method", "simple"), "days": ("method", "simple"),
                   "months": ("method", "countback"),
                   "days_per_month": ("method", "countback")},
        batch="dso",
    ),
    "cei": Layout(
        summary=(("cei", "percent"), ("monthly_sales", "money")),
        example="K2",
        example_inputs={"begin_receivables": "100000", "credit_sales": "1000000",
                        "end_receivables": "120000", "end_current_receivables": "100000",
                        "months": "1"},
    ),
    "discount": Layout(
        summary=(("nominal_rate", "percent"), ("effective_rate", "percent"),
                 ("breakeven_discount_rate", "percent"), ("discount_costs_more", "yesno"),
                 ("discount_amount", "money"), ("net_amount", "money"),
                 ("financing_cost", "money")),
        example="D1",
        example_inputs={"discount_rate": "2", "discount_days": "10", "net_days": "30",
                        "amount": "10000"},
    ),
    "unpaid": Layout(
        summary=(("loss", "money"), ("sales_needed", "money"), ("financing_cost", "money"),
                 ("financing_sales_needed", "money")),
        example_inputs={"amount": "10000", "days_late": "45"},
    ),
    # --- the policy tools: inputs from the policy's own examples, values from assets/policy.json
    "limit": Layout(
        summary=(("limit", "money"), ("risk_class_name", "text"), ("by_equity", "money"),
                 ("by_insurer", "money"), ("by_purchases", "money"), ("smallest", "money"),
                 ("rounded", "money"), ("class_maximum", "money"), ("capped", "yesno"),
                 ("approver_titles", "names"), ("review_months", "integer"),
                 ("maximum_term_text", "text")),
        steps=True,
    ),
    "order": Layout(
        summary=(("blocked", "yesno"), ("exposure", "money"), ("tolerated", "money"),
                 ("excess", "money"), ("deposit_needed", "money"),
                 ("temporary_increase.possible", "yesno"),
                 ("temporary_increase.up_to", "money"),
                 ("temporary_increase.share_needed", "percent"),
                 ("temporary_increase.maximum_days", "integer"),
                 ("temporary_increase.approver_titles", "names"),
                 ("decision.owner_title", "text"), ("decision.escalation_title", "text"),
                 ("decision.deadline_working_hours", "integer")),
        tables=(("checks", (("name", "text"), ("blocks", "yesno"))),
                ("causes", (("name", "text"), ("what_to_check", "text"))),
                ("alternatives", (("name", "text"), ("approver_title", "text")))),
        lists=("temporary_increase.reasons",),
        example_inputs={"limit": "36000", "outstanding": "30000", "order_amount": "10000",
                        "oldest_overdue_days": "0", "oldest_dispute_days": "0"},
        steps=True,
    ),
    "plan": Layout(
        summary=(("instalment", "money"), ("financed", "money"), ("down_payment", "money"),
                 ("months", "integer"), ("last_date", "date"), ("approver_title", "text"),
                 ("maximum_months", "integer"), ("minimum_instalment", "money"),
                 ("approval_limit", "money")),
        tables=(("instalments", (("number", "integer"), ("date", "date"),
                                 ("amount", "money"))),),
        example_inputs={"arrears": "10000", "months": "6", "first_date": "2026-01-31"},
        steps=True,
        letter="acknowledgement",
    ),
    "bonus": Layout(
        summary=(("total", "money"), ("period_target", "money"), ("share", "percent")),
        # Threshold and weight are in the steps below the table: five columns fit the column.
        tables=(("criteria", (("name", "text"), ("result", "decimal"), ("tier", "integer"),
                              ("payout", "percent"), ("amount", "money"))),),
        steps=True,
    ),
}
PAGED: tuple[str, ...] = tuple(name for name in CALCULATORS if name in LAYOUTS)
"""The calculators with a page: those with a layout (a calculator whose page is not written
yet is still on the command line)."""
CALCULATOR_PAGES = ("index", *PAGED)
# The DSO example depends on the policy's method: countback C1 or simple A1.
DSO_EXAMPLES = {
    "countback": ("C1", {"receivables": "2500",
                         "months": "2025-11 1200\n2025-10 800\n2025-09 700"}),
    "simple": ("A1", {"receivables": "30000", "sales": "60000", "days": "90"}),
}
INPUT_TYPES = {"date": "date", "integer": "text", "boolean": "checkbox"}
DSO_KPIS = ("countback_dso", "simple_dso")
CEI_KPI = "collection_effectiveness_index"


@dataclass
class FormField:
    name: str
    label: str
    help: str
    kind: str
    value: str
    required: bool
    choices: list[tuple[str, str]] = field(default_factory=list)
    only_when: tuple[str, str] | None = None
    lines: bool = False
    """Typed as lines of text (a textarea): a list such as the DSO's months."""
    member_of: str = ""
    """The object field this input is one entry of (the bonus's ``results``), named
    ``results.<key>`` in the form and the link."""
    unset: str = ""
    """What the field holds when a shareable link does not name it: the calculator's own
    default (a box, a choice without a blank one), else blank (the form's ``data-unset``)."""

    @property
    def input_type(self) -> str:
        return INPUT_TYPES.get(self.kind, "text")

    @property
    def input_mode(self) -> str:
        if self.kind == "integer":
            return "numeric"
        return "decimal" if self.kind in {"money", "rate", "percent", "decimal"} else ""


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
    legal_basis: str
    example: str = ""
    policy_version: str = ""
    policy_hash: str = ""
    """:func:`policy_hash`: with the version, what the inputs a reader's browser keeps are
    keyed by, so that another policy never brings back inputs typed against older defaults."""
    target: Decimal | None = None
    """The policy's target for the result (DSO days, CEI percent), if it sets one."""
    target_text: str = ""
    allowed_choices: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Choices of a field that another field's value allows (the form's
    ``data-allowed-choices``, applied by the page): ``{"mode": {"by": "regime", "allowed":
    {"FR": ["split", "fixed"], ...}}}``, from the calculators' own regime table."""
    batch: str | None = None
    defaults: dict[str, str] = field(default_factory=dict)
    rate_tables: list[dict[str, Any]] = field(default_factory=list)
    """The reference rate tables a penalty uses, each with its source and date."""
    lists: list[tuple[str, str, list[str]]] = field(default_factory=list)
    """Outputs that are lists of sentences: (output path, label, items)."""
    steps: list[str] | None = None
    """The result's explanation, step by step (a policy tool)."""
    letter: dict[str, Any] | None = None
    """A letter filled in (``path``, ``subject``, ``body``, ``label``)."""

    @property
    def typed_rate_tables(self) -> dict[str, dict[str, str]]:
        """``{table: {label, source, url}}``: what the page says when it asks the reader for a
        rate the tables lack (the form's ``data-rate-tables``)."""
        return {table["name"]: {"label": table["label"], "source": table["source"],
                                "url": table.get("url", "")} for table in self.rate_tables}


@dataclass
class IndexEntry:
    name: str
    title: str
    summary: str
    url: str
    headline: Output
    """The main figure of the page's default result."""


@dataclass
class IndexPage:
    name: str
    title: str
    entries: list[IndexEntry]
    defaults_note: str


def _kpi_target(policy: Any, methods: tuple[str, ...]) -> tuple[str, Decimal] | None:
    for kpi in getattr(policy, "kpis", None) or ():
        if kpi.method in methods:
            return kpi.method, kpi.target
    return None


def policy_defaults(name: str, policy: Any) -> dict[str, str]:
    """The inputs a calculator takes from the policy: penalty regime, contractual rate, mode
    and day basis; discount terms and financing rate; net margin, VAT and financing rate; the
    DSO method of the policy's DSO indicator."""
    company = policy.company
    if name == "penalty":
        penalties = policy.terms.late_penalties
        defaults = {"regime": penalties.regime, "basis": str(penalties.basis)}
        # A mode the regime does not allow is left to the regime's own (blank).
        defaults["mode"] = penalties.mode if penalties.mode in REGIMES[
            penalties.regime].modes else ""
        if penalties.rate_kind == "contractual" and penalties.contractual_rate is not None:
            defaults["rate"] = _plain(penalties.contractual_rate)
        return defaults
    if name == "discount":
        defaults = {"financing_rate": _plain(company.financing_rate)}
        offer = policy.terms.early_payment_discount
        if offer.offered and offer.rate is not None:
            defaults["discount_rate"] = _plain(offer.rate)
        if offer.offered and offer.days is not None:
            defaults["discount_days"] = _plain(offer.days)
        return defaults
    if name == "unpaid":
        return {"net_margin_rate": _plain(company.net_margin_rate),
                "vat_rate": _plain(company.vat_rate),
                "financing_rate": _plain(company.financing_rate)}
    if name == "dso":
        found = _kpi_target(policy, DSO_KPIS)
        return {"method": "simple" if found and found[0] == "simple_dso" else "countback"}
    return {}


def policy_hash(policy: Any) -> str:
    """SHA-256 of the policy's content (its JSON, keys sorted): the ``content_hash`` of
    ``assets/policy.json``. It changes with any change to the policy, even one made without a
    new version number (a draft)."""
    data = policy.model_dump(mode="json")
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _choices(raw: dict[str, Any], labels: Catalogue) -> list[tuple[str, str]]:
    """``[(value, label)]`` of a choice field, labels in the page's language; an optional
    choice without a default starts with a blank one ("the regime's own")."""
    values = [str(value) for value in raw.get("choices") or ()]
    choices = list(zip(values, raw.get("choice_labels") or values, strict=True))
    if values and raw.get("default") is None and not raw.get("required"):
        choices.insert(0, ("", labels("calculator.choice_default")))
    return choices


def _example(name: str, policy: Any) -> tuple[str, dict[str, str]]:
    layout = LAYOUTS[name]
    if name == "dso":
        return DSO_EXAMPLES[policy_defaults(name, policy)["method"]]
    return layout.example, layout.example_inputs


def _target_text(target: Decimal | None, lang: str) -> str:
    """``52`` or ``12,5`` (French) / ``12.5``: a target as the policy writes it."""
    if target is None:
        return ""
    text = _plain(target)
    return text.replace(".", ",") if lang == "fr" else text


def calculator_page_context(
    name: str, policy: Any, *, lang: str, labels: Catalogue
) -> CalculatorPage:
    """The page of calculator ``name``: its form with the policy's defaults and its result."""
    layout = LAYOUTS[name]
    spec = calculators.describe(lang)[name]
    uses_policy = SPECS[name].uses_policy
    tools = _tool_values(policy) if uses_policy else None
    example, example_inputs = _example(name, policy)
    defaults = policy_defaults(name, policy)
    inputs = {**example_inputs, **_tool_inputs(name, tools), **defaults}
    fields = []
    for raw in spec["fields"]:
        lines = raw["name"] in layout.texts
        if raw["kind"] == "list" and not lines:
            continue  # lists of invoices come through the batch import
        if raw["kind"] == "object":
            fields += _member_fields(raw, tools, inputs, lang)
            continue
        default = raw.get("default")
        value = inputs.get(raw["name"], "" if default is None else _plain(default))
        fields.append(
            FormField(
                name=raw["name"],
                label=raw["label"],
                help=labels("calculator.months_help") if lines else raw.get("help", ""),
                kind=raw["kind"],
                value=value,
                required=bool(raw.get("required")),
                choices=_tool_choices(name, raw["name"], tools, lang, labels)
                or _choices(raw, labels),
                only_when=layout.only_when.get(raw["name"]),
                lines=lines,
                unset="" if default is None else _plain(default),
            )
        )
    values = {f.name: f.value for f in fields}
    payload: dict[str, Any] = {
        f.name: f.value for f in fields
        if f.value != "" and not f.member_of
        and (f.only_when is None or values[f.only_when[0]] == f.only_when[1])
    } | {"lang": lang, "reference_rates": policy.rates.reference_rates()}
    for f in fields:
        if f.member_of and f.value != "":
            payload.setdefault(f.member_of, {})[f.name.split(".", 1)[1]] = f.value
    # A policy tool reads the policy's values from the same document as the page's worker.
    result = batch.run_form(name, payload, tools)
    if "errors" in result:
        problems = "; ".join(f"{e['field']}: {e['message']}" for e in result["errors"])
        raise ValueError(f"the default inputs of the {name} calculator are invalid: {problems}")

    output_labels = {output["name"]: output["label"] for output in spec["outputs"]}
    column_labels = {
        output["name"]: {item["name"]: item["label"] for item in output.get("items", ())}
        for output in spec["outputs"]
    }

    def label_of(path: str) -> str:
        head, _, tail = path.partition(".")
        if not tail:
            return output_labels[head]
        separator = labels("calculator.js.label_separator")
        return output_labels[head] + separator + column_labels[head][tail]

    outputs = [Output(key, label_of(key), fmt, output_at(result, key))
               for key, fmt in layout.summary]
    tables = [
        Table(
            rows_field=rows_field,
            caption=(labels(f"calculator.table.{rows_field}") if rows_field in TABLE_CAPTIONS
                     else output_labels[rows_field]),
            columns=[Output(key, column_labels[rows_field][key], fmt, None) for key, fmt in cols],
            rows=result.get(rows_field, []),
        )
        for rows_field, cols in layout.tables
    ]
    lists = [(path, label_of(path), list(output_at(result, path) or []))
             for path in layout.lists]
    letter = None
    if layout.letter:
        filled = result.get(layout.letter) or {}
        letter = {"path": layout.letter, "label": output_labels[layout.letter],
                  "subject": filled.get("subject", ""), "body": filled.get("body", ""),
                  "parts": letter_parts(filled.get("body", "")),
                  "lang": filled.get("lang", lang)}
    modes = {code: list(regime.modes) for code, regime in REGIMES.items()}
    target = None
    if name == "dso":
        found = _kpi_target(policy, DSO_KPIS)
        target = found[1] if found else None
    elif name == "cei":
        found = _kpi_target(policy, (CEI_KPI,))
        target = found[1] if found else None
    return CalculatorPage(
        name=name,
        dom_id=f"calculator-{name}",
        title=spec["title"],
        summary=spec["summary"],
        fields=fields,
        outputs=outputs,
        tables=tables,
        result=result,
        messages={**labels.group("calculator.status"), **labels.group("calculator.js")},
        defaults_note=labels("calculator.defaults_from_policy", version=policy.document.version),
        legal_basis=spec["legal_basis"],
        example=example,
        policy_version=str(policy.document.version),
        policy_hash=policy_hash(policy),
        target=target,
        target_text=_target_text(target, lang),
        allowed_choices={"mode": {"by": "regime", "allowed": modes}} if name == "penalty" else {},
        batch=layout.batch,
        defaults={key: value for key, value in defaults.items() if value != ""},
        rate_tables=spec.get("rate_tables", []),
        lists=lists,
        steps=list(result.get("explanation") or []) if layout.steps else None,
        letter=letter,
    )


_BOLD = re.compile(r"\*\*([^*]+)\*\*")


def letter_parts(text: str) -> list[tuple[bool, str]]:
    """A letter's text as ``(bold, text)`` pieces: the policy's letters mark their headings
    ``**so**`` (as the page's script reads them too)."""
    parts, at = [], 0
    for found in _BOLD.finditer(text):
        parts += [(False, text[at:found.start()]), (True, found[1])]
        at = found.end()
    return [part for part in [*parts, (False, text[at:])] if part[1]]


TABLE_CAPTIONS = ("periods", "steps")
"""Tables whose caption is the handbook's own (``calculator.table.NAME``); the others are
captioned with their output's label."""


def output_at(result: dict[str, Any], path: str) -> Any:
    """The output at ``path`` of a result: ``decision.owner_title`` is ``owner_title`` inside
    ``decision`` (``None`` when absent), as the page reads it."""
    value: Any = result
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _tool_values(policy: Any) -> Any:
    """The values the policy tools apply, read from ``assets/policy.json`` as the page's worker
    and the command line read them."""
    from encours.render.policy_document import tool_values  # it imports this module

    return tool_values(policy)


def _tool_inputs(name: str, tools: Any) -> dict[str, str]:
    """A policy tool's inputs at first paint, from the policy's own examples: the credit-limit
    example's customer (a score in the middle of the first risk class), the incentives'
    sample salesperson."""
    if name == "limit":
        first = tools.risk_classes[0]
        inputs = {"score": str((first.score_min + first.score_max) // 2)}
        for key in ("equity", "insurer_cover", "monthly_purchases", "term_days"):
            if tools.limit_method.example.get(key) is not None:
                inputs[key] = _plain(tools.limit_method.example[key])
        return inputs
    if name == "bonus" and tools.incentives.example:
        example = tools.incentives.example
        inputs = {"target_bonus": _plain(example["target_bonus"])}
        for key, value in (example.get("results") or {}).items():
            inputs[f"results.{key}"] = _plain(value)
        return inputs
    return {}


def _member_fields(raw: dict[str, Any], tools: Any, inputs: dict[str, str],
                   lang: str) -> list[FormField]:
    """An object field as one input per entry: the bonus's ``results``, one per criterion of
    the policy (named ``results.<criterion id>``)."""
    if raw["name"] != "results" or tools is None:
        return []
    fields = []
    for criterion in tools.incentives.criteria:
        name = f"results.{criterion.id}"
        fields.append(FormField(
            name=name, label=criterion.name.get(lang), help=raw.get("help", ""),
            kind="decimal", value=inputs.get(name, ""), required=bool(raw.get("required")),
            member_of=raw["name"]))
    return fields


def _tool_choices(name: str, field: str, tools: Any, lang: str,
                  labels: Catalogue) -> list[tuple[str, str]]:
    """The blocked-order tool's ``cause``: the policy's causes, by name, after a blank one (the
    rules say which causes are likely; the reader picks one where they cannot tell)."""
    if name != "order" or field != "cause" or tools is None:
        return []
    return [("", labels("calculator.choice_none")),
            *((cause.id, cause.name.get(lang)) for cause in tools.causes)]


def index_page_context(pages: list[CalculatorPage], policy: Any, *,
                       labels: Catalogue) -> IndexPage:
    """The calculators' index: each calculator of ``pages``, what it answers, and its default
    result."""
    entries = [
        IndexEntry(page.name, page.title, page.summary, f"{page.name}.md",
                   page.outputs[-1] if page.name == "penalty" else page.outputs[0])
        for page in pages
    ]
    return IndexPage(
        name="index",
        title=labels("calculator.index.title"),
        entries=entries,
        defaults_note=labels("calculator.defaults_from_policy", version=policy.document.version),
    )
