"""The handbook renderer: a policy in, Markdown pages out. No MkDocs here.

``render_pages(policy, lang=..., runtime=...)`` returns every generated page as
``{path: markdown}`` plus the navigation (MkDocs ``nav`` shape, titles in ``lang``). Work such as
computing worked examples happens in Python (``encours.render.context``); templates only lay
out values. After rendering, the first use of each glossary term in a chapter's prose links to
the glossary (``encours.render.glossary``), and the chapters rendered for print are put together
into the print page (``encours.render.printing``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from encours.i18n import Catalogue
from encours.render import context
from encours.render.calculator_pages import PAGED, calculator_page_context, index_page_context
from encours.render.context import glossary_entries
from encours.render.environment import make_environment
from encours.render.glossary import glossary_terms, link_terms
from encours.render.printing import PrintedChapter, print_page
from encours.render.translations import report_fallbacks


@dataclass(frozen=True)
class Runtime:
    """What calculator pages load in the browser: the Pyodide folder, the bundle's file name and
    the memory snapshot's (None: Python starts the normal way; its files are that name plus
    ``.br`` and ``.gz``) and the trimmed standard library's it was made on. ``brotli``: the
    SHA-256 of each file's ``.br`` copy, by the file's name (``encours/precompressed.py``).

    ``site_root`` leads from this handbook's root to the one that ships the Pyodide runtime:
    empty when it ships its own, ``"../"`` for a second language under ``en/`` that uses the
    first language's copy (one download, one browser cache for both).
    """

    pyodide_version: str
    bundle_name: str
    snapshot_name: str | None = None
    stdlib_name: str | None = None
    brotli: Mapping[str, str] = field(default_factory=dict)
    site_root: str = ""

    @property
    def folder(self) -> str:
        """The Pyodide folder, relative to this handbook's ``assets/`` folder."""
        shared = f"../{self.site_root}assets/" if self.site_root else ""
        return f"{shared}pyodide/{self.pyodide_version}"


ChapterContext = Callable[[Any, str, Catalogue], dict[str, Any]]


@dataclass(frozen=True)
class Chapter:
    """A generated page: where it goes, its template, its title and what it needs computed.

    ``section`` is the label of its navigation section (None: top level); ``printed`` says
    whether the print page includes it; ``linked`` whether glossary terms in it are linked.
    """

    path: str
    template: str
    title_label: str
    context: ChapterContext
    section: str | None = None
    printed: bool = True
    linked: bool = True


PROCEDURE, STEERING, PLAYBOOK, REFERENCE = (
    "nav.procedure", "nav.steering", "nav.playbook_section", "nav.reference")
CHAPTERS = (
    Chapter("index.md", "home.md.j2", "nav.home", context.home),
    Chapter("organisation.md", "organisation.md.j2", "nav.organisation", context.organisation,
            PROCEDURE),
    Chapter("terms.md", "terms.md.j2", "nav.terms", context.terms, PROCEDURE),
    Chapter("account-opening.md", "account-opening.md.j2", "nav.account_opening",
            context.account_opening, PROCEDURE),
    Chapter("credit-limits.md", "credit-limits.md.j2", "nav.credit_limits",
            context.credit_limits, PROCEDURE),
    Chapter("blocked-orders.md", "blocked-orders.md.j2", "nav.blocked_orders",
            context.blocked_orders, PROCEDURE),
    Chapter("recovery.md", "recovery.md.j2", "nav.recovery", context.recovery, PROCEDURE),
    Chapter("incentives.md", "incentives.md.j2", "nav.incentives", context.incentives, STEERING),
    Chapter("kpis.md", "kpis.md.j2", "nav.kpis", context.kpis, STEERING),
    Chapter("playbook.md", "playbook.md.j2", "nav.playbook", context.playbook, PLAYBOOK),
    Chapter("quick-reference.md", "quick-reference.md.j2", "nav.quick_reference",
            context.quick_reference, PLAYBOOK, printed=False),
    Chapter("quiz.md", "quiz.md.j2", "nav.quiz", context.self_check, PLAYBOOK, printed=False),
    Chapter("training.md", "training.md.j2", "nav.training", context.training_session, PLAYBOOK,
            printed=False, linked=False),
    Chapter("trainer.md", "trainer.md.j2", "nav.trainer", context.trainer, PLAYBOOK,
            printed=False, linked=False),
    Chapter("glossary.md", "glossary.md.j2", "nav.glossary", context.glossary, REFERENCE,
            linked=False),
)
PRINT_PAGE = "print.md"
"""The whole procedure on one page (last of the reference section), for print and PDF."""


@dataclass
class Rendered:
    pages: dict[str, str]
    nav: list[Any]
    site_name: str
    stamp: str
    warnings: list[str] = field(default_factory=list)


def chapter_pages(env: Any, policy: Any, lang: str,
                  labels: Catalogue) -> tuple[dict[str, str], list[Any]]:
    """The chapters (glossary terms linked) and the print page, and their navigation."""
    pages: dict[str, str] = {}
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    printed: list[PrintedChapter] = []
    terms = glossary_terms(glossary_entries(policy, lang))

    def linked(chapter: Chapter, markdown: str) -> str:
        return link_terms(markdown, terms) if chapter.linked else markdown

    for chapter in CHAPTERS:
        values = chapter.context(policy, lang, labels)
        template = env.get_template(chapter.template)
        pages[chapter.path] = linked(chapter, template.render(values))
        entry = {labels(chapter.title_label): chapter.path}
        if chapter.section is None:
            nav.append(entry)
        elif chapter.section in sections:
            sections[chapter.section].append(entry)
        else:
            sections[chapter.section] = [entry]
            nav.append({labels(chapter.section): sections[chapter.section]})
        if chapter.printed:
            for_print = linked(chapter, template.render(values | {"printing": True}))
            title = str(escape(labels(chapter.title_label)))
            printed.append(PrintedChapter(chapter.path, title, for_print))
    pages[PRINT_PAGE] = print_page(
        str(escape(labels("print.title"))),
        str(escape(labels("print.intro"))),
        str(escape(labels("print.contents"))),
        printed,
    )
    sections[REFERENCE].append({labels("nav.print"): PRINT_PAGE})
    return pages, nav


def calculators_section(env: Any, policy: Any, lang: str,
                        labels: Catalogue) -> tuple[dict[str, str], list[Any]]:
    """The calculators' index then one page per calculator that has one (``PAGED``), and
    their navigation."""
    each = [calculator_page_context(name, policy, lang=lang, labels=labels) for name in PAGED]
    index = index_page_context(each, policy, labels=labels)
    pages = {"calculators/index.md": env.get_template("calculators/index.md.j2").render(
        page=index)}
    nav: list[Any] = [{index.title: "calculators/index.md"}]
    template = env.get_template("calculators/calculator.md.j2")
    for page in each:
        path = f"calculators/{page.name}.md"
        pages[path] = template.render(page=page)
        nav.append({page.title: path})
    return pages, nav


def render_pages(
    policy: Any, *, lang: str, runtime: Runtime, cache_dir: Path | None = None
) -> Rendered:
    labels = Catalogue(lang)
    env = make_environment(lang, labels, currency=policy.company.currency, cache_dir=cache_dir)
    env.globals.update(policy=policy, runtime=runtime)
    pages, nav = chapter_pages(env, policy, lang, labels)
    report_fallbacks(policy, lang)

    calculator_pages, calculator_nav = calculators_section(env, policy, lang, labels)
    pages.update(calculator_pages)
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
