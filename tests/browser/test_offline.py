"""Offline reading and repeat visits through the site's service worker (``encours-sw.js``):

- a handbook page installs the worker, which caches that language's whole handbook (every
  page listed in the worker, also those never opened) and no byte of the Python runtime; the
  browser then serves pages from that copy itself (the worker's static routes); with the
  network cut, pages open (diagrams drawn) from that copy;
- a calculator page, opened first (its Python started before the worker was in control), hands
  the runtime files it loaded to the worker; with the network cut, the page computes with
  Python, and so does it after a handbook page was the first one opened;
- after a change to the policy and a rebuild, an open page shows the "newer version" banner
  (from the message catalogue), its button loads the new build, and the banner goes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

from encours.i18n import Catalogue
from encours.offline import SERVICE_WORKER
from tests.browser.test_site_walk import CSP_VIOLATIONS
from tests.support.calculator_page import Calculator, Recorder
from tests.support.harness import build, mini_project
from tools.chromium import until
from tools.serve import serve
from tools.site_pages import wait_until_drawn

pytestmark = pytest.mark.browser

RUNTIME = ("/assets/pyodide/", "/assets/calculators/")
WAIT_S = 90
# The page is controlled by an activated worker: its install (the handbook's copy) is complete.
IN_CONTROL = """
async () => {
  if (!navigator.serviceWorker.controller) return false;
  const registration = await navigator.serviceWorker.getRegistration();
  return registration?.active?.state === "activated";
}
"""
CACHED = """
async (prefix) => {
  const urls = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(prefix)) continue;
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}
"""


def manifest(site: Path) -> dict[str, Any]:
    text = (site / SERVICE_WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"self\.ENCOURS_OFFLINE = (.*);\n", text).group(1))


def runtime_cached(page: Page) -> list[str]:
    return until(page, CACHED, "encours-sw-runtime-",
                 check=lambda urls: any("/pyodide.asm.wasm" in url for url in urls))


def compute_offline(context: BrowserContext, policy_json: dict[str, Any]) -> Calculator:
    """The penalty page opened with the network cut: Python starts and computes a new input."""
    page = context.new_page()
    recorder = Recorder().watch(page)
    calculator = Calculator(page, policy_json.get("reference_rates") or {})
    calculator.open()
    calculator.wait_ready()
    calculator.set("amount", "7654.32")
    calculator.assert_shows(calculator.cpython())
    assert page.evaluate("() => window.encoursCalculators.ready") is True
    assert recorder.errors == [], recorder.errors
    return calculator


def open_offline(context: BrowserContext, path: str) -> Page:
    page = context.new_page()
    page.goto(path, wait_until="load")
    wait_until_drawn(page)
    return page


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    context = new_context()
    context.add_init_script(CSP_VIOLATIONS)
    return context


def test_a_handbook_page_caches_the_handbook_and_no_runtime_then_reads_offline(
    context: BrowserContext, built_site: Path, site_url: str, policy_json: dict[str, Any],
) -> None:
    everything: list[str] = []  # the pages' requests and the worker's own
    context.on("request", lambda request: everything.append(request.url))
    page = context.new_page()
    page.goto("/account-opening/", wait_until="load")
    until(page, IN_CONTROL)
    listed = manifest(built_site)["languages"][""]
    cached = until(page, CACHED, "encours-sw-pages-",
                   check=lambda urls: len(urls) >= len(listed))
    assert sorted(cached) == sorted(f"{site_url}/{path}" for path in listed)
    # The English handbook when one of its pages opens (its sitemap now: the language switch).
    assert [url for url in cached if "/en/" in url] == [f"{site_url}/en/sitemap.xml"]
    assert not [url for url in everything if any(folder in url for folder in RUNTIME)]
    assert page.evaluate("() => window.__cspViolations") == []
    # Then served by the browser from that copy, without running the worker's script (its
    # static routes).
    page.goto("/glossary/", wait_until="load")
    sources = page.evaluate("""() => performance.getEntriesByType("resource")
      .filter((entry) => entry.name.includes("/assets/stylesheets/"))
      .map((entry) => entry.workerFinalSourceType)""")
    assert sources and set(sources) == {"cache"}, sources

    # Then a calculator page, in control from the start: the runtime goes through the worker.
    page.goto("/calculators/penalty/")
    page.wait_for_function("() => window.encoursCalculators?.ready === true", timeout=90_000)
    runtime_cached(page)
    context.set_offline(True)
    compute_offline(context, policy_json)
    # A page never opened, from the copy; diagrams drawn with the cached Mermaid.
    glossary = open_offline(context, "/glossary/")
    assert glossary.locator("h1").count() == 1
    diagrams = open_offline(context, "/recovery/")
    assert diagrams.locator("div.mermaid").count() > 0
    assert diagrams.evaluate("() => window.__cspViolations") == []


def test_a_calculator_page_opened_first_works_offline_afterwards(
    context: BrowserContext, site_url: str, policy_json: dict[str, Any],
) -> None:
    page = context.new_page()
    calculator = Calculator(page, policy_json.get("reference_rates") or {})
    calculator.open()
    calculator.wait_ready()
    loaded = page.evaluate("() => window.encoursCalculators.loaded")
    assert any("/pyodide.asm.wasm" in url for url in loaded), loaded  # or its .gz
    until(page, IN_CONTROL)
    # Every runtime file the worker loaded, under the URL it loaded it from.
    runtime = {url for url in loaded if any(folder in url for folder in RUNTIME)}
    assert len(runtime) >= 4, loaded  # Pyodide's files and the calculators bundle at least
    until(page, CACHED, "encours-sw-runtime-", check=lambda urls: runtime <= set(urls))
    context.set_offline(True)
    offline = compute_offline(context, policy_json)
    assert offline.page.url.startswith(f"{site_url}/calculators/penalty/")
    home = open_offline(context, "/")
    assert home.locator("[data-encours-stamp]").count() == 1
    assert home.locator("[data-encours-update]").is_hidden()


@pytest.fixture
def rebuilt_site(tmp_path: Path) -> Iterator[tuple[Path, Path, str]]:
    """A French-only copy of the project, built and served (the same address across builds)."""
    project = mini_project(tmp_path / "project")
    site = tmp_path / "site"
    with serve(site) as url:
        done = build(site, root=project, site_url=f"{url}/")
        assert done.returncode == 0, done.output
        yield project, site, url


def test_after_a_policy_change_and_a_rebuild_the_reader_is_told(
    new_context: Callable[..., BrowserContext], rebuilt_site: tuple[Path, Path, str],
    tmp_path: Path,
) -> None:
    project, site, url = rebuilt_site
    before = json.loads((site / "assets" / "policy.json").read_text(encoding="utf-8"))
    context = new_context(url)
    page = context.new_page()
    page.goto("/terms/", wait_until="load")
    until(page, IN_CONTROL)
    banner = page.locator("[data-encours-update]")
    assert banner.is_hidden()

    company = project / "policy" / "company.yaml"
    text = company.read_text(encoding="utf-8")
    assert "net_margin_rate: 3.5 " in text
    company.write_text(text.replace("net_margin_rate: 3.5 ", "net_margin_rate: 4.5 "),
                       encoding="utf-8")
    done = build(site, root=project, site_url=f"{url}/")
    assert done.returncode == 0, done.output
    after = json.loads((site / "assets" / "policy.json").read_text(encoding="utf-8"))
    assert after["content_hash"] != before["content_hash"]

    # The reader goes on reading: the next page (from the copy, the old build) says so.
    page.goto("/", wait_until="load")
    banner.wait_for(state="visible", timeout=WAIT_S * 1000)
    labels = Catalogue("fr")
    assert banner.inner_text().split("\n")[0].strip() == labels("offline.update_available")
    policy = page.locator('meta[name="encours-offline"]').get_attribute("data-policy")
    assert policy == before["content_hash"]
    page.screenshot(path=str(tmp_path / "update-banner.png"))
    problems = [f"{v['id']} ({v['impact']})" for v in
                Axe().run(page, context="[data-encours-update]").response["violations"]]
    assert not problems, problems

    button = banner.get_by_role("button", name=labels("offline.reload"))
    with page.expect_navigation():
        button.click()
    page.wait_for_load_state("load")
    policy = page.locator('meta[name="encours-offline"]').get_attribute("data-policy")
    assert policy == after["content_hash"]
    assert page.locator("[data-encours-update]").is_hidden()
    until(page, IN_CONTROL)
    # The older copy is gone: offline now, the new build is what the reader gets.
    context.set_offline(True)
    again = context.new_page()
    again.goto("/terms/", wait_until="load")
    assert again.locator('meta[name="encours-offline"]').get_attribute("data-policy") == \
        after["content_hash"]


def test_both_languages_word_the_banner_from_the_catalogue(built_site: Path) -> None:
    for lang, page in (("fr", built_site / "terms" / "index.html"),
                       ("en", built_site / "en" / "terms" / "index.html")):
        html = page.read_text(encoding="utf-8")
        labels = Catalogue(lang)
        banner = re.search(r"<div class=\"encours-update\"[^>]*hidden>(.*?)</div>", html, re.S)
        assert banner, lang
        assert labels("offline.update_available").replace("'", "&#39;") in banner.group(1) \
            or labels("offline.update_available") in banner.group(1), lang
        assert labels("offline.reload") in banner.group(1), lang
