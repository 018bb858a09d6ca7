"""Hostile input never runs, never hangs, never crashes: every entry point (``run_text`` and
``read_payload``, the worker's ``run_form_json`` and ``file_json``, the CSV readers, the command
line's ``main``) answers with a result or an ``errors`` entry carrying a plain message, never an
exception, in bounded time; every answer can be written as UTF-8.

First the security review's payloads (probes 3a–3k, 4c–4e) as regression cases, then
hypothesis-driven fuzzing of JSON text, JSON structures, payload values and CSV files. Runs under
CPython and inside Pyodide; what spawns a process is skipped there.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from calc_support import PROPERTY
from hypothesis import given
from hypothesis import strategies as st

from calculators import __main__ as cli_module
from calculators import api, batch
from calculators.__main__ import main
from calculators.api import dumps, read_payload, run_text
from calculators.forms import ADAPTERS, Rejected
from calculators.messages import Catalogue
from calculators.specs import CALCULATORS

SECONDS = 2.0
"""Longest a single hostile example may take (the quadratic pre-check took 37 s on 80 KB)."""
HEADER = "facture;client;montant;échéance;date de paiement"
GOOD_LINE = "F1;ACME;1000;2025-09-30;2025-11-30"
TERMS = {"lang": "fr", "as_of": "2026-03-31"}


FAILED = {Catalogue(lang)("error.internal") for lang in ("fr", "en")}


def answered(result: Any, *, failed: bool = False) -> dict[str, Any]:
    """The contract: a dict, its errors (if any) each a field and a non-empty message, and the
    whole writable as UTF-8 JSON. Unless ``failed``, no answer comes from the last resort: that
    would be a bug it hid."""
    assert isinstance(result, dict), result
    for error in result.get("errors", []):
        assert isinstance(error["field"], str)
        assert isinstance(error["message"], str) and error["message"].strip(), result
        assert "Traceback" not in error["message"]
        assert failed or error["message"] not in FAILED, result
    dumps(result).encode("utf-8")
    return result


def timed(call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = call()
    elapsed = time.perf_counter() - started
    assert elapsed < SECONDS, f"{elapsed:.1f} s"
    return value


def text_answer(text: str, *, failed: bool = False) -> dict[str, Any]:
    """What the worker gives back: JSON text that reads as an answer."""
    text.encode("utf-8")
    return answered(json.loads(text), failed=failed)


def cli(args: list[str], stdin: str = "", *, failed: bool = False
        ) -> tuple[int, dict[str, Any] | None, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(args, io.StringIO(stdin), out, err)
    out.getvalue().encode("utf-8")
    err.getvalue().encode("utf-8")
    assert "Traceback" not in out.getvalue() + err.getvalue()
    text = out.getvalue()
    parsed = json.loads(text) if text.startswith("{") else None
    if parsed is not None:
        answered(parsed, failed=failed)
    return status, parsed, err.getvalue()


# --- the review's payloads ------------------------------------------------------------------

INVOICE = {"amount": "100", "due_date": "2025-01-01", "payment_date": "2025-03-01"}
FAR_DATES = [
    ("payment_date", {**INVOICE, "payment_date": "9999-12-31"}),
    ("due_date", {**INVOICE, "due_date": "9999-12-31", "payment_date": None}),
    ("as_of", {"amount": "100", "due_date": "2025-01-01", "as_of": "9999-12-31"}),
    ("invoices", {"invoices": [{"amount": "100", "due_date": "9999-12-31",
                                "payment_date": "9999-12-31"}]}),
    ("due_date", {**INVOICE, "due_date": "31/12/9999"}),
]


@pytest.mark.parametrize(("field", "payload"), FAR_DATES)
def test_a_date_at_the_end_of_the_calendar_is_refused_on_its_field(field: str,
                                                                   payload: dict) -> None:
    payload = {key: value for key, value in payload.items() if value is not None}
    result = answered(run_text("penalty", json.dumps(payload)))
    assert field in [error["field"].split("[")[0] for error in result["errors"]], result
    assert "9998-12-31" in json.dumps(result, ensure_ascii=False)
    status, answer, _ = cli(["penalty"], json.dumps(payload))
    assert status == 2 and answer == result


def test_the_last_date_accepted_is_read() -> None:
    result = answered(run_text("penalty", json.dumps({**INVOICE, "payment_date": "9998-12-31"})))
    assert "9998-12-31" not in json.dumps(result, ensure_ascii=False)  # only rates unknown
    assert json.loads(batch.failed_answers_json())["en"]["errors"][0]["message"] == Catalogue(
        "en")("error.internal")


@pytest.mark.parametrize("count", [40_000, 80_000])
def test_an_unclosed_string_of_escaped_quotes_is_read_in_linear_time(count: int) -> None:
    text = '{"a": "' + '\\"' * count
    result = answered(timed(lambda: run_text("cei", text)))
    assert result["errors"][0]["field"] == "payload"
    assert timed(lambda: api._too_deep(text)) is False


def test_brackets_after_an_unclosed_string_are_not_counted() -> None:
    assert not api._too_deep('{"a": "' + "[" * 100)
    assert api._too_deep('{"a": "x", "b": ' + "[" * 30 + "]" * 30 + "}")
    assert not api._too_deep('{"a": "\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')


@pytest.mark.parametrize("where", ["invoice id", "unknown key", "customer"])
def test_a_lone_surrogate_is_written_as_its_escape(where: str) -> None:
    invoice = {**INVOICE, "id": "F\ud800"} if where == "invoice id" else dict(INVOICE)
    if where == "customer":
        invoice["customer"] = "\udc00ACME"
    payload = {"invoices": [invoice]} if where != "unknown key" else {**INVOICE, "x\ud800": 1}
    text = json.dumps(payload)  # ASCII, with \\ud800 escapes, as JSON.stringify sends it
    answered(run_text("penalty", text))
    out = text_answer(batch.run_form_json("penalty", text))
    assert json.loads(api.run_json("penalty", text)) == out
    _, answer, _ = cli(["penalty"], text)
    assert answer == out
    assert "\\ud800" in api.dumps({"id": "F\ud800"})


@pytest.mark.parametrize("text", [
    "", "{", "[]", "null", "1e999999", '{"amount": 1e999999}', '{"amount": NaN}',
    '{"amount": Infinity}', '{"amount": -Infinity}', "9" * 5000, '{"amount": ' + "9" * 5000 + "}",
    '{"amount": "-5"}', '{"due_date": "2025-02-30"}', '{"due_date": "0000-01-01"}',
    "[" * 100_000, "{" * 3000, '{"a":' * 3000, "\x00", '{"lang": ["fr"]}', '{"lang": {}}',
    '{"invoices": {}}', '{"invoices": [[]]}', '{"payments": "x"}', '{"reference_rates": []}',
    '{"reference_rates": {"FR": {"2025-H1": "1e999999"}}}', '{"months": [1, 2]}',
    '{"months": "2025-01 1e999999\\n2025-02 -"}',
])
@pytest.mark.parametrize("name", CALCULATORS)
def test_the_review_s_bad_json_gets_errors_at_every_entry_point(name: str, text: str) -> None:
    answered(timed(lambda: run_text(name, text)))
    timed(lambda: text_answer(batch.run_form_json(name, text)))
    timed(lambda: text_answer(batch.file_json("penalty", f"{HEADER}\n{GOOD_LINE}\n", text)))
    status, _, _ = cli([name], text)
    assert status in (0, 2)


def test_a_hundred_thousand_keys_are_read() -> None:
    text = "{" + ",".join(f'"k{index}": 1' for index in range(100_000)) + "}"
    result = answered(run_text("penalty", text))  # 2 to 3 s: a message for each unknown key
    assert "errors" in result


def test_a_list_too_long_is_refused_before_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "MAX_ITEMS", 10)
    text = json.dumps({"invoices": [INVOICE] * 11})
    with pytest.raises(Rejected) as rejected:
        read_payload(text)
    assert rejected.value.problems[0].message == Catalogue()("error.list_length", count="10")
    assert "errors" not in run_text("penalty", json.dumps({"invoices": [INVOICE] * 10}))


def test_a_text_too_long_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "MAX_PAYLOAD", 100)
    result = answered(run_text("penalty", json.dumps({**INVOICE, "id": "x" * 100})))
    assert result["errors"][0]["field"] == "payload"
    assert "100" in result["errors"][0]["message"]
    answered(json.loads(batch.file_json("penalty", HEADER, "{" * 200)))


@pytest.mark.parametrize("depth", [3000, 100_000])
def test_deep_nesting_is_refused_at_the_worker_s_entry_points(depth: int) -> None:
    deep = '{"amount": ' + "[" * depth + "]" * depth + "}"
    for text in (batch.run_form_json("penalty", deep),
                 batch.file_json("penalty", f"{HEADER}\n{GOOD_LINE}\n", deep)):
        result = text_answer(text)
        assert result["errors"][0]["message"] == Catalogue()("error.json_depth",
                                                             depth=api.MAX_DEPTH)


@pytest.mark.parametrize(("text", "line", "words"), [
    (f'{HEADER}\n{GOOD_LINE}\nF2;"{"x" * 200_000}\n', 3, "131072"),
    (f'{HEADER}\nF2;"{"x" * 200_000}\n', 2, "131072"),
    (f'F2;"{"x" * 200_000}\n', 1, "131072"),
])
def test_a_field_too_long_for_the_csv_module_is_named_by_line(text: str, line: int,
                                                              words: str) -> None:
    result = answered(timed(lambda: batch.penalty_csv(text, TERMS)))
    errors = result["line_errors"]
    assert errors[-1]["line"] == line and words in errors[-1]["message"], errors
    assert (result.get("count") == 1) == (GOOD_LINE in text)
    dso = answered(batch.dso_csv(text))
    assert words in dso["line_errors"][-1]["message"]
    status, _, err = cli(["batch", "penalty", "-"], text)
    assert status == 2 and f"<stdin>:{line}: " in err and words in err
    text_answer(batch.file_json("penalty", text.encode("utf-8"), json.dumps(TERMS)))


@pytest.mark.parametrize("text", [
    f'{HEADER}\n{GOOD_LINE}\nF2;"ACME;1000;2025-09-30;\n', f'{HEADER}\nF2;AC"ME;10"00;x;\n',
    '"', '""', '";', "\r", "\r\n\r\n", ";\n;;\n", "\t\n\t", "\ufeff", "\ufeff;",
    f"{HEADER}\n" + "\x00", "a" * 10_000 + "\n" + ";" * 10_000,
])
def test_stray_quotes_and_odd_files_get_line_errors(text: str) -> None:
    answered(timed(lambda: batch.penalty_csv(text, TERMS)))
    answered(timed(lambda: batch.dso_csv(text, "en")))
    status, _, _ = cli(["batch", "penalty", "-"], text)
    assert status in (0, 2)
    status, _, _ = cli(["batch", "dso", "-"], text)
    assert status in (0, 2)


def test_file_json_refuses_terms_that_are_not_an_object() -> None:
    for terms in ("[]", "1", '"fr"', "null"):
        result = text_answer(batch.file_json("penalty", HEADER, terms))
        assert result["errors"][0]["field"] == "payload"
        text_answer(batch.file_json("dso", b"\xff\x00", terms))


# --- the last resort ------------------------------------------------------------------------

def _boom(payload: Any, t: Any) -> dict[str, Any]:
    raise RuntimeError("a bug")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unforeseen_failure_is_a_plain_message_everywhere(monkeypatch: pytest.MonkeyPatch,
                                                             lang: str) -> None:
    message = Catalogue(lang)("error.internal")
    text = json.dumps({**INVOICE, "lang": lang})
    monkeypatch.setitem(ADAPTERS, "penalty", _boom)
    assert text_answer(batch.run_form_json("penalty", text), failed=True) == {
        "errors": [{"field": "", "message": message}]}
    status, answer, _ = cli(["penalty", "--lang", lang], text, failed=True)
    assert status == 2 and answer == {"errors": [{"field": "", "message": message}]}
    monkeypatch.setattr(batch, "penalty_csv", lambda *args, **kwargs: 1 / 0)
    monkeypatch.setattr(cli_module, "penalty_csv", lambda *args, **kwargs: 1 / 0)
    assert text_answer(batch.file_json("penalty", HEADER, text),
                       failed=True)["errors"][0]["message"] == message
    status, answer, _ = cli(["batch", "penalty", "-", "--lang", lang], f"{HEADER}\n{GOOD_LINE}\n",
                            failed=True)
    assert status == 2 and answer == {"errors": [{"field": "", "message": message}]}
    assert json.loads(batch.failed_json(lang))["errors"][0]["message"] == message


def test_what_python_raises_inside_a_calculator_is_a_plain_message(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def overflow(payload: Any, t: Any) -> dict[str, Any]:
        raise OverflowError("date value out of range")
    monkeypatch.setitem(ADAPTERS, "penalty", overflow)
    result = answered(run_text("penalty", json.dumps(INVOICE)), failed=True)
    assert result == {"errors": [{"field": "", "message": Catalogue()("error.internal")}]}


def test_the_worker_s_entry_point_survives_a_text_that_is_not_text() -> None:
    # the worker hands Python whatever JSON.stringify gave: here a number
    result = text_answer(batch.run_form_json("penalty", 42),  # type: ignore[arg-type]
                         failed=True)
    assert result["errors"][0]["message"] == Catalogue()("error.internal")


# --- exports a spreadsheet opens ------------------------------------------------------------

HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(A1)",
                 "=1+1", "\t=1", "\r=1"]


def _hostile_file() -> str:
    lines = [f'F{index};"{name.replace(chr(34), chr(34) * 2)}";1000;2025-09-30;2025-11-30'
             for index, name in enumerate(HOSTILE_NAMES)]
    return "\n".join([HEADER, *lines, '=F9;ACME;1000;2025-09-30;2025-11-30']) + "\n"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_exports_neutralise_formulas_and_keep_amounts_numbers(tmp_path: Path, lang: str) -> None:
    import csv

    out = tmp_path / "out.csv"
    source = tmp_path / "in.csv"
    source.write_text(_hostile_file(), encoding="utf-8")
    status, _, err = cli(["batch", "penalty", str(source), "--out", str(out), "--lang", lang])
    assert status == 0, err
    written = out.read_bytes().decode("utf-8-sig")
    page = batch.penalty_csv(_hostile_file(), {**TERMS, "lang": lang})["csv"]
    assert written == page  # the page's export is this same Python text
    rows = list(csv.reader(io.StringIO(written), delimiter=";" if lang == "fr" else ","))
    assert len(rows) == len(HOSTILE_NAMES) + 2
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(batch._FORMULA_START) or batch._PLAIN_NUMBER.fullmatch(
                cell), row
        assert row[2] == ("1000,00" if lang == "fr" else "1000.00")
    customers = [row[1] for row in rows[1:]]
    # cells are read stripped: "\t=1" arrives as "=1"
    assert customers[:len(HOSTILE_NAMES)] == ["'" + name.strip() for name in HOSTILE_NAMES]
    assert rows[-1][0] == "'=F9"


def test_a_negative_figure_stays_a_number() -> None:
    rows = [{"month": "2025-11", "sales": "-12.50", "receivables": "-3", "days": 30,
             "simple": "-1.25", "countback": None}]
    for lang, expected in (("fr", "2025-11;-12,50;-3;30;-1,25;"),
                           ("en", "2025-11,-12.50,-3,30,-1.25,")):
        assert batch.export_months_csv(rows, lang).splitlines()[1] == expected
    assert batch.spreadsheet_safe("-") == "'-"
    assert batch.spreadsheet_safe("-1e5") == "'-1e5"
    assert batch.spreadsheet_safe("") == ""


@pytest.mark.skipif(sys.platform == "emscripten", reason="no processes inside Pyodide")
def test_the_cli_as_a_real_process_never_prints_a_traceback() -> None:
    root = Path(__file__).resolve().parents[2]
    for text in ('{"amount":"100","due_date":"2025-01-01","payment_date":"9999-12-31"}',
                 '{"amount":"100","due_date":"2025-01-01","x\\ud800":1}', "\udcff"):
        done = subprocess.run([sys.executable, "-m", "calculators", "penalty"], cwd=root,
                              input=text.encode("utf-8", "surrogateescape"),
                              capture_output=True, check=False, timeout=60)
        assert done.returncode == 2, done.stderr
        assert b"Traceback" not in done.stderr
        assert json.loads(done.stdout.decode("utf-8"))["errors"]


# --- fuzzing --------------------------------------------------------------------------------

JSON_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                | st.text(max_size=20))
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=20)
DATES = (st.dates().map(lambda day: day.isoformat())
         | st.sampled_from(["9999-12-31", "9998-12-31", "0001-01-01", "31/12/9999", "2025-02-29"]))
NUMBERS = (st.decimals(allow_nan=False, allow_infinity=False).map(str)
           | st.sampled_from(["1e999999", "-0", "1 000,50", "9" * 400, "0.0000001", "-12.50"]))
FIELD_VALUES = DATES | NUMBERS | st.text(max_size=30) | JSON_VALUES
FIELD_NAMES = st.sampled_from(["amount", "due_date", "payment_date", "as_of", "rate", "mode",
                               "basis", "b2b", "regime", "lang", "payments", "invoices", "id",
                               "customer", "months", "sales", "receivables", "days", "discount",
                               "reference_rates", "x\ud800"])
PAYLOADS = st.dictionaries(FIELD_NAMES, FIELD_VALUES, max_size=8)
CSV_TEXT = st.lists(
    st.lists(st.text(alphabet=st.sampled_from(list('ab1-;,"\t\r =@+.éx\u2028')), max_size=10)
             | DATES | NUMBERS, max_size=7).map(";".join),
    max_size=6).map("\n".join)


@PROPERTY
@given(st.text(max_size=200), st.sampled_from(CALCULATORS))
def test_any_text_gets_an_answer(text: str, name: str) -> None:
    answered(timed(lambda: run_text(name, text)))
    timed(lambda: text_answer(batch.run_form_json(name, text)))


@PROPERTY
@given(JSON_VALUES, st.sampled_from(CALCULATORS))
def test_any_json_gets_an_answer(value: Any, name: str) -> None:
    text = json.dumps(value)
    answered(timed(lambda: run_text(name, text)))
    timed(lambda: text_answer(batch.file_json("penalty", f"{HEADER}\n{GOOD_LINE}\n", text)))


@PROPERTY
@given(PAYLOADS, st.sampled_from(CALCULATORS), st.booleans())
def test_any_payload_gets_an_answer(payload: dict[str, Any], name: str, listed: bool) -> None:
    if listed and name == "penalty":
        payload = {"invoices": [payload, {**INVOICE, **payload}]}
    text = json.dumps(payload, default=str)
    answered(timed(lambda: run_text(name, text)))
    timed(lambda: text_answer(batch.run_form_json(name, text)))
    status, _, _ = cli([name], text)
    assert status in (0, 2)


@PROPERTY
@given(CSV_TEXT, st.booleans(), PAYLOADS)
def test_any_csv_gets_an_answer(text: str, headed: bool, terms: dict[str, Any]) -> None:
    text = f"{HEADER}\n{text}" if headed else text
    answered(timed(lambda: batch.penalty_csv(text, {**TERMS, **terms})))
    answered(timed(lambda: batch.dso_csv(text)))
    for kind in ("penalty", "dso"):
        timed(lambda kind=kind: text_answer(batch.file_json(
            kind, text.encode("utf-8"), json.dumps({**TERMS, **terms}, default=str))))
    status, _, _ = cli(["batch", "penalty", "-", "--as-of", "2026-03-31"], text)
    assert status in (0, 2)


@PROPERTY
@given(st.binary(max_size=200))
def test_any_bytes_as_a_file_get_an_answer(data: bytes) -> None:
    for kind in ("penalty", "dso"):
        text_answer(timed(lambda kind=kind: batch.file_json(kind, data, json.dumps(TERMS))))


@pytest.mark.parametrize("content", ['{"FR": ' + "[" * 5000, "[" * 100_000])
def test_a_rates_file_nested_too_deep_is_refused_by_name(tmp_path: Path, content: str) -> None:
    rates, source = tmp_path / "rates.json", tmp_path / "in.csv"
    rates.write_text(content, encoding="utf-8")
    source.write_text(f"{HEADER}\n{GOOD_LINE}\n", encoding="utf-8")
    status, _, err = cli(["batch", "penalty", str(source), "--reference-rates", str(rates),
                          "--lang", "en"])
    assert status == 2
    assert err.startswith(f"{rates}: ") and "nested too deeply" in err, err


def test_a_date_option_at_the_end_of_the_calendar_is_refused_by_name() -> None:
    status, _, err = cli(["batch", "penalty", "-", "--as-of", "9999-12-31", "--lang", "en"],
                         f"{HEADER}\nF1;A;100;2025-01-01;\n")
    assert status == 2 and err.startswith("--as-of: ") and "9998-12-31" in err, err


def test_a_file_too_long_is_refused_with_its_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "MAX_ITEMS", 5)
    text = "\n".join([HEADER, *[GOOD_LINE] * 5]) + "\n"
    assert answered(batch.penalty_csv(text, TERMS))["count"] == 5
    result = answered(batch.penalty_csv(text + GOOD_LINE + "\n", {**TERMS, "lang": "en"}))
    assert result["errors"][0]["message"] == (
        "Line 1: The file has more than 5 lines: split it into several files.")
    monkeypatch.setattr(api, "MAX_PAYLOAD", 50)
    result = answered(batch.dso_csv(text, "en"))
    assert "larger than 50 characters" in result["errors"][0]["message"]
    status, _, err = cli(["batch", "penalty", "-", "--as-of", "2026-03-31"], text)
    assert status == 2 and err.startswith("<stdin>:1: ") and "50" in err, err
