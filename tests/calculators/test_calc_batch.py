"""calculators.batch: lists typed as text and CSV files, with errors by line and column."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal

from calculators import batch, run

HEADER = "facture;client;montant;échéance;date de paiement"


def invoices_csv(count: int, seed: int = 7) -> tuple[str, list[dict[str, str]]]:
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        due = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 1000))
        paid = "" if rng.random() < 0.1 else (due + timedelta(days=rng.randrange(-20, 200))
                                               ).isoformat()
        amount = f"{rng.randrange(100, 5_000_000) / 100:.2f}"
        rows.append({"id": f"F{number}", "customer": f"C{rng.randrange(20)}", "amount": amount,
                     "due_date": due.isoformat(), "payment_date": paid})
    lines = [HEADER] + [";".join(row.values()) for row in rows]
    return "\n".join(lines) + "\n", rows


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


def test_file_json_is_what_the_worker_reads() -> None:
    text, _ = invoices_csv(5)
    result = json.loads(batch.file_json("penalty", text, json.dumps({"as_of": "2026-03-31"})))
    assert result["count"] == 5
