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
  sales and receivables (the trend a chart draws);
- :func:`decode`: a file's bytes as text (UTF-8, or Windows-1252 as many ERPs export).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import api, dso
from .api import dumps, error_answer, read_payload, read_policy_text, run
from .forms import PenaltyBatch, Rejected
from .inputs import Invalid, Problem, explain, parse_month, parse_number
from .languages import LANGUAGES, language
from .messages import Catalogue
from .money import two_places
from .specs import SPECS

CHUNK = 1000
"""Invoices computed per call: progress is reported between chunks."""
PREVIEW = 100
"""Invoice rows returned for display (the export holds them all)."""
MAX_LINE_ERRORS = 200
"""Line problems returned in full; beyond, only their count."""

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
MONTH_COLUMNS = ("month", "sales", "receivables", "days", "simple", "countback")
_MONTH_NUMERIC = {"sales", "receivables", "simple", "countback"}
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, "CSV injection")."""
_LINE = re.compile(r"\s*(\S+?)\s*[;\t ]\s*(.+?)\s*")
_INDEX = re.compile(r"^months\[([0-9]+)\]\.?(.*)$")


def _t(lang: str, key: str, **params: Any) -> str:
    """The catalogue's ``batch.<key>`` text (French when ``lang`` is unknown)."""
    return Catalogue(language(lang))(f"batch.{key}", **params)


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


def run_form(name: str, payload: Mapping[str, Any], policy: Any = None) -> dict[str, Any]:
    """:func:`calculators.run` on a page's form: the DSO's ``months`` may be text, one month a
    line (:func:`month_lines`); a problem on a month is reported on ``months`` with its line.
    ``policy``: the policy document or its values, for a policy tool (as :func:`run`)."""
    months = payload.get("months") if isinstance(payload, Mapping) else None
    if name != "dso" or not isinstance(months, str):
        return run(name, payload, policy)
    lang = language(payload.get("lang"))
    items, numbers = month_lines(months)
    result = run(name, {**payload, "months": items})
    if "errors" not in result:
        return result
    problems = []
    for error in result["errors"]:
        field, message = error["field"], error["message"]
        found = _INDEX.match(field)
        if found:
            if found[2] == "sales" and "sales" not in items[int(found[1])]:
                message = _t(lang, "line_only")
            field = "months"
            message = _t(lang, "line", line=numbers[int(found[1])], message=message)
        problems.append(Problem(field, message))
    return error_answer(problems)


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
    if len(text) > api.MAX_PAYLOAD:
        t = Catalogue(language(lang))
        return [], [], {}, [LineProblem(1, "", _t(lang, "too_large",
                                                  size=t.grouped(api.MAX_PAYLOAD)))]
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        what = _t(lang, "what.penalty" if columns is PENALTY_COLUMNS else "what.dso")
        return [], [], {}, [LineProblem(1, "", _t(lang, "empty", what=what))]
    reader = csv.reader(io.StringIO(text), delimiter=_dialect(first))
    rows: list[tuple[int, list[str]]] = []
    unread: LineProblem | None = None
    try:
        for row in reader:
            rows.append((reader.line_num, row))
            if len(rows) > api.MAX_ITEMS + 1:  # a header and MAX_ITEMS lines (blank ones too)
                t = Catalogue(language(lang))
                return [], [], {}, [LineProblem(1, "", _t(lang, "too_many_lines",
                                                          count=t.grouped(api.MAX_ITEMS)))]
    except csv.Error as error:  # a field longer than the csv module's limit, a stray quote…
        line = rows[-1][0] + 1 if rows else 1
        unread = LineProblem(line, "", _t(lang, "csv_field", limit=csv.field_size_limit())
                             if "field larger" in str(error) else _t(lang, "csv_error"))
    rows = [(number, row) for number, row in rows if any(map(str.strip, row))]
    if not rows and unread is None:
        what = _t(lang, "what.penalty" if columns is PENALTY_COLUMNS else "what.dso")
        return [], [], {}, [LineProblem(1, "", _t(lang, "empty", what=what))]
    if unread is None:
        return _records(rows, columns, lang)
    if not rows:
        return [], [], {}, [unread]
    # the lines before are computed; the rest of the file cannot be read
    records, numbers, names, problems = _records(rows, columns, lang)
    return records, numbers, names, [*problems, unread] if records else [unread]


def _records(rows: list[tuple[int, list[str]]], columns: Sequence[tuple[str, tuple[str, ...]]],
             lang: str
             ) -> tuple[list[dict[str, str]], list[int], dict[str, str], list[LineProblem]]:
    """:func:`read_csv` on the file's non-blank rows, each with its line number."""
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
    required = len([name for name, _ in columns if name not in OPTIONAL_COLUMNS])
    least = max([min(wanted, required), *(positions[name] + 1 for name, _ in columns
                                          if name in positions and name not in OPTIONAL_COLUMNS)])
    pairs = list(positions.items())
    records, numbers = [], []
    for number, row in data:
        found = len(row)
        if found < least:
            problems.append(LineProblem(number, "", _t(
                lang, "columns", count=len(positions), names=", ".join(names.values()),
                found=found)))
            continue
        records.append({name: row[index].strip() for name, index in pairs} if found >= wanted
                       else {name: row[index].strip() for name, index in pairs
                             if index < found})
        numbers.append(number)
    return records, numbers, names, problems


def penalty_csv(text: str, terms: Mapping[str, Any], *,
                progress: Callable[[int, int], Any] | None = None,
                preview: int = PREVIEW,
                max_line_errors: int | None = MAX_LINE_ERRORS) -> dict[str, Any]:
    """Late penalties of every invoice of a CSV file under ``terms`` (the form's other fields:
    regime, mode, basis, rate, b2b, ``as_of`` for invoices still open, ``lang``,
    ``reference_rates``).

    Returns ``count`` (invoices computed), ``totals`` and ``by_customer`` (exact sums of the
    invoices' rounded figures), the first ``preview`` ``invoices``, ``line_errors`` (at most
    ``max_line_errors``; all if ``None``) and ``line_error_count``, ``csv`` (every computed
    invoice, for export), ``legal_basis``, ``warnings``; or ``{"errors": [...]}`` when a term
    is wrong (a field of the form) or nothing can be computed (``field`` ``"file"``).

    Each good line gets exactly what :func:`calculators.run` gives that invoice alone, and the
    totals and warnings are those of ``run`` on the list of good lines
    (:class:`~calculators.forms.PenaltyBatch`, which reads the terms once); ``progress(done,
    total)`` is called after every :data:`CHUNK` lines.
    """
    lang = language(terms.get("lang"))
    records, numbers, names, problems = read_csv(text, PENALTY_COLUMNS, lang)
    common = {key: value for key, value in terms.items()
              if key not in ("amount", "due_date", "payment_date", "payments", "invoices")}
    answer: dict[str, Any] | None = None
    if records:
        try:
            lines = PenaltyBatch(common, Catalogue(lang))
            for start in range(0, len(records), CHUNK):
                for index, found in lines.add(records[start:start + CHUNK]):
                    for problem in found:
                        column = problem.field.split(".")[0] or "id"
                        problems.append(LineProblem(numbers[start + index],
                                                    names.get(column, column), problem.message))
                if progress is not None:
                    progress(min(start + CHUNK, len(records)), len(records))
            answer = lines.answer(periods=preview)
        except Rejected as rejected:
            # a term of the form: shown there (with the rates to ask the reader for)
            return error_answer(rejected.problems, rejected.missing_rates)
    line_errors = _line_errors(problems, lang, max_line_errors)
    if answer is None or not answer["invoices"]:
        return _no_usable_line(problems, line_errors, lang)
    rows = answer["invoices"]
    warnings = answer["warnings"]
    if problems:
        warnings.append(_t(lang, "not_counted", count=len(problems)))
    head = {key: answer[key] for key in ("regime", "currency", "mode", "basis", "as_of",
                                         "legal_basis")}
    return {**head, "count": len(rows), "totals": answer["totals"],
            "by_customer": sorted(answer["by_customer"], key=lambda e: Decimal(e["total"]),
                                  reverse=True),
            "invoices": rows[:preview], "line_errors": line_errors,
            "line_error_count": len(problems), "warnings": warnings,
            "csv": export_csv(rows, lang)}


def export_csv(rows: Sequence[Mapping[str, Any]], lang: str = "fr") -> str:
    """Computed invoices as CSV: ``;`` and decimal commas in French (spreadsheets in France
    read them), ``,`` and points in English."""
    return _export(rows, EXPORT_COLUMNS, _NUMERIC, lang)


def export_months_csv(rows: Sequence[Mapping[str, Any]], lang: str = "fr") -> str:
    """The months of :func:`dso_csv` as CSV, written as :func:`export_csv` writes invoices."""
    return _export(rows, MONTH_COLUMNS, _MONTH_NUMERIC, lang)


def spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab or
    carriage return first, as OWASP's guidance on CSV injection lists), written as text: with
    ``'`` before it. A plain number, negative or not, stays a number.

    >>> [spreadsheet_safe(cell) for cell in ("=1+1", "-2+3+cmd", "-12.50", "-12,50", "ACME")]
    ["'=1+1", "'-2+3+cmd", '-12.50', '-12,50', 'ACME']
    """
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _export(rows: Sequence[Mapping[str, Any]], columns: Sequence[str],
            numeric: Collection[str], lang: str) -> str:
    buffer = io.StringIO()
    french = lang == "fr"
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(columns)
    commas = [index for index, column in enumerate(columns) if french and column in numeric]
    for row in rows:
        get = row.get
        cells = ["" if (value := get(column)) is None else str(value) for column in columns]
        for index in commas:
            cells[index] = cells[index].replace(".", ",")
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return buffer.getvalue()


class NotText(ValueError):
    """A file that is not text in an encoding :func:`decode` reads; ``line``: where, from 1."""

    def __init__(self, line: int) -> None:
        super().__init__(f"not text at line {line}")
        self.line = line


def decode(data: bytes) -> str:
    """The text of a CSV file as spreadsheets and ERPs write it.

    UTF-8, with or without its byte-order mark; UTF-16 when it starts with its byte-order mark
    (Excel's "Unicode text"); otherwise Windows-1252, the encoding of French Windows exports,
    which also reads ISO-8859-1 accents. Text in Windows-1252 with accents is almost never
    valid UTF-8, so trying UTF-8 first does not misread it. Raises :class:`NotText` for bytes
    that no text has (NUL, or bytes Windows-1252 leaves undefined).

    >>> decode("échéance".encode("utf-8")) == decode("échéance".encode("cp1252")) == "échéance"
    True
    """
    skip = 0
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        encodings, skip = ("utf-8",), len(codecs.BOM_UTF8)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as bad:
            failed = skip + bad.start
            continue
        if "\0" in text:
            raise NotText(text.count("\n", 0, text.index("\0")) + 1)
        return text
    raise NotText(data.count(b"\n", 0, failed) + 1)


def dso_csv(text: str, lang: str = "fr", *,
            max_line_errors: int | None = MAX_LINE_ERRORS) -> dict[str, Any]:
    """Simple and countback DSO at the end of each month of a CSV of ``month, sales,
    receivables`` (any order of lines; months must follow each other).

    Simple: ``receivables / sales × days of the month``; countback: the receivables absorbed by
    the sales of that month and the months before it (``None`` while the history is too short).
    Returns ``months`` (oldest first: month, sales, receivables, simple, countback),
    ``line_errors`` (at most ``max_line_errors``; all if ``None``) and ``line_error_count``; or
    ``{"errors": [...]}`` when no month can be computed.
    """
    lang = language(lang)
    records, numbers, names, problems = read_csv(text, DSO_COLUMNS, lang)
    months: list[tuple[dso.Month, Decimal, Decimal, int]] = []
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
    kept: list[tuple[dso.Month, Decimal, Decimal, int]] = []
    for entry in months:
        if kept:
            previous = kept[-1][0]
            expected = dso.shift_month(previous, 1)
            if entry[0] == previous:
                problems.append(LineProblem(entry[3], names["month"], _t(
                    lang, "month_twice", month=dso.month_key(entry[0]))))
                continue
            if entry[0] != expected:
                problems.append(LineProblem(entry[3], names["month"], _t(
                    lang, "month_gap", expected=dso.month_key(expected),
                    previous=dso.month_key(previous))))
                continue
        kept.append(entry)
    line_errors = _line_errors(problems, lang, max_line_errors)
    if not kept:
        return _no_usable_line(problems, line_errors, lang)
    rows = []
    history: list[tuple[Decimal, int]] = []
    for month, sales, receivables, _ in kept:
        days = dso.month_days(month)
        history.insert(0, (sales, days))
        try:
            countback: str | None = two_places(dso.countback_dso(receivables, history).dso)
        except dso.HistoryTooShort:
            countback = None
        rows.append({"month": dso.month_key(month), "sales": two_places(sales),
                     "receivables": two_places(receivables), "days": days,
                     "simple": two_places(dso.simple_dso(receivables, sales, days)),
                     "countback": countback})
    return {"months": rows, "line_errors": line_errors, "line_error_count": len(problems)}


def _line_errors(problems: list[LineProblem], lang: str, limit: int | None
                 ) -> list[dict[str, Any]]:
    """The first ``limit`` problems (all if ``None``) in line order, as the page lists them."""
    problems.sort(key=lambda problem: problem.line)
    return [problem.as_dict(lang) for problem in problems[:limit]]


def _no_usable_line(problems: list[LineProblem], line_errors: list[dict[str, Any]],
                    lang: str) -> dict[str, Any]:
    """The answer when no line of the file could be used: the first line's error (or "no
    rows") on the file field, with every line error."""
    message = line_errors[0]["text"] if line_errors else _t(lang, "no_rows")
    return {"errors": [{"field": "file", "message": message}], "line_errors": line_errors,
            "line_error_count": len(problems)}


def _invalid(bad: Invalid, lang: str, column: str) -> str:
    scope = "dso.months" if column in ("month", "sales") else "dso"
    return explain(bad, Catalogue(lang), scope, column)


# --- JSON in, JSON out: what the browser worker calls ---------------------------------------

def run_form_json(name: str, text: str, lang: str | None = None,
                  policy_text: str | None = None) -> str:
    """:func:`run_form` with JSON text in and out: what the browser worker calls. The text is
    read by :func:`calculators.api.read_payload`, with the command line's guards. ``lang``: the
    page's language, for the message of a failure nobody foresaw when the text cannot tell.
    ``policy_text``: the handbook's ``assets/policy.json`` as fetched, which a policy tool
    needs (read by :func:`calculators.api.read_policy_text`, which remembers the last text:
    the worker may pass the same text with every request); ignored by the other calculators."""
    try:
        payload = read_payload(text)
        if isinstance(payload, dict) and payload.get("lang") in LANGUAGES:
            lang = payload["lang"]
        policy = None
        if policy_text is not None and name in SPECS and SPECS[name].uses_policy:
            policy = read_policy_text(policy_text, Catalogue(language(lang)))
        return dumps(run_form(name, payload, policy))
    except Rejected as rejected:
        return dumps(error_answer(rejected.problems))
    except Exception:
        return failed_json(lang)


def file_json(kind: str, text: str | bytes, terms_json: str,
              progress: Callable[[int, int], Any] | None = None, lang: str | None = None) -> str:
    """:func:`penalty_csv` (``kind="penalty"``) or :func:`dso_csv` (``"dso"``) as JSON text.

    ``text`` may be the file's bytes, as the page reads them: :func:`decode` reads them as the
    command line does (UTF-8 or Windows-1252). ``lang`` as for :func:`run_form_json`."""
    try:
        terms = read_payload(terms_json)
        if not isinstance(terms, dict):
            raise Rejected([Problem("payload", Catalogue()("error.payload"))])
        lang = language(terms.get("lang"))
        if isinstance(text, bytes):
            try:
                text = decode(text)
            except NotText as bad:
                message = _t(lang, "line", line=bad.line,
                             message=Catalogue(lang)("cli.not_text"))
                return dumps({"errors": [{"field": "file", "message": message}]})
        if kind == "penalty":
            result = penalty_csv(text, terms, progress=progress)
        else:
            result = dso_csv(text, terms.get("lang", "fr"))
        return dumps(result)
    except Rejected as rejected:
        return dumps(error_answer(rejected.problems))
    except Exception:
        return failed_json(lang)


def failed_answers_json() -> str:
    """:func:`failed_json`'s answer in every language, ``{lang: answer}``: what the worker keeps
    at start-up, for a failure that leaves Python unable to answer."""
    return dumps({lang: json.loads(failed_json(lang)) for lang in LANGUAGES})


def failed_json(lang: str | None = "fr") -> str:
    """The answer when a computation failed for a reason nobody foresaw (a bug): a plain
    message saying that the result shown does not match the inputs, on no field."""
    return dumps(error_answer([Problem("", Catalogue(language(lang))("error.internal"))]))
