"""How long a calculator page takes to give its first Python result, against Pyodide alone.

Builds the handbook once into a temporary folder, serves it on localhost, and measures in
Debian's Chromium (median of ``--runs`` runs, at least 5, interleaved so that drift in the
machine's load hits every row alike):

- (a) calculator, cold: a new browser profile (empty HTTP cache), from navigation start to the
  first result computed by Python (an input event is dispatched as soon as the form is bound,
  and the page's ``encours:computed`` event is awaited);
- (b) calculator, warm: the same profile opens the page again (files cached);
- (c) baseline, cold and warm: a bare page, written next to the site, that loads the same
  Pyodide files in a module Web Worker and evaluates ``1+1``;

plus the bytes a handbook page (the home page) and the calculator page transfer with an empty
cache. Times are taken in the page (``performance.now()``, whose origin is the navigation
start), so neither Playwright nor the browser's own start-up is counted.

Each profile is a folder on disk, as a reader's is: Playwright opens one only by launching
Chromium with it, so every run launches Chromium once. An in-memory context
(``browser.new_context()``) would not do for warm runs: its cache does not keep the 9.6 MB
``pyodide.asm.wasm``, which would be downloaded again on every "warm" load.

Run: ``.venv/bin/python bench/calculator_startup.py [--runs N]`` (or ``make bench``).
Nothing is asserted: read the table.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from tests.support.harness import BOOT_TIMEOUT_MS, build, chromium_options, serve

HOME = "/"
CALCULATOR = "/calculators/penalty/"
BASELINE = "/bench-baseline/"
FIRST_RESULT_DONE = "() => typeof window.__benchFirstResult === 'number'"

# Calculator pages: ask for a result as soon as the form is bound, note when the first arrives.
FIRST_RESULT = """
window.__benchFirstResult = null;
document.addEventListener("encours:computed", () => {
  window.__benchFirstResult ??= performance.now();
});
(function kick() {
  const form = document.querySelector("form[data-calculator][data-bound]");
  if (form) form.dispatchEvent(new Event("input", { bubbles: true }));
  else setTimeout(kick, 5);
})();
"""
BASELINE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pyodide baseline</title>
<link rel="icon" href="data:,">
<script>
window.__benchFirstResult = null;
const worker = new Worker("worker.mjs", { type: "module" });
worker.onmessage = ({ data }) => {
  if (data === 2) window.__benchFirstResult = performance.now();
};
</script></head><body><p>Pyodide in a module Web Worker, evaluating 1+1.</p></body></html>
"""
BASELINE_WORKER = """const indexURL = new URL("../assets/pyodide/{version}/", self.location).href;
const {{ loadPyodide }} = await import(indexURL + "pyodide.mjs");
const pyodide = await loadPyodide({{ indexURL }});
postMessage(pyodide.runPython("1+1"));
"""


def write_baseline(site: Path) -> str:
    """Write the baseline page into the built site; returns the Pyodide version it loads."""
    (version,) = [folder.name for folder in (site / "assets" / "pyodide").iterdir()]
    folder = site / BASELINE.strip("/")
    folder.mkdir()
    (folder / "index.html").write_text(BASELINE_PAGE, encoding="utf-8")
    (folder / "worker.mjs").write_text(BASELINE_WORKER.format(version=version), encoding="utf-8")
    return version


@contextmanager
def new_profile(
    playwright: Playwright, base_url: str, init: str | None = FIRST_RESULT
) -> Iterator[BrowserContext]:
    """Chromium with a new, empty profile on disk, running ``init`` in every page."""
    with tempfile.TemporaryDirectory(prefix="encours-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, base_url=base_url, **chromium_options()
        )
        if init:
            context.add_init_script(init)
        try:
            yield context
        finally:
            context.close()


def first_result_ms(context: BrowserContext, path: str) -> dict[str, float | None]:
    """Open ``path`` in a new tab; ms from navigation start to the first result, and the
    worker's own start-up (``bootMs``) on calculator pages."""
    page = context.new_page()
    page.goto(path, wait_until="commit")
    page.wait_for_function(FIRST_RESULT_DONE, timeout=BOOT_TIMEOUT_MS)
    timing = page.evaluate(
        "() => ({ first: window.__benchFirstResult,"
        " boot: window.encoursCalculators ? window.encoursCalculators.bootMs : null })"
    )
    page.close()
    return timing


def cold_and_warm(playwright: Playwright, base_url: str, path: str, init: str | None) -> list[dict]:
    """One cold run (new profile) and one warm run (same profile, files cached)."""
    with new_profile(playwright, base_url, init) as context:
        return [first_result_ms(context, path), first_result_ms(context, path)]


def transferred(
    playwright: Playwright, base_url: str, path: str, settle: Callable[[Page], Any]
) -> tuple[int, int, str]:
    """Bytes of response bodies and number of requests for ``path`` with an empty cache, and
    the browser's version."""
    with new_profile(playwright, base_url) as context:
        finished = []
        page = context.new_page()
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(path)
        settle(page)
        page.wait_for_load_state("networkidle")
        total = 0
        for request in finished:
            size = request.sizes()["responseBodySize"]
            response = request.response()
            if response is not None:  # a worker's own script reports 0: trust Content-Length
                size = max(size, int(response.headers.get("content-length") or 0))
            total += size
        version = context.browser.version if context.browser else "?"
    return total, len(finished), version


def median(values: list[float | None]) -> float:
    return statistics.median(value for value in values if value is not None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (at least 5)")
    runs = max(parser.parse_args().runs, 5)

    with tempfile.TemporaryDirectory(prefix="encours-bench-") as tmp:
        site = Path(tmp) / "site"
        completed = build(site, languages=("fr",))
        if completed.returncode != 0:
            print(completed.stdout + completed.stderr, file=sys.stderr)
            print("The handbook does not build: nothing to measure.", file=sys.stderr)
            return 1
        version = write_baseline(site)

        with serve(site) as base_url, sync_playwright() as playwright:
            calculator: list[list[dict]] = []
            baseline: list[list[dict]] = []
            for run in range(runs):
                print(f"run {run + 1}/{runs}…", file=sys.stderr)
                calculator.append(cold_and_warm(playwright, base_url, CALCULATOR, FIRST_RESULT))
                baseline.append(cold_and_warm(playwright, base_url, BASELINE, None))
            home = transferred(playwright, base_url, HOME, lambda page: None)
            calculator_page = transferred(
                playwright,
                base_url,
                CALCULATOR,
                lambda page: page.wait_for_function(FIRST_RESULT_DONE, timeout=BOOT_TIMEOUT_MS),
            )

    def column(rows: list[list[dict]], index: int, key: str = "first") -> float:
        return median([row[index][key] for row in rows])

    cold, warm = column(calculator, 0), column(calculator, 1)
    base_cold, base_warm = column(baseline, 0), column(baseline, 1)
    print()
    print(f"Calculator start-up: Chromium {home[2]}, Pyodide {version}, median of {runs} runs, "
          "localhost (http.server, no compression)")
    print()
    print(f"{'':<54}{'cold ms':>10}{'warm ms':>10}")
    print(f"{'(a, b) calculator page: navigation → first result':<54}{cold:>10.0f}{warm:>10.0f}")
    print(f"{'       of which the worker start (boot → ready)':<54}"
          f"{column(calculator, 0, 'boot'):>10.0f}{column(calculator, 1, 'boot'):>10.0f}")
    print(f"{'(c) baseline: Pyodide in a worker, 1+1':<54}{base_cold:>10.0f}{base_warm:>10.0f}")
    print(f"{'ratio a/c (warm: b/c warm)':<54}{cold / base_cold:>10.2f}{warm / base_warm:>10.2f}")
    print()
    print(f"{'transferred with an empty cache':<54}{'bytes':>14}{'requests':>10}")
    for label, (size, count, _) in (
        (f"handbook page ({HOME})", home),
        (f"calculator page ({CALCULATOR})", calculator_page),
    ):
        print(f"{label:<54}{size:>14,}{count:>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
