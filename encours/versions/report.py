"""A comparison of two policy versions as plain text (terminal), Markdown (a merge request
comment, a page) or JSON (tools).

All three say the same: which versions, the notes, the changes grouped by chapter in the order
of the policy, and for a version that fails validation, its errors.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from markupsafe import escape

from encours.i18n import Catalogue
from encours.policy import Policy

from .compare import Comparison
from .diff import Change
from .snapshot import Snapshot

_MARKDOWN_SPECIALS = str.maketrans({char: "\\" + char for char in "\\`*_[]"})


def markdown_text(text: str) -> str:
    """Policy text made safe in Markdown: HTML escaped, emphasis and link characters quoted."""
    return str(escape(text)).translate(_MARKDOWN_SPECIALS)


def by_chapter(changes: Iterable[Change]) -> list[tuple[str, list[Change]]]:
    """Changes grouped by chapter, chapters in the order of the policy."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.chapter, []).append(change)
    order = list(Policy.model_fields)
    return sorted(groups.items(), key=lambda group: order.index(group[0]))


def rules(changes: Iterable[Change]) -> list[Change]:
    """The changes that alter a rule (or its wording in every language)."""
    return [change for change in changes if change.language is None]


def wording(changes: Iterable[Change]) -> list[Change]:
    """The changes of one language's text only: the rule itself is the same."""
    return [change for change in changes if change.language is not None]


def describe(snapshot: Snapshot, labels: Catalogue) -> str:
    """``policy-v2026.1 (version 2026.1, commit 1a2b3c4)``."""
    version = snapshot.version or "?"
    if snapshot.commit is None or snapshot.label == snapshot.commit.short:
        return labels("versions.cli.worktree", label=snapshot.label, version=version)
    return labels("versions.cli.revision", label=snapshot.label, version=version,
                  commit=snapshot.commit.short)


def header(comparison: Comparison, labels: Catalogue) -> str:
    return labels("versions.cli.header", old=describe(comparison.old, labels),
                  new=describe(comparison.new, labels))


def count(n: int, labels: Catalogue) -> str:
    return labels(f"versions.cli.count_{'one' if n == 1 else 'other'}", n=n)


def invalid_sides(comparison: Comparison, labels: Catalogue) -> list[tuple[str, list[str]]]:
    """Each version that fails validation: a heading sentence and its errors."""
    sides = []
    for snapshot in (comparison.old, comparison.new):
        if snapshot.policy is None:
            n = len(snapshot.errors)
            title = labels(f"versions.cli.invalid_{'one' if n == 1 else 'other'}",
                           label=describe(snapshot, labels), count=n)
            sides.append((title, [str(problem) for problem in snapshot.errors]))
    return sides


def as_text(comparison: Comparison) -> str:
    labels = Catalogue(comparison.lang)
    lines = [header(comparison, labels)]
    lines += [labels("versions.cli.note", text=note) for note in comparison.notes]
    for title, errors in invalid_sides(comparison, labels):
        lines += ["", title, *(f"  {error}" for error in errors)]
    if comparison.valid:
        for chapter, changes in by_chapter(rules(comparison.changes)):
            lines += ["", labels(f"versions.chapter.{chapter}")]
            lines += [f"  - {change.sentence}" for change in changes]
        if wording(comparison.changes):
            lines += ["", labels("versions.cli.wording")]
            lines += [f"  - {change.sentence}" for change in wording(comparison.changes)]
        lines += ["", count(len(comparison.changes), labels) if comparison.changes
                  else labels("versions.page.no_changes")]
    return "\n".join(lines) + "\n"


def as_markdown(comparison: Comparison) -> str:
    labels = Catalogue(comparison.lang)
    lines = [f"## {markdown_text(header(comparison, labels))}"]
    for note in comparison.notes:
        lines += ["", f"> {markdown_text(labels('versions.cli.note', text=note))}"]
    for title, errors in invalid_sides(comparison, labels):
        lines += ["", f"**{markdown_text(title)}**", "", "```", *errors, "```"]
    if comparison.valid:
        for chapter, changes in by_chapter(rules(comparison.changes)):
            lines += ["", f"### {markdown_text(labels(f'versions.chapter.{chapter}'))}", ""]
            lines += [f"- {markdown_text(change.sentence)}" for change in changes]
        if wording(comparison.changes):
            lines += ["", f"### {markdown_text(labels('versions.cli.wording'))}", ""]
            lines += [f"- {markdown_text(change.sentence)}"
                      for change in wording(comparison.changes)]
        lines += ["", count(len(comparison.changes), labels) if comparison.changes
                  else labels("versions.page.no_changes")]
    return "\n".join(lines) + "\n"


def as_data(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON-ready data (see ``as_json``)."""
    labels = Catalogue(comparison.lang)

    def side(snapshot: Snapshot) -> dict[str, Any]:
        return {
            "label": snapshot.label,
            "commit": snapshot.commit.short if snapshot.commit else None,
            "version": snapshot.version,
            "valid": snapshot.policy is not None,
            "errors": [{"file": p.file, "line": p.line, "message": p.message}
                       for p in snapshot.errors],
        }

    return {
        "lang": comparison.lang,
        "from": side(comparison.old),
        "to": side(comparison.new),
        "valid": comparison.valid,
        "notes": comparison.notes,
        "count": len(comparison.changes),
        "chapters": [
            {"chapter": chapter, "title": labels(f"versions.chapter.{chapter}"),
             "changes": [change.as_dict() for change in changes]}
            for chapter, changes in by_chapter(comparison.changes)
        ],
    }


def as_json(comparison: Comparison) -> str:
    """``{"from": {label, commit, version, valid, errors}, "to": {…}, "valid", "notes", "count",
    "chapters": [{"chapter", "title", "changes": [{chapter, kind, path, rule, before, after,
    sentence, routine, language}]}]}``: ``language`` is set on a change of that language's text
    only."""
    return json.dumps(as_data(comparison), ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
