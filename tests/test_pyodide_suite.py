"""The calculators' test suite passes inside Pyodide too (Node.js), test for test.

Runs ``tests/pyodide/run_tests.mjs`` (pytest inside Pyodide on ``tests/calculators``) and
checks: exit status 0, no failure, every test that CPython collects either passed there or was
skipped for a known reason (no PyYAML, no subprocesses), so that no test silently disappears.
What CPython collects is what this run collected (``tests.support.collection``), or, when this
run did not collect ``tests/calculators`` (this file run alone), a ``pytest --collect-only``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.collection import CALCULATOR_TESTS

ROOT = Path(__file__).resolve().parents[1]
WHEELS = ROOT / ".cache" / "pyodide-wheels"
RUNNER = ROOT / "tests" / "pyodide" / "run_tests.mjs"
KNOWN_SKIPS = ("PyYAML is not available", "no processes inside Pyodide")
FETCH = ("pip download --no-deps --only-binary=:all: --platform any --python-version 3.14 "
         "-d .cache/pyodide-wheels -r requirements-pyodide.txt")


def _counts(output: str) -> dict[str, int]:
    """Counts of pytest's closing line, e.g. ``== 288 passed, 2 skipped in 13.10s ==``."""
    closing = [line for line in output.splitlines() if re.match(r"=+ .* in [0-9.]+s", line)]
    assert closing, output[-3000:]
    return {word: int(number) for number, word in
            re.findall(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)", closing[-1])}


def _collected_by_cpython(session: pytest.Session) -> int:
    collected = session.stash.get(CALCULATOR_TESTS, [])
    if collected:
        return len(collected)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "tests/calculators"], cwd=ROOT, capture_output=True, text=True, check=False,
        timeout=300)
    found = re.search(r"(\d+) tests? collected", done.stdout)
    assert found, done.stdout[-3000:] + done.stderr[-3000:]
    return int(found[1])


@pytest.mark.pyodide
def test_calculator_suite_passes_inside_pyodide(request: pytest.FixtureRequest) -> None:
    if not WHEELS.is_dir():
        if os.environ.get("CI"):  # `make test` always fetches them: in CI their absence is a bug
            pytest.fail(f"{WHEELS} is absent: {FETCH}")
        pytest.skip(f"{WHEELS} is absent (the Makefile creates it): {FETCH}")
    node = shutil.which("node")
    assert node, "Node.js is needed to run the tests inside Pyodide"
    done = subprocess.run([node, str(RUNNER)], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", check=False, timeout=900)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    counts = _counts(done.stdout)
    assert counts.get("passed", 0) > 0
    assert not counts.get("failed") and not counts.get("error") and not counts.get("errors")
    reasons = re.findall(r"SKIPPED \[\d+\] \S+: (.*)", done.stdout)
    assert len(reasons) <= counts.get("skipped", 0)
    unexpected = [reason for reason in reasons if not reason.startswith(KNOWN_SKIPS)]
    assert not unexpected, unexpected
    assert counts["passed"] + counts.get("skipped", 0) == _collected_by_cpython(request.session)
