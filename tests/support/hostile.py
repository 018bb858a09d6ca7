"""A policy that says hostile things: HTML, Mermaid directives, Jinja syntax, in the texts that
reach the pages, the diagrams and the letters. Shared by the renderer's tests
(``tests/render/test_chapters.py``) and the strict build of such a policy
(``tests/render/test_chapters_site.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.harness import build, mini_project

HOSTILE = '<script>alert(1)</script> "x"]; click n1 %%{init: {}}%% {{ 7*7 }} {% if 1 %}y{% endif %}'


def make_hostile(chapters: dict[str, Any], text: str = HOSTILE) -> None:
    """Put ``text`` (:data:`HOSTILE`) into ``chapters`` (the policy files' data, by file
    stem), in every language the texts are written in."""
    def both() -> dict[str, str]:  # a new mapping each time: YAML would write a shared one
        return {"fr": text, "en": text}  # as an alias, which the loader refuses

    chapters["account_opening"]["account_opening"]["steps"][0]["name"] = both()
    chapters["blocked_orders"]["blocked_orders"]["causes"][0]["name"] = both()
    chapters["recovery"]["recovery"]["dunning_steps"][0]["name"] = both()
    chapters["glossary"]["glossary"][0]["definition"] = both()
    chapters["training"]["training"]["questions"][0]["question"] = both()
    chapters["training"]["training"]["scenarios"][0]["say"][0] = both()
    chapters["roles"]["roles"][0]["mission"] = both()
    letter = chapters["recovery"]["recovery"]["letter_templates"][0]
    letter["body"] = {lang: body + "\n" + text + "\n" for lang, body in letter["body"].items()}


# What validation lets through into the theme: a title that breaks out of an attribute, a
# version that is an SVG tag (the theme must print both as text).
TITLE = 'Procédure & "crédit" onmouseover="alert(1)" x="'
VERSION = "<svg onload=alert(2)>"


def hostile_title_site(folder: Path) -> Path:
    """A strict French build, in ``folder``, of the example policy with :data:`TITLE` and
    :data:`VERSION`; returns the built site."""
    project = mini_project(folder / "project")
    document = project / "policy" / "document.yaml"
    text = document.read_text(encoding="utf-8")
    text = text.replace("    fr: Procédure de gestion du crédit clients", f"    fr: '{TITLE}'", 1)
    text = text.replace('"2026.2"', f'"{VERSION}"')  # the version and its revision
    document.write_text(text, encoding="utf-8")
    done = build(project / "site", root=project)
    assert done.returncode == 0, done.output
    return project / "site"
