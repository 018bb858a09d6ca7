"""Lists typed as text: the DSO's months typed as lines in a form, and CSV files exported from
an ERP (invoices for the penalty calculator, monthly sales and receivables for a DSO trend).

The same functions serve the command line and the browser worker, so a file gets the same
answer and the same messages in both. Every problem in a file is reported at once, by line
(counted from 1, the header included), column and what is wrong; good lines are still
computed, bad lines are listed and left out of the totals.

- :func:`run_form`: :func:`calculators.run` for a page's form, whose list fields are text;
- :func:`penalty_csv`: late penalties of a CSV of invoices (id, customer, amount, due date,
  payment date or empty for "still open at ``as_of``"), totals per customer, CSV export;
- :func:`dso_csv`: simple and countback DSO at the end of each month of a CSV of monthly
  sales and receivables (the trend a chart draws).
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import dso
from .api import run
from .inputs import Invalid, explain, parse_month, parse_number
from .messages import LANGS, Catalogue
from .money import exact_sum, two_places

CHUNK = 1000
"""Invoices computed per call: progress is reported between chunks."""
PREVIEW = 100
"""Invoice rows returned for display (the export holds them all)."""
MAX_LINE_ERRORS = 200
"""Line problems returned in full; beyond, only their count."""

TEXTS: dict[str, tuple[str, str]] = {
    "line": ("Ligne {line} : {message}", "Line {line}: {message}"),
    "line_column": ("Ligne {line}, colonne « {column} » : {message}",
                    "Line {line}, column “{column}”: {message}"),
    "empty": ("Le fichier est vide : il faut une ligne d'en-tête puis une ligne par {what}.",
              "The file is empty: it needs a header line, then one line per {what}."),
    "what.penalty": ("facture", "invoice"),
    "what.dso": ("mois", "month"),
    "no_rows": ("Le fichier n'a pas de ligne de données après l'en-tête.",
                "The file has no data line after its header."),
    "columns": ("{count} colonnes attendues ({names}), {found} trouvées.",
                "{count} columns expected ({names}), {found} found."),
    "missing_column": ("Colonne « {column} » introuvable dans l'en-tête ({found}).",
                       "Column “{column}” not found in the header ({found})."),
    "month_gap": ("Les mois doivent se suivre : {expected} attendu après {previous}.",
                  "Months must follow each other: {expected} expected after {previous}."),
    "month_twice": ("Le mois {month} apparaît deux fois.", "Month {month} appears twice."),
    "not_counted": ("{count} ligne(s) en erreur ne sont pas comptées dans les totaux.",
                    "{count} line(s) with errors are not counted in the totals."),
    "line_only": ("Une ligne : mois puis ventes, par exemple « 2025-11 1200 ».",
                  "One line: month then sales, for example “2025-11 1200”."),
}

# Columns of each file, canonical name first then the header spellings recognised (lower case,
# accents kept): ERPs name them in many ways.
PENALTY_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("id", ("id", "invoice", "invoice number", "invoice_number", "number", "facture",
            "n° facture", "numéro", "numero", "numéro de facture", "no")),
    ("customer", ("customer", "client", "customer name", "nom du client", "tiers")),
    ("amount", ("amount", "montant", "montant ttc", "amount incl. vat", "ttc", "total")),
    ("due_date", ("due_date", "due date", "échéance", "echeance", "date d'échéance", "due")),
    ("payment_date", ("payment_date", "payment date", "paid", "paid on", "date de paiement",
                      "paiement", "réglée le", "payée le")),
)
DSO_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("month", ("month", "mois", "période", "period")),
    ("sales", ("sales", "ventes", "chiffre d'affaires", "ca", "ca ttc", "ventes ttc")),
    ("receivables", ("receivables", "encours", "créances", "encours clients",
                     "receivables end")),
)
OPTIONAL_COLUMNS = {"payment_date"}
EXPORT_COLUMNS = ("id", "customer", "amount", "due_date", "payment_date", "days_late", "rate",
                  "interest", "indemnity", "total")
_NUMERIC = {"amount", "rate", "interest", "indemnity", "total"}
_LINE = re.compile(r"\s*(\S+?)\s*[;\t ]\s*(.+?)\s*")
_INDEX = re.compile(r"^months\[([0-9]+)\]\.?(.*)$")
_INVOICE = re.compile(r"^invoices\[([0-9]+)\]\.?(.*)$")


def _t(lang: str, key: str, **params: Any) -> str:
    return TEXTS[key][LANGS.index(lang) if lang in LANGS else 0].format(**params)


@dataclass(frozen=True)
class LineProblem:
    """What is wrong on a line of a file; ``column`` as the file names it (``""``: the line)."""

    line: int
    column: str
    message: str

    def as_dict(self, lang: str) -> dict[str, Any]:
        text = (_t(lang, "line_column", line=self.line, column=self.column, message=self.message)
                if self.column else _t(lang, "line", line=self.line, message=self.message))
        return {"line": self.line, "column": self.column, "message": self.message,
                "text": text}


# --- a form's list typed as lines ----------------------------------------------------------

def month_lines(text: str) -> tuple[list[dict[str, str]], list[int]]:
    """Lines ``month sales`` (``2025-11 1 200,50`` or ``2025-11;1200.50``), blank lines
    skipped: the months as :func:`calculators.run` takes them, and each one's line number."""
    months, numbers = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.fullmatch(line)
        months.append({"month": match[1], "sales": match[2]} if match
                      else {"month": line.strip()})
        numbers.append(number)
    return months, numbers


def run_form(name: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`calculators.run` on a page's form: the DSO's ``months`` may be text, one month a
    line (:func:`month_lines`); a problem on a month is reported on ``months`` with its line."""
    months = payload.get("months") if isinstance(payload, Mapping) else None
    if name != "dso" or not isinstance(months, str):
        return run(name, payload)
    lang = payload.get("lang") if payload.get("lang") in LANGS else "fr"
    items, numbers = month_lines(months)
    result = run(name, {**payload, "months": items})
    if "errors" not in result:
        return result
    errors = []
    for error in result["errors"]:
        found = _INDEX.match(error["field"])
        if found:
            line = numbers[int(found[1])]
            message = error["message"]
            if found[2] == "sales" and "sales" not in items[int(found[1])]:
                message = _t(lang, "line_only")
            error = {"field": "months", "message": _t(lang, "line", line=line, message=message)}
        errors.append(error)
    merged: dict[str, list[str]] = {}
    for error in errors:
        merged.setdefault(error["field"], []).append(error["message"])
    return {"errors": [{"field": key, "message": " ".join(texts)}
                       for key, texts in merged.items()]}


# --- CSV files ------------------------------------------------------------------------------

def _dialect(first_line: str) -> str:
    """The delimiter of a CSV file from its first line: ``;`` (French ERPs), tab, or ``,``."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def read_csv(text: str, columns: Sequence[tuple[str, tuple[str, ...]]], lang: str
             ) -> tuple[list[dict[str, str]], list[int], dict[str, str], list[LineProblem]]:
    """Rows of a CSV file as ``{canonical column: text}``, each row's line number, the file's
    name for each column, and the problems found (header, number of columns).

    The first line is a header when it names the columns (in any order, French or English
    names); otherwise columns are taken in the canonical order and line 1 is data.
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        what = _t(lang, "what.penalty" if columns is PENALTY_COLUMNS else "what.dso")
        return [], [], {}, [LineProblem(1, "", _t(lang, "empty", what=what))]
    reader = csv.reader(io.StringIO(text), delimiter=_dialect(first))
    rows = [(reader.line_num, row) for row in reader]
    rows = [(number, row) for number, row in rows if any(cell.strip() for cell in row)]
    header = [cell.strip().lower() for cell in rows[0][1]]
    positions: dict[str, int] = {}
    names: dict[str, str] = {}
    for name, spellings in columns:
        for index, cell in enumerate(header):
            if cell in spellings:
                positions[name] = index
                names[name] = rows[0][1][index].strip()
                break
    problems: list[LineProblem] = []
    if positions:
        data = rows[1:]
        for name, _ in columns:
            if name not in positions and name not in OPTIONAL_COLUMNS:
                problems.append(LineProblem(rows[0][0], "", _t(
                    lang, "missing_column", column=name, found=", ".join(rows[0][1]))))
        if problems:
            return [], [], names, problems
        if not data:
            return [], [], names, [LineProblem(rows[0][0], "", _t(lang, "no_rows"))]
    else:
        data = rows
        positions = {name: index for index, (name, _) in enumerate(columns)}
        names = {name: name for name, _ in columns}
    wanted = max(positions.values()) + 1
    records, numbers = [], []
    required = len([name for name, _ in columns if name not in OPTIONAL_COLUMNS])
    for number, row in data:
        if len(row) < min(wanted, required) or len(row) < max(
                positions[name] + 1 for name, _ in columns
                if name in positions and name not in OPTIONAL_COLUMNS):
            problems.append(LineProblem(number, "", _t(
                lang, "columns", count=len(positions), names=", ".join(names.values()),
                found=len(row))))
            continue
        record = {name: row[index].strip() for name, index in positions.items()
                  if index < len(row)}
        records.append(record)
        numbers.append(number)
    return records, numbers, names, problems


def _merge_customers(into: dict[str | None, dict[str, Any]],
                     rows: list[dict[str, Any]]) -> None:
    for row in rows:
        entry = into.setdefault(row["customer"], {"customer": row["customer"], "count": 0,
                                                  "late": 0, "interest": Decimal(0),
                                                  "indemnity": Decimal(0)})
        entry["count"] += row["count"]
        entry["late"] += row["late"]
        entry["interest"] += Decimal(row["interest"])
        entry["indemnity"] += Decimal(row["indemnity"])


def _sums(entry: Mapping[str, Any]) -> dict[str, Any]:
    interest, indemnity = entry["interest"], entry["indemnity"]
    return {**entry, "interest": two_places(interest), "indemnity": two_places(indemnity),
            "total": two_places(exact_sum((interest, indemnity)))}


def penalty_csv(text: str, terms: Mapping[str, Any], *,
                progress: Callable[[int, int], Any] | None = None,
                preview: int = PREVIEW) -> dict[str, Any]:
    """Late penalties of every invoice of a CSV file under ``terms`` (the form's other fields:
    regime, mode, basis, rate, b2b, ``as_of`` for invoices still open, ``lang``,
    ``reference_rates``).

    Returns ``count`` (invoices computed), ``totals`` and ``by_customer`` (exact sums of the
    invoices' rounded figures), the first ``preview`` ``invoices``, ``line_errors`` (at most
    :data:`MAX_LINE_ERRORS`) and ``line_error_count``, ``csv`` (every computed invoice, for
    export), ``legal_basis``, ``warnings``; or ``{"errors": [...]}`` when a term is wrong (a
    field of the form) or nothing can be computed (``field`` ``"file"``).
    """
    lang = terms.get("lang") if terms.get("lang") in LANGS else "fr"
    records, numbers, names, problems = read_csv(text, PENALTY_COLUMNS, lang)
    common = {key: value for key, value in terms.items()
              if key not in ("amount", "due_date", "payment_date", "payments", "invoices")}
    rows: list[dict[str, Any]] = []
    customers: dict[str | None, dict[str, Any]] = {}
    head: dict[str, Any] = {}
    warnings: list[str] = []
    for start in range(0, len(records), CHUNK):
        chunk = records[start:start + CHUNK]
        keep = list(range(len(chunk)))
        while keep:
            result = run("penalty", {**common, "invoices": [chunk[i] for i in keep]})
            if "errors" not in result:
                break
            bad = set()
            for error in result["errors"]:
                found = _INVOICE.match(error["field"])
                if not found:
                    return {"errors": result["errors"]}  # a term of the form: shown there
                index = keep[int(found[1])]
                column = found[2].split(".")[0] or "id"
                problems.append(LineProblem(numbers[start + index], names.get(column, column),
                                            error["message"]))
                bad.add(int(found[1]))
            keep = [i for position, i in enumerate(keep) if position not in bad]
        else:
            result = None
        if result is not None:
            head = {key: result[key] for key in ("regime", "currency", "mode", "basis",
                                                 "as_of", "legal_basis")}
            rows += result["invoices"]
            _merge_customers(customers, result["by_customer"])
            warnings += [w for w in result["warnings"] if w not in warnings]
        if progress is not None:
            progress(min(start + CHUNK, len(records)), len(records))
    line_errors = _line_errors(problems, lang)
    if not rows:
        return _no_usable_line(problems, line_errors, lang)
    if problems:
        warnings.append(_t(lang, "not_counted", count=len(problems)))
    by_customer = [_sums(entry) for entry in customers.values()]
    totals = _sums({"count": len(rows), "late": sum(e["late"] for e in customers.values()),
                    "interest": exact_sum(Decimal(e["interest"]) for e in customers.values()),
                    "indemnity": exact_sum(Decimal(e["indemnity"])
                                           for e in customers.values())})
    return {**head, "count": len(rows), "totals": totals,
            "by_customer": sorted(by_customer, key=lambda e: Decimal(e["total"]), reverse=True),
            "invoices": rows[:preview], "line_errors": line_errors,
            "line_error_count": len(problems), "warnings": warnings,
            "csv": export_csv(rows, lang)}


def export_csv(rows: Sequence[Mapping[str, Any]], lang: str = "fr") -> str:
    """Computed invoices as CSV: ``;`` and decimal commas in French (spreadsheets in France
    read them), ``,`` and points in English."""
    buffer = io.StringIO()
    french = lang == "fr"
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        cells = []
        for column in EXPORT_COLUMNS:
            value = row.get(column)
            text = "" if value is None else str(value)
            if french and column in _NUMERIC:
                text = text.replace(".", ",")
            cells.append(text)
        writer.writerow(cells)
    return buffer.getvalue()


def dso_csv(text: str, lang: str = "fr") -> dict[str, Any]:
    """Simple and countback DSO at the end of each month of a CSV of ``month, sales,
    receivables`` (any order of lines; months must follow each other).

    Simple: ``receivables / sales × days of the month``; countback: the receivables absorbed by
    the sales of that month and the months before it (``None`` while the history is too short).
    Returns ``months`` (oldest first: month, sales, receivables, simple, countback),
    ``line_errors``; or ``{"errors": [...]}`` when no month can be computed.
    """
    lang = lang if lang in LANGS else "fr"
    records, numbers, names, problems = read_csv(text, DSO_COLUMNS, lang)
    months: list[tuple[tuple[int, int], Decimal, Decimal, int]] = []
    for record, number in zip(records, numbers, strict=True):
        values: dict[str, Any] = {}
        for column in ("month", "sales", "receivables"):
            try:
                values[column] = (parse_month(record[column]) if column == "month"
                                  else parse_number(record[column], money=True))
            except Invalid as bad:
                problems.append(LineProblem(number, names[column], _invalid(bad, lang, column)))
        if len(values) < 3:
            continue
        if values["sales"] <= 0:
            problems.append(LineProblem(number, names["sales"], _invalid(
                Invalid("error.sales_positive"), lang, "sales")))
            continue
        months.append((values["month"], values["sales"], values["receivables"], number))
    months.sort()
    kept: list[tuple[tuple[int, int], Decimal, Decimal, int]] = []
    for entry in months:
        if kept:
            previous = kept[-1][0]
            expected = (previous[0] + 1, 1) if previous[1] == 12 else (previous[0],
                                                                        previous[1] + 1)
            if entry[0] == previous:
                problems.append(LineProblem(entry[3], names["month"], _t(
                    lang, "month_twice", month=_month(entry[0]))))
                continue
            if entry[0] != expected:
                problems.append(LineProblem(entry[3], names["month"], _t(
                    lang, "month_gap", expected=_month(expected), previous=_month(previous))))
                continue
        kept.append(entry)
    line_errors = _line_errors(problems, lang)
    if not kept:
        return _no_usable_line(problems, line_errors, lang)
    rows = []
    history: list[tuple[Decimal, int]] = []
    for month, sales, receivables, _ in kept:
        days = calendar.monthrange(*month)[1]
        history.insert(0, (sales, days))
        try:
            countback: str | None = two_places(dso.countback_dso(receivables, history).dso)
        except dso.HistoryTooShort:
            countback = None
        rows.append({"month": _month(month), "sales": two_places(sales),
                     "receivables": two_places(receivables), "days": days,
                     "simple": two_places(dso.simple_dso(receivables, sales, days)),
                     "countback": countback})
    return {"months": rows, "line_errors": line_errors, "line_error_count": len(problems)}


def _line_errors(problems: list[LineProblem], lang: str) -> list[dict[str, Any]]:
    """The first ``MAX_LINE_ERRORS`` problems in line order, as the page lists them."""
    problems.sort(key=lambda problem: problem.line)
    return [problem.as_dict(lang) for problem in problems[:MAX_LINE_ERRORS]]


def _no_usable_line(problems: list[LineProblem], line_errors: list[dict[str, Any]],
                    lang: str) -> dict[str, Any]:
    """The answer when no line of the file could be used: the first line's error (or "no
    rows") on the file field, with every line error."""
    message = line_errors[0]["text"] if line_errors else _t(lang, "no_rows")
    return {"errors": [{"field": "file", "message": message}], "line_errors": line_errors,
            "line_error_count": len(problems)}


def _month(month: tuple[int, int]) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def _invalid(bad: Invalid, lang: str, column: str) -> str:
    scope = "dso.months" if column in ("month", "sales") else "dso"
    return explain(bad, Catalogue(lang), scope, column)


# --- JSON in, JSON out: what the browser worker calls ---------------------------------------

def run_form_json(name: str, text: str) -> str:
    """:func:`run_form` with JSON text in and out (numbers read exactly, as ``Decimal``)."""
    try:
        payload = json.loads(text, parse_float=Decimal)
    except ValueError:
        return json.dumps(run(name, None), ensure_ascii=False)  # reported as a bad payload
    return json.dumps(run_form(name, payload), ensure_ascii=False)


def file_json(kind: str, text: str, terms_json: str,
              progress: Callable[[int, int], Any] | None = None) -> str:
    """:func:`penalty_csv` (``kind="penalty"``) or :func:`dso_csv` (``"dso"``) as JSON text."""
    terms = json.loads(terms_json, parse_float=Decimal)
    if kind == "penalty":
        result = penalty_csv(text, terms, progress=progress)
    else:
        result = dso_csv(text, terms.get("lang", "fr"))
    return json.dumps(result, ensure_ascii=False)
