"""The pre-commit hook this repository provides (`.pre-commit-hooks.yaml`), run by the real
`pre-commit` against a scratch company repository that holds only its `policy/` folder.

pre-commit installs Encours with `pip install` of the repository into a fresh virtual
environment of its own: this proves the package installs with the dependencies pyproject.toml
declares, and that the `encours` command works outside this repository, with no path set-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.install


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                          check=True, env={**os.environ, "GIT_AUTHOR_NAME": "Test",
                                           "GIT_AUTHOR_EMAIL": "t@example.org",
                                           "GIT_COMMITTER_NAME": "Test",
                                           "GIT_COMMITTER_EMAIL": "t@example.org"})
    return done.stdout.strip()


def encours_repository(target: Path) -> str:
    """This repository's files as they are now (tracked and new), committed in ``target``:
    what a company's `.pre-commit-config.yaml` points at. Returns the commit."""
    listed = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith("tests/"):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Encours")
    return git(target, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A company's policy repository using the hook, with pre-commit's cache beside it."""
    base = tmp_path_factory.mktemp("precommit")
    (base / "encours").mkdir()
    rev = encours_repository(base / "encours")
    company = base / "company"
    shutil.copytree(ROOT / "policy", company / "policy")
    (company / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {base / 'encours'}\n    rev: {rev}\n"
        "    hooks:\n      - id: encours-validate\n", encoding="utf-8")
    git(company, "init", "-q")
    git(company, "add", "-A")
    return company


def run_hook(company: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(company.parent / "pre-commit-home")}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=company, capture_output=True, text=True, check=False, env=env,
    )


def test_the_hook_installs_encours_and_passes_a_valid_policy(company: Path) -> None:
    done = run_hook(company)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validate the credit policy (Encours)" in done.stdout
    assert "Passed" in done.stdout


def test_the_hook_refuses_an_invalid_policy_with_file_and_line(company: Path) -> None:
    terms = company / "policy" / "terms.yaml"
    text = terms.read_text(encoding="utf-8")
    assert text.count("dispute_window_days: 15") == 1
    terms.write_text(text.replace("dispute_window_days: 15", "dispute_window_days: dix"),
                     encoding="utf-8")
    line = text.splitlines().index(
        next(row for row in text.splitlines() if "dispute_window_days: 15" in row)) + 1
    try:
        done = run_hook(company)
    finally:
        terms.write_text(text, encoding="utf-8")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert f"policy/terms.yaml:{line}:" in done.stdout
