"""The Content-Security-Policy is enforced, not only written (the site walk checks that the
policy as built breaks no page):

- the home page served with its policy stripped of the hashes has its inline scripts blocked
  and reported; as built, they run;
- instant navigation runs every page under the first page's policy (one policy for the site);
- served as a header (``_headers``), the policy also reaches the calculators' worker, and
  Python starts in it.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Route

from encours.security import HEADERS_FILE
from tests.browser.test_site_walk import CSP_VIOLATIONS
from tools.chromium import BOOT_TIMEOUT_MS, PYTHON_READY
from tools.serve import WASM, _handler, _QuietServer
from tools.site_pages import wait_until_drawn

pytestmark = pytest.mark.browser

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_an_inline_script_without_its_hash_is_blocked(
    new_context: Callable[..., BrowserContext], site_url: str, built_site: Path,
) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    policy = META.search(html).group(1)
    no_hashes = re.sub(r" 'sha256-[^']+'", "", policy)
    assert "'sha256-" in policy and "'sha256-" not in no_hashes
    tampered = html.replace(policy, no_hashes)

    def serve_tampered(route: Route) -> None:
        route.fulfill(body=tampered, content_type="text/html; charset=utf-8")

    context = new_context()
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    page.route(f"{site_url}/", serve_tampered)
    page.goto("/", wait_until="load")
    violations = page.evaluate("() => window.__cspViolations")
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert page.evaluate("() => typeof __md_scope") == "undefined"  # Material's first script


def test_the_policy_as_built_lets_the_same_page_run(
    new_context: Callable[..., BrowserContext],
) -> None:
    context = new_context()
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    page.goto("/", wait_until="load")
    assert page.evaluate("() => window.__cspViolations") == []
    assert page.evaluate("() => typeof __md_scope") == "object"


def test_instant_navigation_runs_under_the_first_pages_policy(
    new_context: Callable[..., BrowserContext], site_url: str,
) -> None:
    """Instant navigation swaps pages under the policy of the first page opened: that one
    policy lets a calculator page reached from the home page start Python (its inline start
    included), and a diagram page reached from there draw."""
    context = new_context()
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    page.goto("/", wait_until="networkidle")
    # Links as a reader clicks them (Material makes their addresses absolute).
    for path in ("/calculators/", "/calculators/penalty/", "/", "/account-opening/"):
        before = page.title()
        page.locator(f'a[href="{site_url}{path}"]').filter(visible=True).first.click()
        page.wait_for_url(f"{site_url}{path}")
        page.wait_for_function("(title) => document.title !== title", arg=before)  # swapped
        if path == "/calculators/penalty/":
            page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
        wait_until_drawn(page)
    page.wait_for_function("() => document.querySelectorAll('div.mermaid').length > 0")  # drawn
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("() => window.__cspViolations") == []


@dataclass
class HeaderSite:
    url: str
    served: list[str]  # the paths the server answered, each with the policy as a header


@pytest.fixture
def header_site(built_site: Path) -> Iterator[HeaderSite]:
    """The built site served as ``_headers`` tells a server to: every response carries the
    policy (tools.serve's handler, plus the header)."""
    policy = re.search(r"Content-Security-Policy: (.*)",
                       (built_site / HEADERS_FILE).read_text(encoding="utf-8")).group(1)
    handler = _handler(built_site, WASM, None)
    served: list[str] = []

    class WithPolicy(handler.func):  # type: ignore[name-defined,misc]
        def end_headers(self) -> None:
            self.send_header("Content-Security-Policy", policy)
            served.append(self.path)
            super().end_headers()

    server = _QuietServer(("127.0.0.1", 0), functools.partial(WithPolicy, **handler.keywords))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield HeaderSite(f"http://127.0.0.1:{server.server_address[1]}", served)
    server.shutdown()
    server.server_close()
    thread.join()


def test_served_as_a_header_the_policy_governs_the_worker_too(
    new_context: Callable[..., BrowserContext], header_site: HeaderSite,
) -> None:
    """The calculators' worker, which a meta tag does not reach, is served with the header's
    policy (script-src without 'unsafe-eval'), and Python still starts in it."""
    context = new_context(header_site.url)
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    page.goto("/calculators/penalty/")
    page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
    assert page.evaluate("() => window.__cspViolations") == []
    assert any(path.endswith("/encours-worker.mjs") for path in header_site.served)
