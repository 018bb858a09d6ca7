"""One walk of the whole built site, French and English (one language at a time, each in one
browser context whose tabs go from page to page), every page recorded from its first request
until it has settled (network idle, diagrams drawn, Python ready on a calculator page):

- nothing leaves the origin; only calculator pages load Pyodide (and they do, from the memory
  snapshot, with one worker); pages with diagrams load Mermaid from the site; no page logs an
  error;
- every generated page, and every calculator page, passes axe-core with no serious or critical
  violation (a quiz page once more with its quizzes checked, so that their feedback is tested
  too). Other hand-written pages (``docs/``) are their authors' to check;
- no page breaks its Content-Security-Policy (an init script records every
  ``securitypolicyviolation`` event): Python starts under it, the diagrams are drawn under it,
  and on each language's home page search is opened and finds a word under it.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.support.browser import FIRST_LANGUAGE, open_context
from tests.support.calculator_page import Recorder
from tests.support.harness import ROOT
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY
from tools.site_pages import wait_until_drawn

pytestmark = pytest.mark.browser

CALCULATOR_ONLY = ("/assets/pyodide/", "/assets/calculators/")  # in every language's assets
CALCULATOR_FORM = re.compile(r"<form\b[^>]*\bdata-calculator=")
LOCAL_SCHEMES = {"data", "blob", "about"}  # never leave the browser
BLOCKING = {"serious", "critical"}
# Before any script of the page: every violation of its Content-Security-Policy, as text.
CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "?"}`
    + ` (${event.sourceFile || location.pathname}:${event.lineNumber})`);
});
"""
# The walk goes one language at a time (two units of work, which pytest-xdist can give to its two
# workers): French at the root, English under /en/. Search is opened once on each home page.
HOMES = {"fr": "/", "en": "/en/"}
SEARCHED = {"/": "pénalités", "/en/": "penalties"}
SEARCH_RESULTS = "() => document.querySelectorAll('.md-search-result__item').length > 0"
# Pages loading at once: the next ones load while one is checked (ENCOURS_WALK_IN_FLIGHT=1: one
# page at a time, as before; compare the two on an idle machine).
IN_FLIGHT = int(os.environ.get("ENCOURS_WALK_IN_FLIGHT", "3"))


@dataclass
class Visit:
    path: str
    calculator: bool
    diagrams: bool
    requests: list[str]
    errors: list[str]
    calculator_workers: list[str]
    csp_violations: list[str] = field(default_factory=list)
    searched: bool = False  # search was opened and listed results
    python_from: str | None = None  # on a calculator page: "snapshot", or "start" (no snapshot)
    axe: list[str] | None = field(default=None)  # blocking violations; None: not checked


def page_html(built_site: Path, path: str) -> str:
    html = built_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    return html.read_text(encoding="utf-8")


def hand_written(path: str) -> bool:
    """Whether the page at ``path`` (``/en/publishing/``) comes from a file under ``docs/``."""
    name = path.strip("/").removeprefix("en").strip("/") or "index"
    return (ROOT / "docs" / f"{name}.md").exists() or (ROOT / "docs" / name / "index.md").exists()


def checked_by_axe(path: str, calculator: bool) -> bool:
    """Generated pages, calculator pages and the calculators' index page."""
    return not hand_written(path) or calculator or "/calculators/" in path


def describe(violation: dict) -> str:
    targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}"


def blocking(results: list) -> list[str]:
    return [describe(violation) for result in results
            for violation in result.response["violations"] if violation["impact"] in BLOCKING]


@dataclass
class Tab:
    """A tab of the walk, reused from page to page, and what its current page did."""

    page: Page
    recorder: Recorder


@dataclass
class Opening:
    """A page whose load has started in ``tab``, recorded from its first request."""

    path: str
    calculator: bool
    diagrams: bool
    tab: Tab


TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def start(tab: Tab, built_site: Path, path: str) -> Opening:
    """Open ``path`` in ``tab`` and return as soon as the navigation is committed."""
    tab.recorder.clear()
    html = page_html(built_site, path)
    tab.page.goto(path, wait_until="commit")
    return Opening(path, CALCULATOR_FORM.search(html) is not None, 'class="mermaid"' in html,
                   tab)


def settle(opening: Opening, axe: Axe) -> Visit:
    """Wait until the page has settled (the network idle, the diagrams drawn, on a calculator page
    Python ready), record what it did, run axe-core on it."""
    page, recorder, path = opening.tab.page, opening.tab.recorder, opening.path
    page.bring_to_front()  # Chromium slows down the animation frames of a page behind
    page.wait_for_load_state("networkidle")
    if opening.calculator:
        page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
    wait_until_drawn(page)  # network idle again, diagrams drawn, fonts loaded
    # Material sizes its sidebars in an animation frame, which a page loaded behind another does
    # not get until it is in front: until then a sidebar is 0 px high, "scrollable", and axe
    # reports it (scrollable-region-focusable, seen on /en/404.html, whose sidebar is empty).
    page.evaluate(TWO_FRAMES)
    visit = Visit(path, opening.calculator, opening.diagrams, list(recorder.requests),
                  list(recorder.errors), recorder.calculator_workers())
    if opening.calculator:
        visit.python_from = page.evaluate("() => window.encoursCalculators.bootFrom")
    if checked_by_axe(path, opening.calculator):
        results = [axe.run(page)]
        if page.locator("form[data-quiz]").count():
            # Checked quizzes show their feedback: checked again, on their own (clicking
            # scrolls the page, and the theme's header fades out while axe would read it).
            for button in page.locator("form[data-quiz] button[type=submit]").all():
                button.click()
            results.append(axe.run(page, context="form[data-quiz]"))
        visit.axe = blocking(results)
    if path in SEARCHED:  # after axe, which is not to read the search overlay
        page.keyboard.press("/")  # Material's shortcut: the search box takes the focus
        page.keyboard.type(SEARCHED[path])
        page.wait_for_function(SEARCH_RESULTS, timeout=BOOT_TIMEOUT_MS)
        visit.searched = True
    visit.csp_violations = page.evaluate("() => window.__cspViolations")
    return visit


def language_of(path: str) -> str:
    """The language of the page at ``path``: ``en`` under ``/en/``, else the first language."""
    return next((lang for lang, home in HOMES.items() if home != "/" and path.startswith(home)),
                FIRST_LANGUAGE)


@pytest.fixture(scope="module", params=sorted(HOMES))
def lang(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def visits(browser: Browser, site_url: str, site_pages: list[str], built_site: Path,
           lang: str) -> Iterator[list[Visit]]:
    """Open every page of ``lang`` and record everything until it has settled: the network is
    idle, the diagrams are drawn, and on a calculator page Python is ready; then run axe-core
    on it.

    The pages are opened in one browser context, as one reader would, in ``IN_FLIGHT`` tabs
    reused from page to page (a new tab, or a new context, costs the machine about three times
    as much as a page opened in a tab already there): while one page is settled and checked,
    the next ones are loading, each recorded from its first request until it is checked, never
    less. What an earlier page loaded comes from the browser's cache and is recorded all the
    same."""
    pages = [path for path in site_pages if language_of(path) == lang]
    context = open_context(browser, site_url)
    context.add_init_script(CSP_VIOLATIONS)
    tabs: deque[Tab] = deque()
    for _ in range(IN_FLIGHT):
        page = context.new_page()
        tabs.append(Tab(page, Recorder().watch(page)))
    axe = Axe()
    result = []
    waiting = iter(pages)
    loading: deque[Opening] = deque()
    for path in islice(waiting, IN_FLIGHT):
        loading.append(start(tabs.popleft(), built_site, path))
    while loading:
        opening = loading.popleft()
        result.append(settle(opening, axe))
        tabs.append(opening.tab)
        for path in islice(waiting, 1):
            loading.append(start(tabs.popleft(), built_site, path))
    assert [visit.path for visit in result] == pages
    yield result
    context.close()


def test_the_walk_covers_handbook_and_calculator_pages(visits: list[Visit], lang: str,
                                                       site_pages: list[str]) -> None:
    home = HOMES[lang]
    assert home in [visit.path for visit in visits if not visit.calculator]
    assert f"{home}calculators/penalty/" in [visit.path for visit in visits if visit.calculator]
    # Each language's walk has its pages (every page is in exactly one of them).
    assert {language_of(path) for path in site_pages} == set(HOMES)


def test_no_request_leaves_the_origin(visits: list[Visit], site_url: str) -> None:
    origin = urlsplit(site_url)
    outside = {
        (visit.path, url)
        for visit in visits
        for url in visit.requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES
        and urlsplit(url)[:2] != origin[:2]
    }
    assert not outside, sorted(outside)


def test_handbook_pages_load_no_pyodide(visits: list[Visit], site_url: str) -> None:
    handbook = [visit for visit in visits if not visit.calculator]
    assert handbook
    fetched = {
        (visit.path, url)
        for visit in handbook
        for url in visit.requests
        if any(folder in urlsplit(url).path for folder in CALCULATOR_ONLY)
    }
    assert not fetched, sorted(fetched)
    assert not [visit.path for visit in handbook if visit.calculator_workers]


def test_calculator_page_loads_pyodide_and_the_calculators(visits: list[Visit]) -> None:
    # Python starts from the build's memory snapshot, the calculators inside it. The first
    # calculator page fetches the WebAssembly and the snapshot compressed (pyodide.asm.wasm.br,
    # snapshot-….pack.br); its worker keeps them (encours-bytes.mjs: the WebAssembly in Cache
    # Storage, the snapshot unpacked in the origin private file system), where the next pages
    # find them: the raw 9.6 MB file is never fetched, nor the calculators' bundle.
    calculator_pages = [visit for visit in visits if visit.calculator]
    assert calculator_pages
    for visit in calculator_pages:
        paths = [urlsplit(url).path for url in visit.requests]
        assert visit.python_from == "snapshot", visit.path
        assert any(path.endswith("/pyodide.asm.mjs") for path in paths), (visit.path, paths)
        assert not any(path.endswith("/pyodide.asm.wasm") or "/assets/calculators/" in path
                       for path in paths), (visit.path, paths)
        assert len(visit.calculator_workers) == 1, visit.path
    first = [urlsplit(url).path for url in calculator_pages[0].requests]
    assert any(path.endswith("/pyodide.asm.wasm.br") for path in first), first
    assert any(path.endswith(".pack.br") for path in first), first


def test_diagram_pages_load_mermaid_from_the_site(visits: list[Visit], site_url: str) -> None:
    for visit in (visit for visit in visits if visit.diagrams):
        mermaid = [url for url in visit.requests if urlsplit(url).path.endswith("/mermaid.min.js")]
        assert mermaid, f"{visit.path} has a diagram but loads no Mermaid"
        assert all(url.startswith(f"{site_url}/") for url in mermaid), mermaid


def test_no_page_logs_an_error(visits: list[Visit]) -> None:
    errors = {visit.path: visit.errors for visit in visits if visit.errors}
    assert not errors, errors


def test_no_page_breaks_its_content_security_policy(visits: list[Visit], lang: str) -> None:
    assert {visit.path for visit in visits if visit.searched} == {HOMES[lang]}
    assert any(visit.diagrams for visit in visits)
    violations = {visit.path: visit.csp_violations for visit in visits if visit.csp_violations}
    assert not violations, violations


def test_every_generated_and_calculator_page_passes_axe(visits: list[Visit], lang: str) -> None:
    checked = [visit for visit in visits if visit.axe is not None]
    assert f"{HOMES[lang]}calculators/" in {visit.path for visit in checked}
    assert {v.path for v in visits if v.calculator} <= {v.path for v in checked}
    problems = {visit.path: visit.axe for visit in checked if visit.axe}
    assert not problems, problems
