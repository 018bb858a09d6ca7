"""The calculators as JSON in, JSON out: what the command line and the browser worker call.

``run(name, payload)`` reads the payload with the calculator's fields (:mod:`.specs`), checks
what a single field cannot check alone, calls the pure functions, and returns a JSON-ready
dict: money, rates, percentages and DSO as strings with two decimals, dates as ``YYYY-MM-DD``,
and ``warnings``; or ``{"errors": [{"field", "message"}, ...]}``, one entry per bad field.
It never raises for anything a person can type.

**The policy tools** (``limit``, ``order``, ``plan``, ``bonus``: the specs with ``uses_policy``)
apply the policy's values, read from the handbook's ``assets/policy.json`` by
:func:`calculators.policy_values.read_policy`. That document is never a field of the payload
(a shareable link holds the fields and nothing else): it is a separate argument, the same in
every entry point —

- ``run(name, payload, policy)``: ``policy`` is the parsed document (a dict) or the
  :class:`~calculators.policy_values.PolicyValues` already read from it;
- ``run_text(name, text, policy_text)`` / ``run_json(name, text, policy_text)`` and the page's
  ``calculators.batch.run_form_json(name, text, lang, policy_text)``: ``policy_text`` is the
  file's JSON text as fetched, read with the payload's guards (:func:`read_policy_text`; the
  last text read is remembered, so a worker may pass the same text with every request);
- the command line: ``python -m calculators limit --policy site/assets/policy.json``.

Without it, or with a document that is not such a file, a policy tool answers
``{"errors": [{"field": "policy", "message": ...}]}`` saying how to get the file; the other
calculators ignore it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from .forms import ADAPTERS, Rejected
from .inputs import Field, Problem
from .languages import LANGUAGES, language
from .messages import Catalogue
from .policy_values import PolicyUnreadable, PolicyValues, read_policy
from .rates import TABLES
from .specs import CALCULATORS, SPECS, Output

MAX_DEPTH = 20
"""Deepest nesting of JSON arrays and objects accepted (a calculator needs 5 at most)."""
MAX_PAYLOAD = 16_000_000
"""Longest JSON text accepted, in characters (10,000 invoices with a few payments each take
about 2 million)."""
MAX_ITEMS = 100_000
"""Most entries accepted in one JSON array or object (a list of invoices, of payments…)."""
# A JSON string, or an unclosed one up to the end of the text: the match never fails, so each
# character is read once (a pattern that must find the closing quote rescans the rest of the
# text from every quote of an unclosed string: quadratic).
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_JSON_BRACKET = re.compile(r"[\[\]{}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def run(name: str, payload: Mapping[str, Any],
        policy: Mapping[str, Any] | PolicyValues | None = None) -> dict[str, Any]:
    """Run calculator ``name`` on ``payload``: a JSON-ready result, or ``{"errors": [...]}``.

    ``policy``: the handbook's ``assets/policy.json`` document (parsed), or the values read from
    it, which a policy tool needs (see the module); the other calculators ignore it."""
    lang = payload.get("lang") if isinstance(payload, Mapping) else None
    t = Catalogue(language(lang))
    problems = []
    if not (lang is None or lang in LANGUAGES):
        problems.append(Problem("lang", t("error.lang")))
    if name not in SPECS:
        problems.append(Problem("calculator", t("error.calculator", name=name,
                                                names=", ".join(CALCULATORS))))
    elif not isinstance(payload, Mapping):
        problems.append(Problem("payload", t("error.payload")))
    if problems:
        return error_answer(problems)
    try:
        if SPECS[name].uses_policy:
            return ADAPTERS[name](payload, t, policy_values(policy, t))
        return ADAPTERS[name](payload, t)
    except Rejected as rejected:
        return error_answer(rejected.problems, rejected.missing_rates)
    except (ArithmeticError, ValueError, RecursionError, MemoryError):
        # a bug or a limit nobody thought of: a plain message, never a traceback
        return error_answer([Problem("", t("error.internal"))])


def read_payload(text: str, t: Catalogue | None = None) -> Any:
    """JSON text as a payload (numbers read exactly, as ``Decimal``): the one guarded way in
    for the command line, the browser worker and the build's snapshot.

    Text nested deeper than :data:`MAX_DEPTH` is refused before parsing: inside Pyodide, a deep
    enough nesting overflows the WebAssembly stack and kills the interpreter instead of raising
    ``RecursionError`` as CPython does. Raises :class:`Rejected` (field ``payload``) when the
    text is too deep or is not JSON, worded by ``t`` (French by default).
    """
    t = t or Catalogue()
    guard(text, t)
    try:
        payload = json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except (ValueError, RecursionError) as error:
        line, column = getattr(error, "lineno", 1), getattr(error, "colno", 1)
        raise Rejected([Problem("payload", t("error.json", line=line,
                                             column=column))]) from None
    if _too_long(payload):
        raise Rejected([Problem("payload", t("error.list_length",
                                             count=t.grouped(MAX_ITEMS)))])
    return payload


def guard(text: str, t: Catalogue | None = None) -> None:
    """Refuse JSON text longer than :data:`MAX_PAYLOAD` or nested deeper than :data:`MAX_DEPTH`
    before parsing it, in time linear in its length: raises :class:`Rejected` (field
    ``payload``), worded by ``t`` (French by default)."""
    t = t or Catalogue()
    if len(text) > MAX_PAYLOAD:
        raise Rejected([Problem("payload", t("error.json_size", size=t.grouped(MAX_PAYLOAD)))])
    if _too_deep(text):
        raise Rejected([Problem("payload", t("error.json_depth", depth=MAX_DEPTH))])


def run_text(name: str, text: str, policy_text: str | None = None) -> dict[str, Any]:
    """:func:`run` on JSON text read by :func:`read_payload`, with the policy document's text
    (read by :func:`read_policy_text` when the calculator is a policy tool)."""
    try:
        payload = read_payload(text)
        policy = None
        if name in SPECS and SPECS[name].uses_policy and policy_text is not None:
            lang = payload.get("lang") if isinstance(payload, Mapping) else None
            policy = read_policy_text(policy_text, Catalogue(language(lang)))
    except Rejected as rejected:
        return error_answer(rejected.problems)
    return run(name, payload, policy)


def policy_values(policy: Mapping[str, Any] | PolicyValues | None,
                  t: Catalogue) -> PolicyValues:
    """The values a policy tool applies, from the ``policy`` argument of :func:`run`; raises
    :class:`Rejected` (field ``policy``) when it is absent or is not a policy document."""
    if isinstance(policy, PolicyValues):
        return policy
    if policy is None:
        raise Rejected([Problem("policy", t("error.policy_missing"))])
    try:
        return read_policy(policy)
    except PolicyUnreadable as unreadable:
        raise Rejected([Problem("policy", t("error.policy_unreadable",
                                            path=unreadable.path))]) from None


_READ_POLICY: dict[str, PolicyValues] = {}


def read_policy_text(text: str, t: Catalogue | None = None) -> PolicyValues:
    """The values of the policy document ``text`` (``assets/policy.json`` as fetched or read
    from a file), read with the guards of :func:`read_payload`; the last text read is
    remembered. Raises :class:`Rejected` (field ``policy``) when it cannot be read."""
    known = _READ_POLICY.get(text)
    if known is not None:
        return known
    t = t or Catalogue()
    try:
        document = read_payload(text, t)
    except Rejected as rejected:
        raise Rejected([Problem("policy", problem.message)
                        for problem in rejected.problems]) from None
    values = policy_values(document, t)
    _READ_POLICY.clear()
    _READ_POLICY[text] = values
    return values


def _too_deep(text: str) -> bool:
    """Whether ``text`` nests arrays and objects deeper than :data:`MAX_DEPTH` (brackets inside
    strings not counted); linear in the length of the text."""
    depth = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def _too_long(value: Any) -> bool:
    """Whether an array or object of a parsed payload (no deeper than :data:`MAX_DEPTH`) has more
    than :data:`MAX_ITEMS` entries."""
    if isinstance(value, dict):
        return len(value) > MAX_ITEMS or any(map(_too_long, value.values()))
    if isinstance(value, list):
        return len(value) > MAX_ITEMS or any(map(_too_long, value))
    return False


def dumps(answer: Any, **options: Any) -> str:
    """An answer as JSON text, non-ASCII letters as they are. A lone surrogate (``\\ud800``
    typed in an id and echoed back) cannot be written as UTF-8: it is written as its JSON
    escape, so the text can always be printed or sent, and reads back as it came."""
    text = json.dumps(answer, ensure_ascii=False, **options)
    return _SURROGATE.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


def run_json(name: str, text: str, policy_text: str | None = None) -> str:
    """:func:`run` with JSON text in and out (``policy_text``: see :func:`run_text`)."""
    return dumps(run_text(name, text, policy_text))


def describe(lang: str = "fr") -> dict[str, Any]:
    """Every calculator: title, summary, legal basis, fields and outputs with their labels,
    and ``uses_policy`` (a policy tool, which needs the policy document: see the module)."""
    t = Catalogue(lang)
    described = {}
    for name, spec in SPECS.items():
        entry: dict[str, Any] = {
            "name": name,
            "title": t(f"{name}.title"),
            "summary": t(f"{name}.summary"),
            "legal_basis": t(f"{name}.legal_basis"),
            "fields": [_describe_field(field, name, t) for field in spec.fields],
            "outputs": [_describe_output(output, name, t) for output in spec.outputs],
            "uses_policy": spec.uses_policy,
        }
        if name == "penalty":
            entry["rate_tables"] = [
                {"name": table.name, "label": t(f"rate_table.{table.name}"),
                 "source": t(f"rate_source.{table.name}"), "url": table.url,
                 "as_of": table.as_of, "values": dict(table.values)}
                for table in TABLES.values()
            ]
        described[name] = entry
    return described


def _describe_field(field: Field, scope: str, t: Catalogue) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": field.name,
        "kind": field.kind,
        "required": field.required,
        "default": field.default,
        "choices": list(field.choices),
        "choice_labels": [t.field(scope, field.name, f"choice.{choice}")
                          for choice in field.choices],
        "label": t.field(scope, field.name, "label"),
        "help": t.field(scope, field.name, "help"),
    }
    if field.items:
        described["items"] = [_describe_field(item, f"{scope}.{field.name}", t)
                              for item in field.items]
    return described


def _describe_output(output: Output, scope: str, t: Catalogue) -> dict[str, Any]:
    described: dict[str, Any] = {"name": output.name, "label": t.output(scope, output.name)}
    if output.items:
        described["items"] = [_describe_output(item, f"{scope}.{output.name}", t)
                              for item in output.items]
    return described


def error_answer(problems: list[Problem],
                 missing_rates: Sequence[Mapping[str, str]] = ()) -> dict[str, Any]:
    """``{"errors": [...]}`` with one entry per field (messages of a field joined), and
    ``"missing_rates"`` when reference rates are unknown: each one's table and half-year, named
    in the reader's language, with its official source (the page asks the reader for them)."""
    merged: dict[str, list[str]] = {}
    for problem in problems:
        messages = merged.setdefault(problem.field, [])
        if problem.message not in messages:
            messages.append(problem.message)
    answer: dict[str, Any] = {"errors": [{"field": field, "message": " ".join(messages)}
                                         for field, messages in merged.items()]}
    if missing_rates:
        answer["missing_rates"] = list(missing_rates)
    return answer


