"""Policy texts shown in French on a page of another language, because they have no translation.

A company may well write its policy in French only: the English handbook then shows those
texts in French, which is expected, not an error. So the build says it once, in a summary line
(how many texts, and the first few paths), logged at INFO level: MkDocs' strict mode counts
warnings, and a French fallback must not fail an English build. The logger is a child of
MkDocs' own (``mkdocs.encours``) so that a MkDocs build prints it; this module does not import
MkDocs.
"""

from __future__ import annotations

import logging
from typing import Any

from encours.policy.loader import untranslated
from encours.policy.paths import item_name

log = logging.getLogger("mkdocs.encours")
SHOWN_IN_SUMMARY = 5


def dotted(path: tuple[Any, ...], policy: Any) -> str:
    """``("roles", 0, "mission")`` → ``roles.sales_rep.mission`` (items named by their id)."""
    node: Any = policy
    parts = []
    for segment in path:
        if isinstance(segment, int):
            node = node[segment]
            name = item_name(node)
            parts.append(name if name else str(segment + 1))
        else:
            node = node[segment] if isinstance(node, dict) else getattr(node, segment)
            parts.append(str(segment))
    return ".".join(parts)


def summary(paths: list[str], lang: str) -> str | None:
    """One line: how many texts fall back to French, and the first few of them."""
    if not paths:
        return None
    first = ", ".join(paths[:SHOWN_IN_SUMMARY])
    more = f", … (+{len(paths) - SHOWN_IN_SUMMARY})" if len(paths) > SHOWN_IN_SUMMARY else ""
    return (f"{len(paths)} policy texts have no {lang!r} translation and are shown in French: "
            f"{first}{more}")


def report_fallbacks(policy: Any, lang: str) -> str | None:
    """Log the summary of French fallbacks for a ``lang`` build (INFO); returns it."""
    line = summary([dotted(path, policy) for path in untranslated(policy, lang)], lang)
    if line:
        log.info(line)
    return line
