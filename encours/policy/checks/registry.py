"""How checks are declared and run: each names the chapters it reads, and runs when they are valid.

A chapter with a type error is left out of the typed policy; the checks that read it are skipped
(they would only repeat the type error), and every other check still runs, so one run reports
everything that can be known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..messages import message
from ..model import chapter_file
from ..paths import display_path
from ..problems import Problem, Severity
from ..source import LineIndex, PathKey


@dataclass
class Context:
    """What a check reads (the typed policy, the plain data, the lines) and where it reports."""

    policy: Any
    valid: frozenset[str]
    data: dict[str, Any]
    index: LineIndex
    base: str
    lang: str = "fr"
    problems: list[Problem] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)
    """The date checks that depend on it (current rates) take as today; tests pass their own."""
    stopped: bool = False
    """Whether reading the files already found an error (the build will stop): a check that only
    matters for a policy that builds (computing the training cases) may skip."""

    def has(self, *chapters: str) -> bool:
        """Whether all these chapters validated (so `policy.<chapter>` can be read)."""
        return set(chapters) <= self.valid

    def path(self, path: PathKey) -> str:
        """How a path is shown in messages: `recovery.dunning_steps.formal_notice.day`."""
        return display_path(path, self.data)

    def where(self, path: PathKey, *, value: bool = False) -> tuple[str, int | None]:
        """The file and line of a key (or of its value), or of its closest ancestor."""
        location = self.index.nearest(path)
        if location is None:
            return f"{self.base}/{chapter_file(str(path[0]))}", None
        return location.file, location.value_line if value else location.line

    def report(self, severity: Severity, path: PathKey, key: str, *, at_value: bool = False,
               line: int | None = None, code: str | None = None, **params: Any) -> None:
        file, found = self.where(path, value=at_value)
        params.setdefault("path", self.path(path))
        text = message(key, self.lang, **params)
        self.problems.append(Problem(file, line or found, text, severity, code=code))

    def error(self, path: PathKey, key: str, **params: Any) -> None:
        self.report(Severity.ERROR, path, key, **params)

    def warning(self, path: PathKey, key: str, *, code: str | None = None,
                **params: Any) -> None:
        self.report(Severity.WARNING, path, key, code=code, **params)


Check = Callable[[Context], None]
CHECKS: list[tuple[frozenset[str], Check]] = []


def check(*chapters: str) -> Callable[[Check], Check]:
    """Register a check that reads `chapters` (none: it looks at what is valid itself)."""

    def register(function: Check) -> Check:
        CHECKS.append((frozenset(chapters), function))
        return function

    return register


def run_checks(context: Context) -> list[Problem]:
    """Run every check whose chapters are valid; return what they reported."""
    for chapters, function in CHECKS:
        if chapters <= context.valid:
            function(context)
    return context.problems
