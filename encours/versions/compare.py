"""Compare two versions of the policy named by git revisions (or the working tree).

``compare(policy_dir, source, target)`` loads both through the same validation as the build and
diffs them when both are valid. By default ``source`` is the latest release in the history of
HEAD (the version being changed) — or, before any release, the commit that first added the
policy, which a note says — and ``target`` is the working tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from encours.i18n import Catalogue

from .diff import Change, diff_policies
from .git import GitError, Repository
from .releases import previous_release
from .snapshot import WORKTREE, Snapshot, at_revision, worktree


@dataclass
class Comparison:
    """Two versions of the policy and the changes from the first to the second."""

    old: Snapshot
    new: Snapshot
    changes: list[Change]
    lang: str
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.old.policy is not None and self.new.policy is not None


def compare(policy_dir: Path, source: str | None = None, target: str | None = None,
            lang: str = "fr") -> Comparison:
    """The changes from ``source`` to ``target`` (git revisions; ``WORKTREE``: the files on disk).

    Raises GitError (with a message for people) when git cannot tell: no repository, an unknown
    revision, a policy never committed.
    """
    labels = Catalogue(lang)
    try:
        repo = Repository.find(policy_dir)
    except GitError as exc:
        raise GitError(labels("versions.cli.no_repository", folder=policy_dir.as_posix(),
                              detail=exc)) from None
    notes = []
    if source is None:
        release = previous_release(repo, "HEAD")
        if release is not None:
            source = release.tag
        else:
            first = repo.first_policy_commit()
            if first is None:
                raise GitError(labels("versions.note.not_committed"))
            source = first.short
            notes.append(labels("versions.note.no_release", commit=first.short))
    old = at_revision(repo, source, lang)
    if target is None or target == WORKTREE:
        new = worktree(policy_dir, lang)
    else:
        new = at_revision(repo, target, lang)
    changes = []
    if old.policy is not None and new.policy is not None:
        changes = diff_policies(old.policy, new.policy, lang)
    return Comparison(old, new, changes, lang, notes)
