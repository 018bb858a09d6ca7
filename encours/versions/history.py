"""The history the Versions page tells: each release with its changes, the draft being built,
and the versions the policy records in ``document.revisions``.

Each release tag is loaded and validated like the build's own policy, and diffed against the
release before it. The version being built is either one of the releases (its files are those of
a release tag) or a draft, diffed against the release it starts from. Without git history (no
git, a tarball, a shallow clone) only the current version and ``document.revisions`` are shown,
and a note says why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from encours import formatting
from encours.i18n import Catalogue
from encours.policy import Policy, Text
from encours.policy.model.document import Revision

from .describe import Describer
from .diff import Change, diff_policies
from .git import Repository
from .releases import Provenance, Release, previous_release, provenance, releases, tag_name
from .snapshot import Snapshot, at_revision

DRAFT_ANCHOR = "draft"


def anchor(name: str) -> str:
    """A page anchor for a tag or version: ``policy-v2026.2`` → ``policy-v2026-2``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "version"


@dataclass
class Entry:
    """One version on the Versions page.

    ``changes`` are from ``previous`` (the version before); None when they are unknown: the
    first release, a version before it that fails validation (``previous_invalid``), or no git
    history. ``errors`` are this version's own validation errors, if it fails.
    """

    version: str
    anchor: str
    date: dt.date | None = None
    tag: str | None = None
    commit: str | None = None
    summary: Text | None = None
    approvals: list[str] = field(default_factory=list)
    changes: list[Change] | None = None
    previous: str | None = None
    previous_invalid: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def rule_changes(self) -> list[Change]:
        """The changes to the rules: without what every release changes (version, approvals)."""
        return [change for change in self.changes or [] if not change.routine]


@dataclass
class History:
    """What the Versions page, the home-page box and the chapter markers show."""

    provenance: Provenance
    current: Entry
    """The version being built: a release, the draft, or (without history) the policy's own."""
    releases: list[Entry] = field(default_factory=list)
    """Newest first."""
    recorded: list[Entry] = field(default_factory=list)
    """Versions in ``document.revisions`` without a release in git, newest first."""
    notes: list[str] = field(default_factory=list)

    @property
    def draft(self) -> Entry | None:
        return self.current if self.current.anchor == DRAFT_ANCHOR else None

    @property
    def has_history(self) -> bool:
        return self.provenance.history == "full"


def build_history(policy_dir: Path, policy: Policy, lang: str) -> History:
    """The history of the policy in ``policy_dir``, whose working-tree version is ``policy``."""
    labels = Catalogue(lang)
    origin, repo = provenance(policy_dir)
    if repo is None or origin.history != "full":
        reason = origin.reason if origin.history == "none" else "shallow"
        note = labels(f"versions.note.{'no_git' if reason == 'no_repository' else reason}")
        current = _own_entry(policy, labels, origin)
        recorded = _recorded(policy, {current.version}, labels)
        return History(origin, current, [], recorded, [note])

    notes: list[str] = []
    tagged = releases(repo)
    snapshots = {release.tag: at_revision(repo, release.tag, lang) for release in tagged}
    entries: dict[str, Entry] = {}
    before: tuple[Release, Snapshot] | None = None
    for release in tagged:
        snapshot = snapshots[release.tag]
        entries[release.tag] = _release_entry(release, snapshot, before, policy, labels)
        if snapshot.version is not None and snapshot.version != release.version:
            notes.append(labels("versions.note.tag_mismatch", tag=release.tag,
                                version=snapshot.version, expected=tag_name(snapshot.version)))
        before = (release, snapshot)

    if origin.release is not None and not origin.dirty:
        current = entries[origin.release.tag]
    else:
        current = _draft_entry(repo, policy, origin, snapshots, labels, notes)
    shown = {entry.version for entry in entries.values()} | {current.version}
    ordered = list(reversed(entries.values()))
    return History(origin, current, ordered, _recorded(policy, shown, labels), notes)


def _release_entry(release: Release, snapshot: Snapshot, before: tuple[Release, Snapshot] | None,
                   current: Policy, labels: Catalogue) -> Entry:
    policy = snapshot.policy
    entry = Entry(version=release.version, anchor=anchor(release.tag), date=release.date,
                  tag=release.tag, commit=release.commit.short)
    if policy is None:
        entry.errors = [str(problem) for problem in snapshot.errors]
        return entry
    entry.version = policy.document.version
    revision = _revision(policy, entry.version) or _revision(current, entry.version)
    if revision is not None:
        entry.date, entry.summary = revision.date, revision.summary
    entry.approvals = _approvals(policy, labels)
    if before is not None:
        earlier, previous = before
        entry.previous = previous.version or earlier.version
        if previous.policy is None:
            entry.previous_invalid = True
        else:
            entry.changes = diff_policies(previous.policy, policy, labels.lang)
    return entry


def _draft_entry(repo: Repository, policy: Policy, origin: Provenance,
                 snapshots: dict[str, Snapshot], labels: Catalogue, notes: list[str]) -> Entry:
    """The version being built when it is not a release, with its changes since the last one."""
    entry = _own_entry(policy, labels, origin)
    entry.anchor = DRAFT_ANCHOR
    base = previous_release(repo, "HEAD")
    if base is not None:
        snapshot = snapshots[base.tag]
        entry.previous = snapshot.version or base.version
    else:
        first = repo.first_policy_commit()
        if first is None:
            return entry
        snapshot = at_revision(repo, first.sha, labels.lang)
        entry.previous = first.short
        notes.append(labels("versions.note.no_release", commit=first.short))
    if snapshot.policy is None:
        entry.previous_invalid = True
    else:
        entry.changes = diff_policies(snapshot.policy, policy, labels.lang)
    return entry


def _own_entry(policy: Policy, labels: Catalogue, origin: Provenance) -> Entry:
    """The version being built, as the policy itself describes it."""
    document = policy.document
    revision = _revision(policy, document.version)
    return Entry(
        version=document.version,
        anchor=anchor(tag_name(document.version)),
        date=revision.date if revision else document.effective_date,
        commit=origin.short_commit,
        summary=revision.summary if revision else None,
        approvals=_approvals(policy, labels),
    )


def _recorded(policy: Policy, shown: set[str], labels: Catalogue) -> list[Entry]:
    return [Entry(version=revision.version, anchor=anchor(tag_name(revision.version)),
                  date=revision.date, summary=revision.summary)
            for revision in policy.document.revisions if revision.version not in shown]


def _revision(policy: Policy, version: str) -> Revision | None:
    return next((r for r in policy.document.revisions if r.version == version), None)


def _approvals(policy: Policy, labels: Catalogue) -> list[str]:
    describer = Describer(policy, labels)
    return [labels("versions.page.approval", name=approval.name,
                   role=describer.reference("role", approval.role),
                   date=formatting.format_long_date(approval.date, labels.lang))
            for approval in policy.document.approvers]
