"""calculators.batch: lists typed as text and CSV files, with errors by line and column."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal

import pytest

from calculators import api, batch, run
from tools.invoices import HEADER, invoices_csv


def test_month_lines_give_the_countback_of_example_c1() -> None:
    result = batch.run_form("dso", {"method": "countback", "receivables": "2500",
                                    "months": "2025-11 1 200\n\n2025-10;800\n2025-09\t700"})
    assert result["dso"] == "82.43"


def test_a_bad_month_line_is_reported_with_its_line_number() -> None:
    result = batch.run_form("dso", {"method": "countback", "receivables": "2500", "lang": "en",
                                    "months": "2025-11 1200\n2025-10\n2025-09 x"})
    [error] = result["errors"]
    assert error["field"] == "months"
    assert "Line 2:" in error["message"] and "Line 3:" in error["message"]


def test_run_form_is_run_when_nothing_is_text() -> None:
    payload = {"amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30"}
    assert batch.run_form("penalty", payload) == run("penalty", payload)


def test_penalty_csv_totals_are_the_sums_of_each_invoice() -> None:
    text, rows = invoices_csv(300)
    terms = {"as_of": "2026-03-31", "lang": "fr"}
    result = batch.penalty_csv(text, terms)
    single = [run("penalty", {**terms, **{k: v for k, v in row.items()
                                          if k not in ("id", "customer")}}) for row in rows]
    assert result["count"] == 300 and not result["line_errors"]
    assert Decimal(result["totals"]["total"]) == sum(Decimal(r["total"]) for r in single)
    by_customer = {entry["customer"]: Decimal(entry["total"]) for entry in result["by_customer"]}
    for customer in by_customer:
        assert by_customer[customer] == sum(
            Decimal(r["total"]) for r, row in zip(single, rows, strict=True)
            if row["customer"] == customer)
    exported = result["csv"].splitlines()
    assert len(exported) == 301 and exported[0].startswith("id;customer;amount")


def test_chunks_report_progress_and_give_the_same_totals() -> None:
    text, _ = invoices_csv(2500)
    seen = []
    result = batch.penalty_csv(text, {"as_of": "2026-03-31"},
                               progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1000, 2500), (2000, 2500), (2500, 2500)]
    whole = run("penalty", {"as_of": "2026-03-31", "invoices": [
        dict(zip(("id", "customer", "amount", "due_date", "payment_date"), line.split(";"),
                 strict=True)) for line in text.splitlines()[1:]]})
    assert result["totals"] == whole["totals"]
    assert result["warnings"] == whole["warnings"]


def test_bad_lines_are_listed_by_line_and_column_and_left_out() -> None:
    text = (f"{HEADER}\nF1;A;10000;2025-09-30;2025-11-30\nF2;A;dix;2025-09-30;\n"
            "F3;B;500;2025-13-01;\nF4;B\n")
    result = batch.penalty_csv(text, {"as_of": "2026-03-31", "lang": "en"})
    assert result["count"] == 1
    lines = [(error["line"], error["column"]) for error in result["line_errors"]]
    assert lines == [(3, "montant"), (4, "échéance"), (5, "")]
    assert result["totals"]["total"] == "243.05"


def test_an_empty_file_says_so() -> None:
    result = batch.penalty_csv("  \n", {"lang": "en"})
    assert result["errors"][0]["field"] == "file"
    assert "empty" in result["errors"][0]["message"]


def test_a_wrong_term_is_reported_on_its_field() -> None:
    text, _ = invoices_csv(3)
    result = batch.penalty_csv(text, {"as_of": "2026-03-31", "regime": "UK", "mode": "split"})
    assert [error["field"] for error in result["errors"]] == ["mode"]


def test_dso_csv_gives_simple_and_countback_for_each_month() -> None:
    text = "mois;ventes;encours\n2025-11;1200;2500\n2025-09;700;500\n2025-10;800;1500\n"
    result = batch.dso_csv(text)
    assert [row["month"] for row in result["months"]] == ["2025-09", "2025-10", "2025-11"]
    assert result["months"][-1]["countback"] == "82.43"  # example C1
    assert result["months"][-1]["simple"] == "62.50"  # 2500 / 1200 × 30


def test_dso_csv_reports_a_gap_between_months() -> None:
    result = batch.dso_csv("month,sales,receivables\n2025-09,700,500\n2025-11,1200,2500\n",
                           "en")
    assert [(e["line"], e["column"]) for e in result["line_errors"]] == [(3, "month")]


def test_run_form_json_has_the_command_line_depth_guard() -> None:
    # What the worker calls: deep nesting is refused before parsing (it would kill Pyodide).
    deep = '{"lang": "en", "amount": ' + "[" * 500 + "]" * 500 + "}"
    assert json.loads(batch.run_form_json("penalty", deep)) == api.run_text("penalty", deep)
    assert json.loads(batch.run_form_json("penalty", deep))["errors"][0]["field"] == "payload"
    assert json.loads(batch.file_json("penalty", "", deep))["errors"][0]["field"] == "payload"


def test_file_json_is_what_the_worker_reads() -> None:
    text, _ = invoices_csv(5)
    result = json.loads(batch.file_json("penalty", text, json.dumps({"as_of": "2026-03-31"})))
    assert result["count"] == 5


def test_file_json_reads_the_bytes_of_an_erp_export_as_the_command_line_does() -> None:
    text = f"{HEADER}\nF1;Société Générale;10000;2025-09-30;2025-11-30\n"
    terms = json.dumps({"as_of": "2026-03-31", "lang": "en"})
    expected = json.loads(batch.file_json("penalty", text, terms))
    assert expected["by_customer"][0]["customer"] == "Société Générale"
    for encoded in (text.encode("cp1252"), text.encode("utf-8"), text.encode("utf-8-sig")):
        assert json.loads(batch.file_json("penalty", encoded, terms)) == expected
    binary = json.loads(batch.file_json("penalty", text.encode() + b"\n\x00\x81\n", terms))
    assert binary == {"errors": [{"field": "file", "message":
                                  "Line 4: the file is not text in UTF-8 or Windows-1252: "
                                  "save it as CSV UTF-8."}]}


# --- each line as run() gives it alone ------------------------------------------------------

TABLE_START = {"FR": date(2019, 1, 1), "EU": date(2019, 1, 1), "UK": date(2020, 1, 1),
               "DE": date(2022, 7, 1), "contract": date(2020, 1, 1)}
TERMS = [
    {"as_of": "2026-06-30", "lang": "en"},
    {"as_of": "2026-06-30", "lang": "fr", "mode": "fixed", "basis": "360"},
    {"as_of": "2026-06-30", "lang": "en", "regime": "EU"},
    {"as_of": "2026-06-30", "lang": "en", "regime": "UK"},
    {"as_of": "2026-06-30", "lang": "fr", "regime": "DE", "b2b": "non"},
    {"as_of": "2026-06-30", "lang": "fr", "rate": "5,5 %"},
    {"as_of": "2026-12-31", "lang": "en", "rate": "15",
     "reference_rates": {"france_legal_interest_rate": {"2026-H2": ["6.67", "2.62"]}}},
]


def mixed_csv(terms: dict[str, str], count: int, seed: int) -> tuple[str, list[list[str]]]:
    """Invoices over the years the rate tables cover and a little before (those lines fail on
    an unknown rate), paid early, late across half-years, or still open; amounts and dates
    written in several ways; some lines wrong."""
    rng = random.Random(seed)
    key = "contract" if "rate" in terms else terms.get("regime", "FR")
    start = TABLE_START[key]
    rows = []
    for number in range(count):
        due = start + timedelta(days=rng.randrange(-120, (date(2026, 6, 1) - start).days))
        paid = "" if rng.random() < 0.15 and due >= start else (
            due + timedelta(days=rng.randrange(-30, 500))).isoformat()
        if paid and paid > terms["as_of"]:
            paid = terms["as_of"]
        amount = f"{rng.randrange(1, 10**8)}.{rng.randrange(100):02d}"
        due_text = due.isoformat()
        pick = rng.random()
        if pick < 0.05:
            amount = f"{int(Decimal(amount)):,}".replace(",", " ") + ",50"
        elif pick < 0.08:
            due_text = due.strftime("%d/%m/%Y")
        elif pick < 0.09:
            amount = "-" + amount
        elif pick < 0.10:
            amount = "douze"
        elif pick < 0.11:
            due_text = "2025-02-30"
        elif pick < 0.12:
            paid = "hier"
        elif pick < 0.13:
            amount = "0"
        rows.append([f"F{number}", rng.choice(["", "Alpha", "Béta", "Gamma", "Delta"]), amount,
                     due_text, paid])
    return HEADER + "\n" + "\n".join(";".join(row) for row in rows) + "\n", rows


SINGLE_HEAD = ("regime", "currency", "mode", "basis", "as_of", "legal_basis", "warnings")
COLUMN_OF = dict(zip(("id", "customer", "amount", "due_date", "payment_date"),
                     HEADER.split(";"), strict=True))


@pytest.mark.parametrize("terms", TERMS, ids=[str(index) for index in range(len(TERMS))])
def test_each_line_is_what_run_gives_that_invoice_alone(terms: dict[str, str]) -> None:
    text, rows = mixed_csv(terms, 400, seed=len(str(terms)))
    result = batch.penalty_csv(text, terms, preview=250)
    assert "errors" not in result, result["errors"]
    computed = iter(result["invoices"] + [None] * result["count"])
    errors: dict[int, list[tuple[str, str]]] = {}
    for error in result["line_errors"]:
        errors.setdefault(error["line"], []).append((error["column"], error["message"]))
    good, sums = [], {"interest": Decimal(0), "indemnity": Decimal(0)}
    for line, row in enumerate(rows, start=2):
        fields = dict(zip(("id", "customer", "amount", "due_date", "payment_date"), row,
                          strict=True))
        alone = run("penalty", {**terms, **{k: v for k, v in fields.items()
                                            if k not in ("id", "customer") and v}})
        if "errors" in alone:
            assert errors.pop(line) == [(COLUMN_OF[e["field"]], e["message"])
                                        for e in alone["errors"]], line
            continue
        assert line not in errors
        shown = next(computed)
        expected = {"id": fields["id"], "customer": fields["customer"] or None,
                    **{k: v for k, v in alone.items() if k not in SINGLE_HEAD}}
        if shown is None:  # beyond the preview: the export has it, without periods
            del expected["periods"]
        else:
            assert shown == expected
        good.append((fields, expected))
        for name in sums:
            sums[name] += Decimal(alone[name])
    assert not errors and result["count"] == len(good) and len(good) > 250
    assert result["line_error_count"] == len(rows) - len(good)
    assert result["totals"]["interest"] == f"{sums['interest']:.2f}"
    assert Decimal(result["totals"]["total"]) == sums["interest"] + sums["indemnity"]
    expected_rows = [expected for _, expected in good]
    assert result["csv"] == batch.export_csv(expected_rows, terms["lang"])
    whole = run("penalty", {**terms, "invoices": [
        {k: v for k, v in fields.items() if v} for fields, _ in good]})
    assert result["by_customer"] == sorted(whole["by_customer"],
                                           key=lambda entry: -Decimal(entry["total"]))
    assert result["warnings"][:-1] == whole["warnings"]


def test_the_open_invoices_are_counted_once_over_the_whole_file() -> None:
    text, rows = invoices_csv(2500)
    result = batch.penalty_csv(text, {"as_of": "2026-03-31", "lang": "en"})
    opened = sum(1 for row in rows if not row["payment_date"])
    assert result["warnings"] == [
        f"Invoices not fully paid: {opened}; interest counted to the date given (2026-03-31)."]


def test_a_rate_unknown_up_to_the_date_counted_to_is_a_term_error() -> None:
    text = f"{HEADER}\nF1;A;100;2026-03-31;\nF2;A;dix;2025-09-30;\nF3;B;100;2025-01-31;\n"
    result = batch.penalty_csv(text, {"as_of": "2026-12-31", "lang": "en"})
    assert [error["field"] for error in result["errors"]] == ["as_of"]
    assert "2026-H2" in result["errors"][0]["message"] and "line_errors" not in result
