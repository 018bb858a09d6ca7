"""A writable copy of the example policy, edited case by case to build broken policies."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from encours.policy import validate_policy
from encours.policy.checks.rates import RATES_MISSING

EXAMPLE = Path(__file__).resolve().parents[2] / "policy"


@dataclass
class PolicyCopy:
    """The example policy copied to `root/policy`; the working directory is `root`, so files are
    named `policy/terms.yaml` in messages, as in the repository."""

    root: Path

    @property
    def folder(self) -> Path:
        return Path("policy")

    def text(self, name: str) -> str:
        return (self.root / "policy" / name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        (self.root / "policy" / name).write_text(text, encoding="utf-8")

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace `old`, which must occur exactly once, by `new` in policy/`name`."""
        text = self.text(name)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        self.write(name, text.replace(old, new))

    def remove(self, name: str) -> None:
        (self.root / "policy" / name).unlink()

    def line_of(self, name: str, needle: str) -> int:
        """1-based line where `needle` (unique in the file) starts, found by plain text search."""
        text = self.text(name)
        assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times in {name}"
        return text[: text.index(needle)].count("\n") + 1

    def at(self, name: str, needle: str) -> str:
        """`policy/NAME:LINE` of `needle`, the prefix of a problem reported there."""
        return f"policy/{name}:{self.line_of(name, needle)}"

    def errors(self, lang: str = "fr") -> list[str]:
        return [str(p) for p in validate_policy(self.folder, lang).errors]

    def warnings(self, lang: str = "fr") -> list[str]:
        """The warnings, except the missing current rates (the example's 2026-H2 rates are not
        in our reference data): `rate_warnings` gives those."""
        return [str(p) for p in validate_policy(self.folder, lang).warnings
                if p.code != RATES_MISSING]

    def rate_warnings(self, today: dt.date, lang: str = "fr") -> list[str]:
        """The missing-current-rate warnings, with `today` as the date of the check."""
        return [str(p) for p in validate_policy(self.folder, lang, today).warnings
                if p.code == RATES_MISSING]


@pytest.fixture
def policy_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PolicyCopy:
    shutil.copytree(EXAMPLE, tmp_path / "policy")
    monkeypatch.chdir(tmp_path)
    return PolicyCopy(tmp_path)
