"""What validation reports: a `Problem` at a file and line, and the exception carrying them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error stops the build; a warning is printed and the build goes on."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the policy, where it is and what to do about it.

    `file` is the path as the policy directory was given (e.g. `policy/terms.yaml`); `line` and
    `column` are 1-based (`line` is None when the file itself is missing).
    """

    file: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR
    column: int | None = None
    code: str | None = None
    """What kind of problem, for those a caller treats apart (`rates.missing`)."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int]:
        """File, then line, then column: the order an editor shows them."""
        return (self.file, self.line or 0, self.column or 0)


class Findings:
    """Something that carries `problems`: its errors and its warnings, in order."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class PolicyInvalid(Findings, Exception):
    """The policy has at least one error. `problems` holds every error and warning, in order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = self.errors
        super().__init__(f"{len(errors)} error(s) in the policy:\n" + "\n".join(map(str, errors)))
