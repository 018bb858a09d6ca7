"""`python -m encours validate`, `schema` and `policy-json`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from encours.cli import main
from encours.policy.schema import schema_text
from tests.policy.conftest import EXAMPLE, PolicyCopy

REPO = EXAMPLE.parent


def apart_from_rates(out: str) -> tuple[list[str], int]:
    """The lines of `out` but the missing-current-rate warnings, and how many of those there
    were: the example has no 2026-H2 rate (not in our reference data, and never invented), and
    the CLI checks against the real date (tests/policy/test_policy_rates.py fixes it)."""
    lines = out.splitlines()
    rates = [line for line in lines
             if line.startswith("policy/rates.yaml:") and "(rates.owner)" in line]
    return [line for line in lines if line not in rates], len(rates)


def test_validate_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--policy", str(EXAMPLE)]) == 0
    lines, rates = apart_from_rates(capsys.readouterr().out)
    assert lines == [f"Politique valide : 14 fichiers lus, {rates} avertissement(s)."]


def test_validate_prints_every_error_and_fails(policy_copy: PolicyCopy,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    policy_copy.edit("incentives.yaml", "      weight: 25", "      weight: 30")
    policy_copy.edit("terms.yaml", "    invoice_mention: Pas d'escompte pour paiement anticipé.\n",
                     "")
    assert main(["validate", "--lang", "en"]) == 1
    lines, rates = apart_from_rates(capsys.readouterr().out)
    assert lines == [
        f"{policy_copy.at('incentives.yaml', 'criteria:')}: incentives.criteria: the weights add "
        "up to 105 %, they must add up to 100 %",
        f"{policy_copy.at('terms.yaml', 'early_payment_discount:')}: warning: "
        "terms.early_payment_discount: no discount mention (invoice_mention) — invoices state "
        'the early-payment discount terms, or "No discount for early payment" (French '
        "Commercial Code, art. L441-9 I)",
        f"Policy is invalid: 1 error(s), {1 + rates} warning(s).",
    ]


def test_validate_warnings_alone_pass(policy_copy: PolicyCopy,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    policy_copy.edit("terms.yaml", "    invoice_mention: Pas d'escompte pour paiement anticipé.\n",
                     "")
    assert main(["validate"]) == 0
    out, rates = apart_from_rates(capsys.readouterr().out)
    assert out[0].startswith(f"{policy_copy.at('terms.yaml', 'early_payment_discount:')}: "
                             "avertissement : terms.early_payment_discount : mention")
    assert out[1] == f"Politique valide : 14 fichiers lus, {1 + rates} avertissement(s)."


def test_validate_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["validate", "--policy", str(missing)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{missing.as_posix()}: dossier de la politique introuvable")


def test_schema_writes_the_file(policy_copy: PolicyCopy) -> None:
    (policy_copy.root / "policy" / "policy.schema.json").unlink()
    assert main(["schema"]) == 0
    assert (policy_copy.root / "policy" / "policy.schema.json").read_text() == schema_text()


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "validate" in capsys.readouterr().err


def test_python_dash_m_encours_runs_from_the_repository() -> None:
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-m", "encours", "validate"], cwd=REPO, env=env,
                          capture_output=True, text=True, check=False)
    lines, rates = apart_from_rates(done.stdout)
    assert (done.returncode, lines, done.stderr) == (
        0, [f"Politique valide : 14 fichiers lus, {rates} avertissement(s)."], "")


def test_policy_json_writes_what_the_built_handbook_ships(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    import json

    from calculators import run
    from encours.handbook import policy_json
    from encours.policy import load_policy

    out = tmp_path / "policy.json"
    assert main(["policy-json", "--policy", str(EXAMPLE), "--out", str(out)]) == 0
    document = json.loads(out.read_text("utf-8"))
    assert document == json.loads(json.dumps(policy_json(load_policy(EXAMPLE).policy)))
    result = run("limit", {"score": 75, "equity": "420000", "insurer_cover": "50000",
                           "monthly_purchases": "18000", "term_days": 45}, document)
    assert result["limit"] == "36000.00"


def test_policy_json_of_an_invalid_policy_fails_with_every_error(
        policy_copy: PolicyCopy, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy_copy.edit("incentives.yaml", "      weight: 25", "      weight: 30")
    out = tmp_path / "policy.json"
    assert main(["policy-json", "--out", str(out)]) == 1
    assert "incentives.criteria" in capsys.readouterr().err
    assert not out.exists()
