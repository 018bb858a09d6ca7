"""The copies of shared/reference kept in the repository still match the originals.

``reference_examples.json`` and the tables of ``calculators/rates.py`` are copies of
``shared/reference/examples.yaml`` and ``rates.yaml``, kept in ``../shared/reference`` beside the
repository (beside its main checkout for a git worktree). Where PyYAML is available (not inside
Pyodide), check that neither copy has drifted; under CI, which has ``shared/`` beside the clone,
its absence is a failure, elsewhere a skip.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

import pytest
from calc_support import EXAMPLES

from calculators.rates import TABLES

REPOSITORY = Path(__file__).resolve().parents[2]


def _reference() -> Path:
    """``../shared/reference`` from the repository, or from its main checkout when this one is a
    git worktree (whose ``.git`` file names the main one's ``.git/worktrees/NAME``)."""
    candidates = [REPOSITORY.parent / "shared" / "reference"]
    dot_git = REPOSITORY / ".git"
    if dot_git.is_file():
        gitdir = Path(dot_git.read_text("utf-8").partition("gitdir:")[2].strip())
        if gitdir.parent.name == "worktrees":
            candidates.append(gitdir.parents[2].parent / "shared" / "reference")
    return next((folder for folder in candidates if folder.is_dir()), candidates[0])


REFERENCE = _reference()


def _load(name: str) -> Any:
    """A file of shared/reference, or skip (each test, so both still count as collected)."""
    try:
        import yaml
    except ImportError:
        pytest.skip("PyYAML is not available (e.g. inside Pyodide)")
    if not (REFERENCE / name).is_file():
        missing = f"no shared reference file at {REFERENCE / name}"
        if os.environ.get("CI"):  # CI puts shared/ beside the clone: its absence is a bug
            pytest.fail(missing)
        pytest.skip(missing)
    return yaml.safe_load((REFERENCE / name).read_text("utf-8"))


def _plain(value: Any) -> Any:
    """YAML data as JSON would hold it (dates as ISO strings)."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat()
                                 if isinstance(v, datetime.date) else str(v)))


def test_examples_copy_matches_yaml() -> None:
    original = _plain(_load("examples.yaml"))
    copy = {key: value for key, value in EXAMPLES.items() if key != "_about"}
    assert copy == original


def test_rate_tables_match_yaml() -> None:
    original = _load("rates.yaml")
    for name, table in TABLES.items():
        source = original[name]
        # Readers are shown the official publisher; where the figures were found stays on record.
        assert table.found_in == source["source"], name
        if name == "ecb_main_refinancing_rate":
            assert dict(table.values) == source["in_force_on_reference_dates"]
            assert [(day, rate) for day, rate in table.changes] == [
                (change["from"].isoformat(), change["rate"]) for change in source["changes"]]
        elif name == "france_legal_interest_rate":
            assert {half: list(pair) for half, pair in table.all_columns.items()} == \
                source["values"]
            assert table.columns == tuple(source["columns"])
            assert dict(table.values) == {half: pair[1] for half, pair in source["values"].items()}
        else:
            assert dict(table.values) == source["values"]
        assert table.as_of == str(original["as_of"])
