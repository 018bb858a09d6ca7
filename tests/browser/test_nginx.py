"""The built site behind Debian's nginx with the shipped ``deploy/nginx.conf`` (``tools.nginx``:
its own prefix and port, no root needed):

- every kind of file has its MIME type (``.wasm`` as ``application/wasm``, ``.mjs`` as
  JavaScript), its caching (a year, immutable, for files named by their content or by the
  Pyodide version; revalidation for pages and everything else: what encours/caching.py says,
  which writes the rules of ``_headers``) and the security headers, whose
  Content-Security-Policy is the one the build put in the pages;
- a file with a ``.gz`` beside it is sent pre-compressed (``Content-Encoding: gzip``, the
  ``.gz`` file's bytes) to a client that accepts gzip, and as it is to one that does not;
- the build's header lists (``_headers``, ``_headers.nginx``) are not served;
- in Chromium, a calculator page computes with Python and a handbook page draws its diagrams
  under that header policy (enforced: a page whose inline script loses its hash is blocked),
  with no violation and no error.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Route

from encours.caching import IMMUTABLE, REVALIDATE, cache_control
from encours.security import HEADERS_FILE, NGINX_HEADERS_FILE, REFERRER_POLICY
from tests.browser.test_site_walk import CSP_VIOLATIONS
from tests.support.calculator_page import Calculator, Recorder
from tools.nginx import serve_nginx
from tools.site_pages import wait_until_drawn

pytestmark = pytest.mark.browser

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
DIAGRAM_PAGE = "/account-opening/"


@pytest.fixture(scope="module")
def nginx_url(built_site: Path) -> Iterator[str]:
    with serve_nginx(built_site) as url:
        yield url


@dataclass
class Answer:
    status: int
    headers: Message
    body: bytes


def get(url: str, *, gzip: bool = False) -> Answer:
    encoding = "gzip" if gzip else "identity"
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


def one(built_site: Path, pattern: str) -> str:
    """The URL path of the one file of the built site matching ``pattern``."""
    found = sorted(built_site.glob(pattern))
    assert len(found) == 1, (pattern, found)
    return "/" + found[0].relative_to(built_site).as_posix()


def site_policy(built_site: Path) -> str:
    return META.search((built_site / "index.html").read_text(encoding="utf-8")).group(1)


def test_each_kind_of_file_has_its_type_its_caching_and_the_security_headers(
    nginx_url: str, built_site: Path,
) -> None:
    cases = {  # path: (Content-Type without parameters, Cache-Control)
        "/": ("text/html", REVALIDATE),
        "/calculators/penalty/": ("text/html", REVALIDATE),
        "/en/terms/": ("text/html", REVALIDATE),
        "/assets/policy.json": ("application/json", REVALIDATE),
        "/search/search_index.json": ("application/json", REVALIDATE),
        "/assets/javascripts/encours-core.js": ("text/javascript", REVALIDATE),
        "/assets/javascripts/encours-worker.mjs": ("text/javascript", REVALIDATE),
        one(built_site, "assets/javascripts/bundle.*.min.js"): ("text/javascript", IMMUTABLE),
        one(built_site, "assets/stylesheets/main.*.min.css"): ("text/css", IMMUTABLE),
        one(built_site, "assets/pyodide/*/pyodide.asm.wasm"): ("application/wasm", IMMUTABLE),
        one(built_site, "assets/pyodide/*/pyodide.mjs"): ("text/javascript", IMMUTABLE),
        one(built_site, "assets/pyodide/*/python_stdlib.zip"): ("application/zip", IMMUTABLE),
        one(built_site, "assets/calculators/calculators-*.zip"): ("application/zip", IMMUTABLE),
        one(built_site, "en/assets/calculators/calculators-*.zip"): ("application/zip",
                                                                       IMMUTABLE),
    }
    cases[one(built_site, "assets/pyodide/*/snapshot-*.pack.gz")] = ("application/gzip",
                                                                      IMMUTABLE)
    # The Brotli copies the worker decodes itself: sent as they are, never compressed again.
    for copy in ("pyodide.asm.wasm.br", "snapshot-*.pack.br", "stdlib-*.zip.br"):
        cases[one(built_site, f"assets/pyodide/*/{copy}")] = ("application/x-brotli", IMMUTABLE)
    cases["/assets/brotli/brotli_dec_wasm_bg.wasm"] = ("application/wasm", REVALIDATE)
    policy = site_policy(built_site)
    seen = {}
    for path in cases:
        answer = get(nginx_url + path)
        seen[path] = (answer.status, answer.headers.get_content_type(),
                      answer.headers["Cache-Control"])
        assert answer.headers["Content-Security-Policy"] == policy, path
        assert answer.headers["X-Content-Type-Options"] == "nosniff", path
        assert answer.headers["Referrer-Policy"] == REFERRER_POLICY, path
        if path.endswith("/"):
            assert META.search(answer.body.decode()).group(1) == policy, path
        if path.endswith(".br"):
            again = get(nginx_url + path, gzip=True)
            assert again.headers["Content-Encoding"] is None, path
            assert again.body == (built_site / path.lstrip("/")).read_bytes(), path
    assert seen == {path: (200, *expected) for path, expected in cases.items()}
    # The same caching as encours/caching.py says, which writes _headers' rules.
    files = {path: path.lstrip("/") + ("index.html" if path.endswith("/") else "")
             for path in cases}
    assert {path: cache_control(file) for path, file in files.items()} == {
        path: cache for path, (_, cache) in cases.items()}


def test_a_missing_page_is_the_sites_404_with_the_same_headers(
    nginx_url: str, built_site: Path,
) -> None:
    answer = get(nginx_url + "/no-such-page/")
    assert answer.status == 404
    assert answer.body == (built_site / "404.html").read_bytes()
    assert answer.headers["Content-Security-Policy"] == site_policy(built_site)
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_files_with_a_gz_beside_them_are_sent_precompressed(
    nginx_url: str, built_site: Path,
) -> None:
    """``sitemap.xml.gz`` (MkDocs writes it) at least; any ``.gz`` the build adds, too."""
    pairs = [(gz.with_suffix(""), gz) for gz in sorted(built_site.rglob("*.gz"))
             if gz.with_suffix("").is_file()]
    assert any(plain.name == "sitemap.xml" for plain, _ in pairs), pairs
    for plain, gz in pairs:
        path = "/" + plain.relative_to(built_site).as_posix()
        compressed = get(nginx_url + path, gzip=True)
        assert compressed.status == 200, path
        assert compressed.headers["Content-Encoding"] == "gzip", path
        # The file on disk, not a compression made on the fly (which has no length).
        assert compressed.headers["Content-Length"] == str(gz.stat().st_size), path
        assert compressed.body == gz.read_bytes(), path
        assert "Accept-Encoding" in compressed.headers.get_all("Vary", []), path
        assert compressed.headers["Content-Security-Policy"], path
        plain_answer = get(nginx_url + path)
        assert plain_answer.headers["Content-Encoding"] is None, path
        assert plain_answer.body == plain.read_bytes(), path
        # Asked for by its own name (a page that decompresses it itself): bytes as they are.
        direct = get(nginx_url + path + ".gz", gzip=True)
        assert direct.headers["Content-Encoding"] is None, path
        assert direct.body == gz.read_bytes(), path


def test_the_build_header_lists_are_not_served(nginx_url: str, built_site: Path) -> None:
    for name in (HEADERS_FILE, NGINX_HEADERS_FILE):
        assert (built_site / name).is_file()
        assert get(f"{nginx_url}/{name}").status == 404, name


def watched(new_context: Callable[..., BrowserContext], url: str) -> tuple[Any, Recorder, dict]:
    """A page in a fresh context on ``url`` that records CSP violations, what it does, and the
    headers of every response (worker's included)."""
    context = new_context(url)
    context.add_init_script(CSP_VIOLATIONS)
    page = context.new_page()
    recorder = Recorder().watch(page)
    responses: dict[str, dict[str, str]] = {}
    page.on("response", lambda response: responses.setdefault(response.url,
                                                               response.all_headers()))
    return page, recorder, responses


def test_a_calculator_page_computes_with_python_behind_nginx(
    new_context: Callable[..., BrowserContext], nginx_url: str, built_site: Path,
    policy_json: dict[str, Any],
) -> None:
    page, recorder, responses = watched(new_context, nginx_url)
    calculator = Calculator(page, policy_json.get("reference_rates") or {})
    calculator.open()
    calculator.wait_ready()
    calculator.set("amount", "12345.67")
    calculator.assert_shows(calculator.cpython())
    assert calculator.payload()["amount"] == "12345.67"
    assert page.evaluate("() => window.__cspViolations") == []
    assert recorder.errors == []
    assert len(recorder.calculator_workers()) == 1
    policy = site_policy(built_site)
    worker = [url for url in responses if url.endswith("/encours-worker.mjs")]
    wasm = [url for url in responses if "/pyodide.asm.wasm" in url]
    assert worker and wasm, sorted(responses)
    assert responses[worker[0]]["content-security-policy"] == policy  # the worker's own policy
    for url in wasm:
        if url.endswith(".wasm"):
            assert responses[url]["content-type"] == "application/wasm", url
        else:  # its .br, asked for by name and decoded by the worker: bytes as they are
            assert url.endswith(".wasm.br") and "content-encoding" not in responses[url], url
    outside = [url for url in recorder.requests
               if not url.startswith((nginx_url, "data:", "blob:"))]
    assert not outside, outside


def test_a_handbook_page_draws_its_diagrams_behind_nginx(
    new_context: Callable[..., BrowserContext], nginx_url: str, built_site: Path,
) -> None:
    page, recorder, responses = watched(new_context, nginx_url)
    page.goto(DIAGRAM_PAGE, wait_until="networkidle")
    wait_until_drawn(page)
    assert page.locator("div.mermaid").count() > 0  # drawn (Material replaces pre.mermaid)
    assert page.evaluate("() => window.__cspViolations") == []
    assert recorder.errors == []
    assert responses[nginx_url + DIAGRAM_PAGE]["content-security-policy"] == \
        site_policy(built_site)
    assert not [url for url in recorder.requests if "/assets/pyodide/" in url]


def test_the_header_policy_is_enforced(
    new_context: Callable[..., BrowserContext], nginx_url: str, built_site: Path,
) -> None:
    """The same page with its meta policy removed and an inline script added: nginx's header
    alone blocks the script (so the header is in force, not only present)."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    tampered = META.sub("", html).replace("</body>", "<script>window.__ran = true</script></body>")

    def serve_through(route: Route) -> None:
        answer = route.fetch()  # from nginx, headers included
        assert answer.headers["content-security-policy"] == site_policy(built_site)
        route.fulfill(response=answer, body=tampered)

    page, _, _ = watched(new_context, nginx_url)
    page.route(f"{nginx_url}/", serve_through)
    page.goto("/", wait_until="load")
    assert page.evaluate("() => window.__ran") is None
    violations = page.evaluate("() => window.__cspViolations")
    assert any(v.startswith("script-src-elem blocked inline") for v in violations), violations
    assert page.evaluate("() => typeof __md_scope") == "object"  # the theme's, by its hash
