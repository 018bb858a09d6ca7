"""Released versions (git tags ``policy-v<version>``) and where the policy being built comes from.

A release is a tag named ``policy-v`` followed by the policy's version, e.g. ``policy-v2026.2``
for ``document.version: "2026.2"``. Releases are ordered by the date of the commit they tag
(then by version, for two tags of commits made the same second).

The policy being built is *released* when its folder has no uncommitted change and its files are
exactly those of a release tag (the tag is on HEAD, or on an earlier commit with the same policy
files: a later commit that changes only templates or code does not make it a draft). Anything
else is a *draft*, and so is a build whose provenance cannot be checked (no git, no history).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .git import Commit, GitError, Repository

TAG_PREFIX = "policy-v"
TAG_PATTERN = f"{TAG_PREFIX}*"


def tag_name(version: str) -> str:
    """``2026.2`` → ``policy-v2026.2``, the tag that releases that version."""
    return f"{TAG_PREFIX}{version}"


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of versions: ``2026.10`` after ``2026.9``."""
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in re.split(r"[.\-_]", version))


@dataclass(frozen=True)
class Release:
    """One release tag: its name, the version it names and the commit it tags."""

    tag: str
    commit: Commit

    @property
    def version(self) -> str:
        return self.tag[len(TAG_PREFIX):]

    @property
    def date(self) -> dt.date:
        return dt.datetime.fromisoformat(self.commit.date).date()


def releases(repo: Repository) -> list[Release]:
    """Every release tag of the repository, oldest first."""
    found = []
    for name, sha, when in repo.tags(TAG_PATTERN):
        commit = repo.commit(sha)
        if commit is not None and len(name) > len(TAG_PREFIX):
            found.append((when, version_key(name[len(TAG_PREFIX):]), Release(name, commit)))
    found.sort(key=lambda entry: entry[:2])
    return [release for _, _, release in found]


@dataclass(frozen=True)
class Provenance:
    """Where the policy being built comes from, as the stamp and the Versions page tell it.

    ``history`` is ``"full"`` (a git checkout with its history), ``"shallow"`` (a clone without
    the history: release tags of other commits are missing) or ``"none"`` (no git: a tarball, or
    git missing; ``reason`` says which).
    """

    history: str
    commit: Commit | None = None
    """The last commit that changed the policy folder."""
    dirty: bool = False
    """The policy folder has changes not committed."""
    release: Release | None = None
    """The release whose policy files are exactly those being built."""
    reason: str | None = None

    @property
    def draft(self) -> bool:
        return self.dirty or self.release is None

    @property
    def short_commit(self) -> str | None:
        return self.commit.short if self.commit else None


def provenance(policy_dir: Path) -> tuple[Provenance, Repository | None]:
    """The provenance of ``policy_dir`` and its repository (None when git cannot tell)."""
    try:
        repo = Repository.find(policy_dir)
        commit = repo.last_policy_commit()
        if commit is None:
            return Provenance("none", reason="not_committed"), None
        shallow = repo.is_shallow()
        dirty = repo.is_dirty()
        release = None if dirty else released_as(repo, "HEAD")
        return Provenance("shallow" if shallow else "full", commit, dirty, release), repo
    except GitError as exc:
        reason = "no_git" if "not installed" in str(exc) else "no_repository"
        return Provenance("none", reason=reason), None


def released_as(repo: Repository, rev: str) -> Release | None:
    """The latest release whose policy files are those of ``rev`` (the tag on ``rev`` first)."""
    tree = repo.policy_tree(rev)
    if tree is None:
        return None
    head = repo.commit(rev)
    candidates = releases(repo)
    on_rev = [r for r in candidates if head is not None and r.commit.sha == head.sha]
    for release in [*reversed(on_rev), *reversed(candidates)]:
        if repo.policy_tree(release.commit.sha) == tree:
            return release
    return None


def previous_release(repo: Repository, rev: str = "HEAD", *, before: Release | None = None
                     ) -> Release | None:
    """The release a change is measured from.

    With ``before``: the release just before it. Otherwise the latest release in the history of
    ``rev`` (the one a branch started from).
    """
    candidates = releases(repo)
    if before is not None:
        index = next((i for i, r in enumerate(candidates) if r.tag == before.tag), 0)
        return candidates[index - 1] if index > 0 else None
    for release in reversed(candidates):
        if repo.is_ancestor(release.commit.sha, rev):
            return release
    return None
