"""Command line:

- ``python -m calculators NAME``: JSON on stdin, JSON on stdout; the policy tools (``limit``,
  ``order``, ``plan``, ``bonus``) also read the handbook's ``assets/policy.json`` given with
  ``--policy FILE`` (without it they answer with an error on ``policy`` saying how to get it);
- ``python -m calculators --list [--lang en]``: every calculator and field, in words;
- ``python -m calculators batch penalty|dso FILE.csv [options]``: a CSV file of invoices (late
  penalties) or of monthly sales and receivables (DSO), read and computed by the code of the
  calculator pages' batch import (:mod:`calculators.batch`). Each wrong line is reported on
  stderr as ``FILE:LINE: column: message`` (the page's messages); stdout gets a summary (totals
  per customer and in all, or DSO by month), or the results as CSV with ``--out -``, or the
  page's answer as JSON with ``--json``; ``--out FILE`` writes the results CSV to a file, as the
  page exports it.

Exit status: 0 with a result; 2 with ``{"errors": [...]}`` (bad input, bad JSON), when a line
or an option of a batch is wrong (the good lines are still computed and written), or on a
usage mistake.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, TextIO

from .api import describe, dumps, guard, run_text
from .batch import NotText, decode, dso_csv, export_months_csv, penalty_csv
from .forms import Rejected
from .languages import DEFAULT_LANGUAGE, LANGUAGES
from .messages import Catalogue
from .specs import CALCULATORS

PENALTY_TERMS = ("as_of", "regime", "rate", "mode", "basis", "b2b", "reference_rates")
"""Options of ``batch penalty`` (``--as-of``, ``--regime``…): the terms the page takes from its
form and from the policy, each named as the calculator's field."""
STDIN = "<stdin>"
"""How errors name the standard input (``-``)."""


class Usage(Exception):
    """A usage mistake: the catalogue key of its message (``None``: the usage alone), and the
    message's parameters."""

    def __init__(self, key: str | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class _Parser(argparse.ArgumentParser):
    """argparse worded by the catalogue: a mistake it finds itself (a missing or surplus
    argument, a kind not in its choices) raises :class:`Usage`, whose message and the
    catalogue's usage are printed in the language asked for; nothing is printed in English."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog=prog, add_help=False, allow_abbrev=False)

    def error(self, message: str) -> NoReturn:
        raise Usage()


class _Once(argparse.Action):
    """An option given at most once, with its value (``nargs=0``: a flag, ``True``); the
    options given are listed, in order, in the namespace's ``given``."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        if self.dest in namespace.given:
            raise Usage("cli.twice", option=option_string)
        if values is None:  # nargs="?" and the next argument is an option, or nothing
            raise Usage("cli.needs_value", option=option_string)
        namespace.given.append(self.dest)
        setattr(namespace, self.dest, True if self.nargs == 0 else values)


def _option(field: str) -> str:
    """The option that sets a field: ``as_of`` → ``--as-of``."""
    return "--" + field.replace("_", "-")


def _main_parser() -> _Parser:
    parser = _Parser("python -m calculators")
    parser.add_argument("name", nargs="?")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--lang", default=DEFAULT_LANGUAGE)
    parser.add_argument("--policy")
    return parser


def _batch_parser() -> _Parser:
    parser = _Parser("python -m calculators batch")
    parser.add_argument("kind", choices=("penalty", "dso"))
    parser.add_argument("path")
    for field in (*PENALTY_TERMS, "lang", "out"):
        parser.add_argument(_option(field), dest=field, action=_Once, nargs="?")
    parser.add_argument("--json", action=_Once, nargs=0)
    return parser


def _lang_parser() -> _Parser:
    parser = _Parser("python -m calculators")
    parser.add_argument("--lang", action="append", default=[])
    return parser


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status.

    Whatever goes wrong, no traceback: an unforeseen failure (a bug) is reported as
    ``{"errors": [...]}`` with a plain message, exit status 2."""
    args = list(sys.argv[1:] if argv is None else argv)
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        return _main(args, stdin, stdout, stderr)
    except Exception:
        lang = _lang_of(args)
        stdout.write(dumps({"errors": [{"field": "", "message": Catalogue(lang)(
            "error.internal")}]}, indent=2) + "\n")
        return 2


def _main(args: list[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    if args[:1] == ["batch"]:
        return batch_main(args[1:], stdin, stdout, stderr)
    try:
        options = _main_parser().parse_args(args)
        if options.lang not in LANGUAGES or options.list == (options.name is not None) \
                or options.name == "-":  # argparse's positional for stdin: not a name here
            raise Usage()
    except Usage:
        return _usage(Usage(), Catalogue(_lang_of(args)), stderr)
    if options.list:
        stdout.write(listing(options.lang))
        return 0
    policy_text = None
    if options.policy is not None:
        try:
            policy_text = Path(options.policy).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            stdout.write(dumps({"errors": [{"field": "policy", "message": Catalogue(
                options.lang)("cli.unreadable", file=options.policy, reason=reason)}]},
                indent=2) + "\n")
            return 2
    result = run_text(options.name, stdin.read(), policy_text)
    stdout.write(dumps(result, indent=2) + "\n")
    return 2 if "errors" in result else 0


def batch_main(args: Sequence[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """``batch penalty|dso FILE [options]``; returns the exit status."""
    lang = _lang_of(args)
    t = Catalogue(lang)
    try:
        options = _batch_arguments(args)
        text = _read_text(options.path, stdin, t)
        terms = {"lang": lang}
        for field in PENALTY_TERMS:
            if getattr(options, field) is not None:
                terms[field] = getattr(options, field)
        if "reference_rates" in terms:
            terms["reference_rates"] = _reference_rates(terms["reference_rates"], stdin, t)
    except Usage as usage:
        return _usage(usage, t, stderr)
    except _Failure as failure:
        stderr.write(f"{failure}\n")
        return 2
    name = STDIN if options.path == "-" else options.path
    out, as_json = options.out, bool(options.json)
    if options.kind == "penalty":
        terms.setdefault("as_of", date.today().isoformat())  # as the page: open invoices, today
        result = penalty_csv(text, terms, preview=sys.maxsize if as_json else 0,
                             max_line_errors=None)
        exported = result.pop("csv", None)
    else:
        result = dso_csv(text, lang, max_line_errors=None)
        exported = None if "errors" in result else export_months_csv(result["months"], lang)
    for line in _error_lines(result, name):
        stderr.write(line + "\n")
    if "errors" in result:
        if as_json:
            stdout.write(dumps(result, indent=2) + "\n")
        return 2
    if out not in (None, "-"):
        try:
            Path(out).write_bytes(("\ufeff" + exported).encode("utf-8"))
        except OSError as error:
            stderr.write(t("cli.unwritable", file=out, reason=error.strerror or error) + "\n")
            return 2
    if as_json:
        stdout.write(dumps(result, indent=2) + "\n")
    elif out == "-":
        stdout.write(exported)
    else:
        summary = _penalty_summary if options.kind == "penalty" else _dso_summary
        stdout.write(summary(result, name, t))
    return 2 if result["line_error_count"] else 0


class _Failure(Exception):
    """A file that cannot be read: the message, ready to print."""


def _usage(usage: Usage, t: Catalogue, stderr: TextIO) -> int:
    """Print a usage mistake (its message, if it has one, then the usage); the exit status."""
    if usage.key is not None:
        stderr.write(t(usage.key, **usage.params) + "\n")
    stderr.write(t("cli.usage", names=", ".join(CALCULATORS)) + "\n")
    return 2


def _lang_of(args: Sequence[str]) -> str:
    """The language asked for (the first valid ``--lang xx`` or ``--lang=xx``), to word even
    usage mistakes."""
    try:
        asked, _ = _lang_parser().parse_known_args(args)
    except Usage:
        return DEFAULT_LANGUAGE
    return next((lang for lang in asked.lang if lang in LANGUAGES), DEFAULT_LANGUAGE)


def _batch_arguments(args: Sequence[str]) -> argparse.Namespace:
    """The kind of file, its path and the options given (``--json``: ``True``; an option not
    given: ``None``); raises :class:`Usage`."""
    options, extra = _batch_parser().parse_known_args(args, argparse.Namespace(given=[]))
    unknown = [arg for arg in extra if arg.startswith("-") and arg != "-"]
    if unknown:
        raise Usage("cli.unknown_option", option=unknown[0])
    if extra:
        raise Usage()
    if options.lang is not None and options.lang not in LANGUAGES:
        raise Usage("error.lang")
    if options.kind == "dso":
        for field in options.given:
            if field in PENALTY_TERMS:
                raise Usage("cli.penalty_only", option=_option(field))
    if options.out == "-" and options.json:
        raise Usage("cli.out_and_json")
    return options


def _read_text(path: str, stdin: TextIO, t: Catalogue) -> str:
    """The text of ``path`` (``-``: standard input), decoded by :func:`calculators.batch.decode`."""
    name = STDIN if path == "-" else path
    try:
        if path == "-":
            binary = getattr(stdin, "buffer", None)
            if binary is None:  # already text (a test's StringIO)
                return stdin.read()
            data = binary.read()
        else:
            data = Path(path).read_bytes()
    except OSError as error:
        raise _Failure(t("cli.unreadable", file=name, reason=error.strerror or error)) from None
    try:
        return decode(data)
    except NotText as bad:
        raise _Failure(f"{name}:{bad.line}: {t('cli.not_text')}") from None


def _reference_rates(path: str, stdin: TextIO, t: Catalogue) -> Any:
    """The rates of a JSON file, ``{table: {"2026-H2": rate}}``, or those of the handbook's
    ``assets/policy.json`` (its ``reference_rates``); the calculator checks them."""
    text = _read_text(path, stdin, t)
    try:
        guard(text, t)
    except Rejected as rejected:
        raise _Failure(f"{path}: {rejected.problems[0].message}") from None
    try:
        data = json.loads(text, parse_float=Decimal)
    except ValueError as error:
        raise _Failure(t("cli.rates_file", file=path, line=getattr(error, "lineno", 1),
                         column=getattr(error, "colno", 1))) from None
    if isinstance(data, dict) and "reference_rates" in data:
        return data["reference_rates"]
    return data


def _error_lines(result: dict[str, Any], name: str) -> list[str]:
    """Each problem as a line of stderr: ``FILE:LINE: column: message`` for a line of the file,
    ``--option: message`` for an option."""
    lines = []
    for error in result.get("line_errors", []):
        column = f" {error['column']}:" if error["column"] else ""
        lines.append(f"{name}:{error['line']}:{column} {error['message']}")
    for error in result.get("errors", []):
        field, _, rest = error["field"].partition(".")
        if field == "file":
            if not lines:
                lines.append(f"{name}: {error['message']}")
            continue
        where = "--" + field.replace("_", "-") + (f" {rest}" if rest else "")
        lines.append(f"{where}: {error['message']}")
    return lines


def _penalty_summary(result: dict[str, Any], name: str, t: Catalogue) -> str:
    """The penalties of a file in words and figures: one line per customer, then the total."""
    mode = t.field("penalty", "mode", f"choice.{result['mode']}").lower()
    lines = [t("cli.penalty_head", file=name, count=t.grouped(result["count"]),
               regime=result["regime"], mode=mode, basis=result["basis"],
               currency=result["currency"]),
             t("list.legal_basis", text=result["legal_basis"]), ""]
    columns = ("count", "late", "interest", "indemnity", "total")
    header = [t.output("penalty.by_customer", "customer"),
              *(t.output("penalty.by_customer", column) for column in columns)]
    rows = [[entry["customer"] or t("cli.no_customer"),
             *(t.grouped(entry[column]) for column in columns)]
            for entry in result["by_customer"]]
    rows.append([t("cli.total"), *(t.grouped(result["totals"][column]) for column in columns)])
    lines += _table(header, rows)
    return "\n".join(lines + _warnings(result["warnings"], t)) + "\n"


def _dso_summary(result: dict[str, Any], name: str, t: Catalogue) -> str:
    """The DSO of each month of a file, oldest first."""
    header = [t.output("dso.steps", "month"), t("cli.dso.sales"), t("cli.dso.receivables"),
              t("cli.dso.days"), t("cli.dso.simple"), t("cli.dso.countback")]
    rows = [[month["month"], *(t.grouped(month[column]) for column in ("sales", "receivables",
                                                                        "days", "simple")),
             "—" if month["countback"] is None else t.grouped(month["countback"])]
            for month in result["months"]]
    lines = [t("cli.dso_head", file=name, count=len(rows)), "", *_table(header, rows)]
    if any(month["countback"] is None for month in result["months"]):
        lines += ["", t("cli.dso.too_short")]
    return "\n".join(lines) + "\n"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns aligned: the first to the left, figures to the right."""
    widths = [max(len(row[index]) for row in [header, *rows]) for index in range(len(header))]
    return ["  ".join(cell.ljust(width) if index == 0 else cell.rjust(width)
                      for index, (cell, width) in enumerate(zip(row, widths, strict=True))
                      ).rstrip()
            for row in [header, *rows]]


def _warnings(warnings: list[str], t: Catalogue) -> list[str]:
    return ["", t("cli.warnings"), *(f"- {warning}" for warning in warnings)] if warnings else []


def listing(lang: str = "fr") -> str:
    """Every calculator with its fields and results, as plain text, from :func:`describe`."""
    t = Catalogue(lang)
    lines: list[str] = []
    for entry in describe(lang).values():
        lines += [f"{entry['name']} — {entry['title']}", f"  {entry['summary']}",
                  f"  {t('list.legal_basis', text=entry['legal_basis'])}"]
        if entry["uses_policy"]:
            lines.append(f"  {t('list.uses_policy', name=entry['name'])}")
        lines.append(f"  {t('list.fields')}")
        for field in entry["fields"]:
            lines += _field_lines(field, t, "    ")
        lines.append(f"  {t('list.outputs')}")
        lines += _output_lines(entry["outputs"], "    ")
        if "rate_tables" in entry:
            lines.append(f"  {t('list.rates')}")
            for table in entry["rate_tables"]:
                halves = sorted(table["values"])
                lines.append("    " + t("list.rate_table", name=table["name"], first=halves[0],
                                            last=halves[-1], source=table["source"],
                                            as_of=table["as_of"]))
        lines.append("")
    lines.append(t("list.common"))
    return "\n".join(lines) + "\n"


def _field_lines(field: dict[str, Any], t: Catalogue, indent: str) -> list[str]:
    facts = [t(f"kind.{field['kind']}")]
    if field["choices"]:
        facts[0] += " (" + ", ".join(
            f"{choice} = {label}" for choice, label in zip(field["choices"],
                                                           field["choice_labels"], strict=True)
        ) + ")"
    if field["required"]:
        facts.append(t("list.required"))
    if field["default"] is not None:
        default = field["default"]
        if isinstance(default, bool):
            default = json.dumps(default)
        facts.append(t("list.default", value=default))
    lines = [f"{indent}{field['name']} — {field['label']} [{'; '.join(facts)}]",
             f"{indent}    {field['help']}"]
    for item in field.get("items", []):
        lines += _field_lines(item, t, indent + "    ")
    return lines


def _output_lines(outputs: list[dict[str, Any]], indent: str) -> list[str]:
    lines = []
    for output in outputs:
        lines.append(f"{indent}{output['name']} — {output['label']}")
        lines += _output_lines(output.get("items", []), indent + "    ")
    return lines


if __name__ == "__main__":
    sys.exit(main())
