"""What a calculator page does first: it starts the calculators' worker before Material's bundle
runs (overrides/main.html), once, named with its boot message; Material's search builds its
index only once Python has answered (overrides/partials/encours-search-later.html), not while
it starts, and a reader who opens search before then is not kept waiting for Python. Handbook
pages are not held.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.support.calculator_page import CALCULATOR_PATH, Recorder
from tools.chromium import BOOT_TIMEOUT_MS

pytestmark = pytest.mark.browser

# When Material's search worker said it was ready (its answer to the index's setup: type 1),
# when the search index's request was sent (Material's XMLHttpRequest),
# when the calculators said "encours:settled", and when Material's bundle ran (it defines
# window.document$); the calculators' worker's name and the types of the messages posted to it.
# Before any script of the page.
WATCH = """
window.__seen = {};
const seen = (what) => { window.__seen[what] ??= performance.now(); };
document.addEventListener("encours:settled", () => seen("settled"));
window.__calculators = { name: null, posted: [] };
window.Worker = class extends window.Worker {
  constructor(url, options) {
    super(url, options);
    this.encoursCalculators = String(url).includes("/encours-worker.mjs");
    if (this.encoursCalculators) window.__calculators.name = options?.name ?? null;
    if (!String(url).includes("/workers/search.")) return;
    this.addEventListener("message", (event) => { if (event.data?.type === 1) seen("search"); });
  }
  postMessage(message, ...rest) {
    if (this.encoursCalculators) window.__calculators.posted.push(message?.type ?? null);
    return super.postMessage(message, ...rest);
  }
};
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.open = new Proxy(XMLHttpRequest.prototype.open, {
  apply(open, request, args) {
    request.encoursWatchIndex = String(args[1]).includes("search_index.json");
    return Reflect.apply(open, request, args);
  },
});
XMLHttpRequest.prototype.send = function (...args) {
  if (this.encoursWatchIndex) seen("index");
  return send.apply(this, args);
};
Object.defineProperty(window, "document$", {
  configurable: true,
  set(value) {
    seen("bundle");
    Object.defineProperty(window, "document$", { value, writable: true, configurable: true });
  },
});
"""
SEARCH_RESULTS = "() => document.querySelectorAll('.md-search-result__item').length > 0"


def watched(context: BrowserContext) -> Page:
    """A new page of ``context`` that notes when what :data:`WATCH` watches happens."""
    context.add_init_script(WATCH)
    return context.new_page()


def seen(page: Page) -> dict[str, float]:
    return page.evaluate("() => window.__seen")


def search(page: Page, words: str) -> None:
    page.keyboard.press("/")  # Material's shortcut: the search box takes the focus
    page.keyboard.type(words)
    page.wait_for_function(SEARCH_RESULTS, timeout=BOOT_TIMEOUT_MS)


def test_a_calculator_page_builds_the_search_index_once_python_has_answered(
    new_context: Callable[..., BrowserContext], watch: Callable[[Page], Recorder]
) -> None:
    page = watched(new_context())
    recorder = watch(page)
    page.goto(CALCULATOR_PATH)
    page.wait_for_function("() => window.__seen.search", timeout=BOOT_TIMEOUT_MS)
    times = seen(page)
    assert page.evaluate("() => window.encoursCalculators.ready")
    assert times["settled"] <= times["search"], times
    # Nor is the index downloaded meanwhile (265 KB, sharing the line with Python's files).
    assert times["settled"] <= times["index"], times
    # Started while the page loaded, before Material's bundle (then taken over: one worker).
    assert page.evaluate("() => window.encoursCalculators.startedAt") < times["bundle"], times
    assert len(recorder.calculator_workers()) == 1, recorder.workers
    search(page, "pénalités")
    assert not recorder.errors, recorder.errors


def test_the_calculators_worker_boots_from_its_name_with_the_form_s_runtime(
    new_context: Callable[..., BrowserContext]
) -> None:
    """The head names the worker with its boot message (the handbook's runtime, the same as the
    form's data): Python starts without a message, which would wait for the busy main thread."""
    page = watched(new_context())
    page.goto(CALCULATOR_PATH)
    page.wait_for_function("() => window.encoursCalculators?.ready", timeout=BOOT_TIMEOUT_MS)
    calculators = page.evaluate("() => window.__calculators")
    form = page.evaluate("""() => {
      const form = document.querySelector("form[data-calculator]");
      const { runtime, bundle, snapshot, stdlib, brotli } = form.dataset;
      return { runtime, bundle, snapshot, stdlib, brotli: JSON.parse(brotli) };
    }""")
    assets = page.evaluate("() => new URL('../../assets/', location.href).href")
    assert form["snapshot"] and form["stdlib"] and form["brotli"], form  # it ships a snapshot
    assert json.loads(calculators["name"]) == {"type": "boot", "assets": assets, **form}
    assert "boot" not in calculators["posted"], calculators
    assert page.evaluate("() => window.encoursCalculators.bootFrom") == "snapshot"


def test_a_handbook_page_builds_the_search_index_at_once(
    new_context: Callable[..., BrowserContext]
) -> None:
    page = watched(new_context())
    page.goto("/")
    page.wait_for_function("() => window.__seen.search", timeout=BOOT_TIMEOUT_MS)
    assert "settled" not in seen(page)
    assert "index" in seen(page)
    assert not page.evaluate("() => window.encoursCalculators?.worker")


def test_search_opened_while_python_starts_answers_at_once(
    new_context: Callable[..., BrowserContext]
) -> None:
    context = new_context()
    page = watched(context)
    context.route("**/pyodide.asm.mjs*", lambda route: None)  # Python never gets started
    page.goto(CALCULATOR_PATH)
    page.wait_for_timeout(1000)
    assert "search" not in seen(page), "the index was built while Python was starting"
    assert "index" not in seen(page), "the index was downloaded while Python was starting"
    search(page, "pénalités")
    assert not page.evaluate("() => window.encoursCalculators.ready")
    assert "settled" not in seen(page)
