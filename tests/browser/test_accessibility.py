"""Every generated page of the built handbook, French and English, passes axe-core in Chromium
with no serious or critical violation, once its diagrams are drawn (and, on a quiz page, once
the quizzes have been checked, so that their feedback is tested too). Hand-written pages (``docs/``)
are their authors' to check.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.harness import ROOT
from tools.site_pages import wait_until_drawn

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}


def hand_written(path: str) -> bool:
    """Whether the page at ``path`` (``/en/publishing/``) comes from a file under ``docs/``."""
    name = path.strip("/").removeprefix("en").strip("/") or "index"
    return (ROOT / "docs" / f"{name}.md").exists() or (ROOT / "docs" / name / "index.md").exists()


def describe(violation: dict) -> str:
    targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def test_every_page_passes_axe(browser, site_url: str, site_pages: list[str], axe: Axe) -> None:
    assert "/" in site_pages and "/en/" in site_pages, site_pages
    problems = {}
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    try:
        for path in (path for path in site_pages if not hand_written(path)):
            page.goto(path)
            wait_until_drawn(page)
            results = [axe.run(page)]
            if page.locator("form[data-quiz]").count():
                # Checked quizzes show their feedback: checked again, on their own (clicking
                # scrolls the page, and the theme's header fades out while axe would read it).
                for button in page.locator("form[data-quiz] button[type=submit]").all():
                    button.click()
                results.append(axe.run(page, context="form[data-quiz]"))
            found = [
                describe(violation)
                for result in results
                for violation in result.response["violations"]
                if violation["impact"] in BLOCKING
            ]
            if found:
                problems[path] = found
    finally:
        context.close()
    assert not problems, problems
