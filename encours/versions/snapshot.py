"""One version of the policy: the working tree, or the policy folder at a git revision.

A revision is read by extracting its policy files into a temporary folder named ``policy`` and
running the very same validation as the build, so its problems read exactly as they would in a
checkout of that revision (``policy/terms.yaml:12: ...``).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from encours.i18n import Catalogue
from encours.policy import Policy, Problem, Validation, validate_policy

from .git import Commit, GitError, Repository

WORKTREE = "WORKTREE"
"""The revision name of the working tree (the files as they are on disk)."""


@dataclass(frozen=True)
class Snapshot:
    """A version of the policy and what validation found in it."""

    label: str
    """How it is named to people: the revision as given (``policy-v2026.2``, ``a1b2c3d``)."""
    commit: Commit | None
    """None for the working tree."""
    validation: Validation

    @property
    def policy(self) -> Policy | None:
        return self.validation.policy

    @property
    def errors(self) -> list[Problem]:
        return self.validation.errors

    @property
    def version(self) -> str | None:
        return self.policy.document.version if self.policy is not None else None


def worktree(policy_dir: Path, lang: str, validation: Validation | None = None) -> Snapshot:
    """The policy as it is on disk (``validation``: an already made validation of it)."""
    return Snapshot(Catalogue(lang)("versions.worktree"), None,
                    validation or validate_policy(policy_dir, lang))


def at_revision(repo: Repository, rev: str, lang: str) -> Snapshot:
    """The policy folder as committed at ``rev``; an unknown revision raises GitError."""
    labels = Catalogue(lang)
    commit = repo.commit(rev)
    if commit is None:
        raise GitError(labels("versions.unknown_revision", rev=rev))
    with tempfile.TemporaryDirectory(prefix="encours-policy-") as temporary:
        folder = Path(temporary) / "policy"
        try:
            repo.extract_policy(commit.sha, folder)
        except GitError:
            problem = Problem(f"{repo.policy}/", None, labels(
                "versions.no_policy_at", folder=repo.policy, rev=rev))
            return Snapshot(rev, commit, Validation([problem], []))
        return Snapshot(rev, commit, validate_policy(folder, lang))
