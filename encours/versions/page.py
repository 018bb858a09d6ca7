"""The versions in the handbook: the Versions page, the "what changes" box on the home page, the
"modified in version N" marker of each changed chapter, the navigation entries and the stamp.

The box and the markers are put into the generated Markdown after each page's title, so the
chapter templates need not know about versions. Which page shows which rules is the table
``RULE_PAGES`` (policy path prefix → pages); a page that does not exist is skipped.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from encours.i18n import Catalogue
from encours.render.environment import make_environment

from .diff import Change
from .history import History
from .releases import Provenance
from .report import by_chapter, markdown_text

VERSIONS_PAGE = "versions.md"
PUBLISHING_PAGE = "publishing.md"
HOME_PAGE = "index.md"
BOX_CHANGES = 8
"""The home-page box lists this many changes at most; the Versions page has them all."""

RULE_PAGES: dict[str, tuple[str, ...]] = {
    "document": ("index.md",),
    "company": ("index.md",),
    "company.financing_rate": ("calculators/discount.md",),
    "company.net_margin_rate": ("calculators/unpaid.md",),
    "roles": ("organisation.md",),
    "raci": ("organisation.md",),
    "terms": ("terms.md",),
    "terms.late_penalties": ("calculators/penalty.md",),
    "terms.recovery_indemnity": ("calculators/penalty.md",),
    "terms.early_payment_discount": ("calculators/discount.md",),
    "account_opening": ("account-opening.md",),
    "credit_limits": ("credit-limits.md",),
    "blocked_orders": ("blocked-orders.md",),
    "recovery": ("recovery.md",),
    "incentives": ("incentives.md",),
    "kpis": ("kpis.md",),
    "training": ("playbook.md",),
    "glossary": ("glossary.md",),
    "rates": ("calculators/penalty.md",),
}
"""The pages where the rules under each policy path are shown."""


def changed_pages(changes: Iterable[Change], pages: Iterable[str]) -> list[str]:
    """The existing pages that show a rule among ``changes`` (routine changes left out)."""
    existing = set(pages)
    found: set[str] = set()
    for change in changes:
        if change.routine:
            continue
        for prefix, targets in RULE_PAGES.items():
            if change.path == prefix or change.path.startswith(prefix + "."):
                found.update(page for page in targets if page in existing)
    return sorted(found)


def link(page: str, target: str) -> str:
    """The relative link from ``page`` to ``target`` (``calculators/x.md`` → ``../versions.md``)."""
    path, _, fragment = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(page) or ".")
    return relative + (f"#{fragment}" if fragment else "")


def insert_after_title(markdown: str, block: str) -> str:
    """``block`` after the page's first ``# `` title (after its front matter if it has none)."""
    lines = markdown.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        start = end + 1 if end is not None else 0
    title = next((i for i in range(start, len(lines)) if lines[i].startswith("# ")), start - 1)
    return "\n".join([*lines[: title + 1], "", block, "", *lines[title + 1:]])


def _indented(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def home_box(history: History, labels: Catalogue) -> str | None:
    """A Material admonition: the version's summary and its first changes, with a link."""
    entry = history.current
    changes = entry.rule_changes
    if not changes and entry.summary is None:
        return None
    if history.draft is not None:
        title = labels("versions.box.draft", version=entry.version,
                       base=entry.previous or entry.version)
    else:
        title = labels("versions.box.release", version=entry.version)
    body = []
    if entry.summary is not None:
        body += [str(escape(entry.summary.get(labels.lang))), ""]
    for chapter, shown in by_chapter(changes[:BOX_CHANGES]):
        body.append(f"- **{markdown_text(labels(f'versions.chapter.{chapter}'))}**")
        body += [f"    - {markdown_text(change.sentence)}" for change in shown]
    if len(changes) > BOX_CHANGES:
        more = labels("versions.box.more", count=len(changes) - BOX_CHANGES)
        body.append(f"- {markdown_text(more)}")
    if changes:
        body.append("")
    target = link(HOME_PAGE, f"{VERSIONS_PAGE}#{entry.anchor}")
    body.append(f"[{markdown_text(labels('versions.box.link'))}]({target})")
    return f'!!! abstract "{escape(title)}"\n' + _indented("\n".join(body))


def marker(history: History, labels: Catalogue, page: str) -> str:
    """``[Modifié dans la version 2026.2](versions.md#policy-v2026-2){ .encours-modified }``."""
    entry = history.current
    if history.draft is not None:
        text = labels("versions.marker.draft", base=entry.previous or entry.version)
    else:
        text = labels("versions.marker.release", version=entry.version)
    target = link(page, f"{VERSIONS_PAGE}#{entry.anchor}")
    return f"[{markdown_text(text)}]({target}){{ .encours-modified }}"


def annotate(pages: dict[str, str], history: History, labels: Catalogue) -> dict[str, str]:
    """The pages with the home-page box and the markers of the chapters that changed (the home
    page has the box instead of a marker)."""
    result = dict(pages)
    for page in changed_pages(history.current.changes or [], result):
        if page != HOME_PAGE:
            result[page] = insert_after_title(result[page], marker(history, labels, page))
    box = home_box(history, labels)
    if box is not None and HOME_PAGE in result:
        result[HOME_PAGE] = insert_after_title(result[HOME_PAGE], box)
    return result


def with_versions_nav(nav: list[Any], labels: Catalogue) -> list[Any]:
    """The navigation with Versions and Publishing, before the calculators section (or last)."""
    entries = [{labels("versions.nav"): VERSIONS_PAGE},
               {labels("versions.nav_publishing"): PUBLISHING_PAGE}]
    position = next((i for i, entry in enumerate(nav) if _is_calculators(entry)), len(nav))
    return [*nav[:position], *entries, *nav[position:]]


def _is_calculators(entry: Any) -> bool:
    return isinstance(entry, dict) and any(
        isinstance(value, list) and any(
            isinstance(child, dict) and any(str(path).startswith("calculators/")
                                            for path in child.values())
            for child in value)
        for value in entry.values())


def provenance_text(origin: Provenance, labels: Catalogue) -> str:
    """Where the build comes from, in one sentence (the draft banner's explanation)."""
    if origin.history == "none":
        return labels("versions.banner.unknown")
    if origin.dirty:
        return labels("versions.banner.dirty")
    if origin.release is None:
        return labels("versions.banner.unreleased", commit=origin.short_commit)
    return labels("versions.page.built_release", version=origin.release.version,
                  tag=origin.release.tag, commit=origin.short_commit)


def stamp(base: str, origin: Provenance, labels: Catalogue) -> dict[str, Any]:
    """What every page shows (``config.extra.encours``): version, date, commit, draft marking.

    ``base`` is the renderer's "Version 2026.2 — en vigueur le 1er septembre 2026".
    """
    parts = [base]
    if origin.short_commit:
        parts.append(labels("versions.stamp.commit", commit=origin.short_commit))
    if origin.dirty:
        parts.append(labels("versions.stamp.uncommitted"))
    text = " — ".join(parts)
    if origin.draft:
        text = f"{labels('versions.stamp.draft')} — {text}"
    return {
        "commit": origin.short_commit,
        "draft": origin.draft,
        "release": origin.release.tag if origin.release else None,
        "stamp": text,
        "banner": labels("versions.banner.title") if origin.draft else None,
        "banner_detail": provenance_text(origin, labels) if origin.draft else None,
    }


def versions_page(
    history: History, labels: Catalogue, currency: str, cache_dir: Path | None = None
) -> str:
    """The Markdown of the Versions page."""
    env = make_environment(labels.lang, labels, currency, cache_dir)
    env.filters["md"] = lambda value: Markup(markdown_text(str(value)))
    env.globals["by_chapter"] = by_chapter
    return env.get_template("versions.md.j2").render(
        history=history, provenance=provenance_text(history.provenance, labels))
