"""Every page of the built site, opened in Chromium: nothing leaves the origin, only calculator
pages load Pyodide (and they do), pages with diagrams load Mermaid from the site, and no page
logs an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY

pytestmark = pytest.mark.browser

CALCULATOR_ONLY = ("/assets/pyodide/", "/assets/calculators/")  # in every language's assets
CALCULATOR_FORM = re.compile(r"<form\b[^>]*\bdata-calculator=")
LOCAL_SCHEMES = {"data", "blob", "about"}  # never leave the browser


@dataclass
class Visit:
    path: str
    calculator: bool
    diagrams: bool
    requests: list[str]
    errors: list[str]
    calculator_workers: list[str]


def page_html(built_site: Path, path: str) -> str:
    html = built_site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    return html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def visits(browser, watch, site_url: str, site_pages: list[str], built_site: Path) -> list[Visit]:
    """Open every page in a fresh context and record everything until it has settled: the
    network is idle, and on a calculator page Python is ready."""
    result = []
    for path in site_pages:
        context = browser.new_context(base_url=site_url)
        page = context.new_page()
        recorder = watch(page)
        html = page_html(built_site, path)
        calculator = CALCULATOR_FORM.search(html) is not None
        page.goto(path, wait_until="networkidle")
        if calculator:
            page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
            page.wait_for_load_state("networkidle")
        result.append(
            Visit(path, calculator, 'class="mermaid"' in html, list(recorder.requests),
                  list(recorder.errors), recorder.calculator_workers())
        )
        context.close()
    return result


def test_the_walk_covers_handbook_and_calculator_pages(visits: list[Visit]) -> None:
    assert "/" in [visit.path for visit in visits if not visit.calculator]
    assert "/calculators/penalty/" in [visit.path for visit in visits if visit.calculator]


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


def test_calculator_page_loads_pyodide_and_the_bundle(visits: list[Visit]) -> None:
    for visit in (visit for visit in visits if visit.calculator):
        paths = [urlsplit(url).path for url in visit.requests]
        assert any(path.endswith("/pyodide.asm.wasm") for path in paths), (visit.path, paths)
        assert any("/assets/calculators/" in path for path in paths), (visit.path, paths)
        assert len(visit.calculator_workers) == 1, visit.path


def test_diagram_pages_load_mermaid_from_the_site(visits: list[Visit], site_url: str) -> None:
    for visit in (visit for visit in visits if visit.diagrams):
        mermaid = [url for url in visit.requests if urlsplit(url).path.endswith("/mermaid.min.js")]
        assert mermaid, f"{visit.path} has a diagram but loads no Mermaid"
        assert all(url.startswith(f"{site_url}/") for url in mermaid), mermaid


def test_no_page_logs_an_error(visits: list[Visit]) -> None:
    errors = {visit.path: visit.errors for visit in visits if visit.errors}
    assert not errors, errors
