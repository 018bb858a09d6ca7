"""``python -m calculators batch``: CSV files from the command line, with the page's code.

Most tests call :func:`calculators.__main__.main` on real files in ``tmp_path`` (so that they
also run inside Pyodide); one runs a real process.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import batch, run
from calculators.__main__ import main

HEADER = "invoice;customer;amount;due date;payment date"
LINES = [
    "F1;Société Générale;10000;2025-09-30;2025-11-30",  # example FR-1: 243.05
    "F2;Société Générale;2 500,00;2025-06-30;2026-01-15",
    "F3;Brévant;1234.56;2026-01-31;",  # still open on --as-of
    "F4;Brévant;800;2025-03-31;2025-03-20",  # paid early
    "F5;;12000;2025-12-31;2026-02-10",
]
AS_OF = "2026-03-31"


def _cli(*args: str | Path, stdin: io.TextIOBase | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main([str(arg) for arg in args], stdin or io.StringIO(""), out, err)
    return status, out.getvalue(), err.getvalue()


def _write(tmp_path: Path, lines: list[str], name: str = "invoices.csv",
           encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join([HEADER, *lines]) + "\n").encode(encoding))
    return path


def _alone(line: str, **terms: str) -> dict:
    """``run("penalty")`` on one line of the file, as a single invoice."""
    _, _, amount, due, paid = line.split(";")
    payload = {"amount": amount, "due_date": due, "as_of": AS_OF, **terms}
    return run("penalty", {**payload, "payment_date": paid} if paid else payload)


def _grouped_en(value: Decimal | int) -> str:
    return f"{value:,.2f}" if isinstance(value, Decimal) else f"{value:,}"


def test_the_summary_totals_are_the_sums_of_run_per_invoice(tmp_path: Path) -> None:
    path = _write(tmp_path, LINES)
    status, out, err = _cli("batch", "penalty", path, "--as-of", AS_OF, "--lang", "en")
    assert (status, err) == (0, "")
    alone = [_alone(line, lang="en") for line in LINES]
    assert alone[0]["total"] == "243.05"
    assert out.startswith(f"{path}: 5 invoice(s) computed; regime FR, by half-year, 365-day "
                          "basis; amounts in EUR.\n")
    table = {line.split("  ")[0].strip(): line.split()[-5:] for line in out.splitlines()
             if re.search(r"\d\.\d\d$", line)}
    for customer, names in (("Société Générale", {"F1", "F2"}), ("Brévant", {"F3", "F4"}),
                            ("(no customer)", {"F5"}), ("Total", {"F1", "F2", "F3", "F4", "F5"})):
        mine = [one for one, line in zip(alone, LINES, strict=True) if line[:2] in names]
        interest = sum(Decimal(one["interest"]) for one in mine)
        indemnity = sum(Decimal(one["indemnity"]) for one in mine)
        late = sum(1 for one in mine if one["days_late"])
        assert table[customer] == [str(len(mine)), str(late), _grouped_en(interest),
                                   _grouped_en(indemnity), _grouped_en(interest + indemnity)]
    assert "Invoices not fully paid: 1; interest counted to the date given (2026-03-31)." in out


def test_bad_lines_go_to_stderr_by_file_line_and_column(tmp_path: Path) -> None:
    lines = [LINES[0], "F2;A;dix;2025-09-30;", "F3;B;500;2025-13-01;", "F4;B", LINES[4]]
    path = _write(tmp_path, lines)
    status, out, err = _cli("batch", "penalty", path, "--as-of", AS_OF, "--lang", "en")
    assert status == 2
    amount = _alone(lines[1], lang="en")["errors"][0]["message"]
    due = _alone(lines[2], lang="en")["errors"][0]["message"]
    assert err.splitlines() == [
        f"{path}:3: amount: {amount}",
        f"{path}:4: due date: {due}",
        f"{path}:5: 5 columns expected (invoice, customer, amount, due date, payment date), "
        "2 found.",
    ]
    total = Decimal(_alone(LINES[0])["total"]) + Decimal(_alone(LINES[4])["total"])
    assert out.splitlines()[-4].split()[-1] == _grouped_en(total)  # the good lines still count
    assert "3 line(s) with errors are not counted in the totals." in out


def test_out_writes_the_export_of_the_page(tmp_path: Path) -> None:
    path, results = _write(tmp_path, LINES), tmp_path / "results.csv"
    status, out, _ = _cli("batch", "penalty", path, "--as-of", AS_OF, "--lang", "en",
                          "--out", results)
    assert status == 0 and "Total" in out
    rows = [{"id": line.split(";")[0], "customer": line.split(";")[1] or None,
             **_alone(line, lang="en")} for line in LINES]
    data = results.read_bytes()
    assert data == ("\ufeff" + batch.export_csv(rows, "en")).encode("utf-8")
    assert data.decode("utf-8-sig").splitlines()[1].endswith(",203.05,40.00,243.05")
    status, out, _ = _cli("batch", "penalty", path, "--as-of", AS_OF, "--out", "-")
    assert status == 0 and out == batch.export_csv(rows, "fr")  # French: ; and 203,05


def test_json_is_the_page_answer_with_every_invoice(tmp_path: Path) -> None:
    path = _write(tmp_path, [*LINES, "F6;X;x;2025-01-01;"])
    status, out, err = _cli("batch", "penalty", path, "--as-of", AS_OF, "--json")
    answer = json.loads(out)
    assert status == 2 and err.count("\n") == 1
    expected = batch.penalty_csv(path.read_text("utf-8"), {"as_of": AS_OF, "lang": "fr"},
                                 preview=len(LINES))
    del expected["csv"]
    assert answer == expected and len(answer["invoices"]) == len(LINES)
    assert answer["invoices"][0]["periods"] == _alone(LINES[0])["periods"]


def test_options_are_the_terms_of_the_form(tmp_path: Path) -> None:
    path = _write(tmp_path, LINES)
    options = {"--regime": "DE", "--b2b": "no", "--basis": "360", "--as-of": AS_OF}
    status, out, _ = _cli("batch", "penalty", path, "--json", "--lang", "en",
                          *(item for pair in options.items() for item in pair))
    assert status == 0
    terms = {"regime": "DE", "b2b": "no", "basis": "360", "lang": "en"}
    total = sum(Decimal(_alone(line, **terms)["total"]) for line in LINES)
    assert json.loads(out)["totals"]["total"] == f"{total:.2f}"
    assert json.loads(out)["legal_basis"] == "BGB § 288 (1), § 247"
    status, _, _ = _cli("batch", "penalty", path, "--as-of", AS_OF, "--rate", "5")
    assert status == 0  # contractual rate below the floor: computed with the floor


def test_a_wrong_option_is_named_and_nothing_is_computed(tmp_path: Path) -> None:
    path = _write(tmp_path, LINES)
    status, out, err = _cli("batch", "penalty", path, "--regime", "UK", "--mode", "split",
                            "--lang", "en")
    message = run("penalty", {"regime": "UK", "mode": "split", "lang": "en", **{
        "amount": "1", "due_date": "2025-01-01", "payment_date": "2025-02-01"}})["errors"]
    assert (status, out) == (2, "")
    assert err == f"--mode: {message[0]['message']}\n"


def test_reference_rates_come_from_a_json_file_or_the_handbook_policy(tmp_path: Path) -> None:
    path = _write(tmp_path, LINES)
    status, _, err = _cli("batch", "penalty", path, "--as-of", "2026-12-31", "--lang", "en")
    assert status == 2 and err.startswith("--as-of: The ECB main refinancing rate for the "
                                          "second half of 2026 (2026-H2) is not known")
    rates = {"ecb_main_refinancing_rate": {"2026-H2": "2.15"}}
    plain, policy = tmp_path / "rates.json", tmp_path / "policy.json"
    plain.write_text(json.dumps(rates), "utf-8")
    policy.write_text(json.dumps({"version": "2026.2", "reference_rates": rates}), "utf-8")
    answers = [_cli("batch", "penalty", path, "--as-of", "2026-12-31", "--json",
                    "--reference-rates", file) for file in (plain, policy)]
    assert answers[0] == answers[1] and answers[0][0] == 0
    expected = batch.penalty_csv(path.read_text("utf-8"), {
        "as_of": "2026-12-31", "reference_rates": rates}, preview=len(LINES))
    assert json.loads(answers[0][1])["totals"] == expected["totals"]
    plain.write_text('{"ecb_main_refinancing_rate": {"2026-H3": "2"}}', "utf-8")
    status, _, err = _cli("batch", "penalty", path, "--reference-rates", plain, "--lang", "en")
    assert status == 2 and err.startswith(
        "--reference-rates ecb_main_refinancing_rate.2026-H3: A half-year is written")
    plain.write_text("{oops", "utf-8")
    status, _, err = _cli("batch", "penalty", path, "--reference-rates", plain, "--lang", "en")
    assert status == 2 and "JSON" in err and "line 1, column 2" in err


def test_as_of_is_today_by_default_as_on_the_page(tmp_path: Path) -> None:
    path = _write(tmp_path, LINES)
    today = date.today().isoformat()
    assert _cli("batch", "penalty", path, "--json") == _cli("batch", "penalty", path, "--json",
                                                            "--as-of", today)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_utf8_with_or_without_bom_and_windows_1252_are_read(tmp_path: Path,
                                                            encoding: str) -> None:
    path = _write(tmp_path, LINES, encoding=encoding)
    status, out, _ = _cli("batch", "penalty", path, "--as-of", AS_OF, "--json")
    assert status == 0
    assert {entry["customer"] for entry in json.loads(out)["by_customer"]} == {
        "Société Générale", "Brévant", None}


def test_a_file_that_is_not_text_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(HEADER.encode() + b"\nF1;A;1;2025-01-01;\nF2;\x81\x8d;1;2025-01-01;\n")
    status, out, err = _cli("batch", "penalty", path, "--lang", "en")
    assert (status, out) == (2, "")
    assert err == (f"{path}:3: the file is not text in UTF-8 or Windows-1252: save it as CSV "
                   "UTF-8.\n")


def test_standard_input_is_read_as_bytes_and_named_in_errors() -> None:
    data = ("\n".join([HEADER, LINES[0], "F2;A;x;2025-01-01;"]) + "\n").encode("cp1252")
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    status, out, err = _cli("batch", "penalty", "-", "--as-of", AS_OF, "--lang", "en",
                            stdin=stdin)
    assert status == 2 and "Société Générale" in out
    assert err.startswith("<stdin>:3: amount: ")


def test_an_empty_file_is_an_error_on_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("\n", "utf-8")
    status, out, err = _cli("batch", "penalty", path, "--lang", "en")
    assert (status, out) == (2, "")
    assert err == (f"{path}:1: The file is empty: it needs a header line, then one line per "
                   "invoice.\n")


@pytest.mark.parametrize("args, message", [
    (("batch",), None),
    (("batch", "penalty"), None),
    (("batch", "cei", "x.csv"), None),
    (("batch", "penalty", "x.csv", "--frob"), "Unknown option: --frob."),
    (("batch", "penalty", "x.csv", "--rate"), "Option --rate needs a value."),
    (("batch", "penalty", "x.csv", "--json", "--json"), "Option --json is given twice."),
    (("batch", "dso", "x.csv", "--regime", "FR"),
     "Option --regime is for penalties only (batch penalty)."),
    (("batch", "penalty", "x.csv", "--out", "-", "--json"),
     "--out - and --json both write to standard output: choose one of them."),
    (("batch", "penalty", "x.csv", "--lang", "de"), "Langue inconnue : choisissez fr ou en."),
])
def test_usage_mistakes(args: tuple[str, ...], message: str | None) -> None:
    status, out, err = _cli(*args, "--lang=en") if "--lang" not in args else _cli(*args)
    assert (status, out) == (2, "")
    if message is not None:
        assert err.splitlines()[0] == message
    assert "python -m calculators batch penalty FILE.csv" in err or "FICHIER" in err


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    status, out, err = _cli("batch", "dso", tmp_path / "nope.csv", "--lang", "en")
    assert (status, out) == (2, "") and err.startswith(f"{tmp_path / 'nope.csv'}: cannot be read")


def test_dso_of_each_month_and_its_export(tmp_path: Path) -> None:
    path = tmp_path / "months.csv"
    path.write_text("mois;ventes;encours\n2025-11;1200;2500\n2025-09;700;900\n"
                    "2025-10;800;1500\n", "utf-8")
    status, out, err = _cli("batch", "dso", path, "--lang", "en")
    assert (status, err) == (0, "")
    assert out.splitlines()[5].split() == ["2025-11", "1,200.00", "2,500.00", "30", "62.50",
                                           "82.43"]  # example C1: countback 82.43
    assert out.splitlines()[3].split()[-2:] == ["38.57", "—"]  # 700 cannot absorb 900
    assert out.splitlines()[-1].startswith("— : history too short")
    results = tmp_path / "dso.csv"
    status, _, _ = _cli("batch", "dso", path, "--out", results)
    months = batch.dso_csv(path.read_text("utf-8"))["months"]
    assert status == 0
    assert results.read_bytes() == ("\ufeff" + batch.export_months_csv(months)).encode()
    assert "2025-11;1200,00;2500,00;30;62,50;82,43" in results.read_text("utf-8-sig")


@pytest.mark.skipif(sys.platform == "emscripten", reason="no processes inside Pyodide")
def test_batch_as_a_real_process(tmp_path: Path) -> None:
    path = _write(tmp_path, [*LINES, "F6;A;x;2025-01-01;"], encoding="cp1252")
    done = subprocess.run([sys.executable, "-m", "calculators", "batch", "penalty", str(path),
                           "--as-of", AS_OF, "--lang", "en", "--out", "-"],
                          cwd=Path(__file__).resolve().parents[2], capture_output=True,
                          check=False, timeout=60)
    assert done.returncode == 2
    assert done.stderr.decode() == f"{path}:7: amount: Enter an amount, for example 10000 or " \
                                   "10,000.50.\n"
    assert done.stdout.decode("utf-8").splitlines()[1].startswith("F1,Société Générale,")
