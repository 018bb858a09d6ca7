"""The handbook renderer: a policy in, Markdown pages out. No MkDocs here.

``render_pages(policy, lang=..., runtime=...)`` returns every generated page as
``{path: markdown}`` plus the navigation (MkDocs ``nav`` shape, titles in ``lang``). Work such as
computing worked examples happens in Python (``encours.render.context``); templates only lay
out values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from encours.i18n import Catalogue
from encours.render import context
from encours.render.calculator_pages import CALCULATOR_PAGES, calculator_page_context
from encours.render.environment import make_environment


@dataclass(frozen=True)
class Runtime:
    """What calculator pages load in the browser: the Pyodide folder and the bundle's file name."""

    pyodide_version: str
    bundle_name: str


ChapterContext = Callable[[Any, str, Catalogue], dict[str, Any]]


@dataclass(frozen=True)
class Chapter:
    """A generated page: where it goes, its template, its title and what it needs computed."""

    path: str
    template: str
    title_label: str
    context: ChapterContext


CHAPTERS = (
    Chapter("index.md", "home.md.j2", "nav.home", context.home),
    Chapter("terms.md", "terms.md.j2", "nav.terms", context.terms),
)


@dataclass
class Rendered:
    pages: dict[str, str]
    nav: list[Any]
    site_name: str
    stamp: str
    warnings: list[str] = field(default_factory=list)


def render_pages(policy: Any, *, lang: str, runtime: Runtime) -> Rendered:
    labels = Catalogue(lang)
    env = make_environment(lang, labels, currency=policy.company.currency)
    env.globals.update(policy=policy, runtime=runtime)
    pages: dict[str, str] = {}
    nav: list[Any] = []
    for chapter in CHAPTERS:
        values = chapter.context(policy, lang, labels)
        pages[chapter.path] = env.get_template(chapter.template).render(values)
        nav.append({labels(chapter.title_label): chapter.path})

    calculator_nav = []
    for name in CALCULATOR_PAGES:
        path = f"calculators/{name}.md"
        context = calculator_page_context(name, policy, lang=lang, labels=labels)
        pages[path] = env.get_template("calculators/calculator.md.j2").render(page=context)
        calculator_nav.append({context.title: path})
    nav.append({labels("nav.calculators"): calculator_nav})

    document = policy.document
    stamp = labels(
        "stamp",
        version=document.version,
        date=env.filters["long_date"](document.effective_date),
    )
    warnings = [
        f"label {key!r} has no {lang} translation: French is shown"
        for key in sorted(labels.missing)
    ]
    return Rendered(
        pages=pages,
        nav=nav,
        site_name=env.filters["t"](document.title),
        stamp=stamp,
        warnings=warnings,
    )
