"""How long a calculator page takes to give its first Python result, against Pyodide alone.

Builds the handbook once into a temporary folder, serves it on localhost, and measures in
Debian's Chromium (median of ``--runs`` runs, at least 5, interleaved so that drift in the
machine's load hits every row alike):

- (a) calculator, cold: a new browser profile (empty HTTP cache), from navigation start to the
  first result computed by Python (an input event is dispatched as soon as the form is bound,
  and the page's ``encours:computed`` event is awaited);
- (b) calculator, warm: the same profile opens the page again, as a reader coming back does:
  once the first visit's work in the background is done (its service worker installed with the
  handbook's offline copy, the runtime kept in Cache Storage), not while it still competes. The
  second visit and the third are shown apart: Chromium compiles a script again on its second
  load and keeps its compiled code only then, so from the third visit on a page starts faster;
- (c) baseline, cold and warm: a bare page, written next to the site, that loads the same
  Pyodide files in a module Web Worker and evaluates ``1+1``;
- (d) the calculator page of a copy of the site without the Python memory snapshot: what (a)
  and (b) would be with a normal Python start (the snapshot's gain, side by side);

plus the bytes a handbook page (the home page) and the calculator page transfer with an empty
cache, and the calculator page again with its files cached: until the page is there (loaded; a
calculator page: its first result), and in all once the visit's work in the background is done
(the service worker's offline copy of the handbook, the runtime kept), which a first visit starts
once the page is ready and so may or may not overlap a fixed cut-off. Times are taken in the page
(``performance.now()``, whose origin is the navigation start), so neither Playwright nor the
browser's own start-up is counted.

Each profile is a folder on disk, as a reader's is: Playwright opens one only by launching
Chromium with it, so every run launches Chromium once. An in-memory context
(``browser.new_context()``) would not do for warm runs: its cache does not keep the 9.6 MB
``pyodide.asm.wasm``, which would be downloaded again on every "warm" load.

Run: ``.venv/bin/python -m bench.calculator_startup [--runs N]`` (or ``make bench``).
Nothing is asserted: read the table.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

from encours_mkdocs.build import build_site
from tools.chromium import BOOT_TIMEOUT_MS, chromium_options, until
from tools.serve import Traffic, serve

ROOT = Path(__file__).resolve().parents[1]
HOME = "/"
CALCULATOR = "/calculators/penalty/"
BASELINE = "/bench-baseline/"
FIRST_RESULT_DONE = "() => typeof window.__benchFirstResult === 'number'"
# After a first visit: the service worker active (its install copies the handbook) and the
# runtime kept by the worker (encours-bytes.mjs): the WebAssembly in Cache Storage, the snapshot
# and the trimmed standard library (when the page has them) in the origin private file system,
# written in full (a file being written is empty until then). Polled with tools.chromium.until:
# Playwright's wait_for_function does not await an async function, and takes its promise for a
# true answer.
BACKGROUND_DONE = """async () => {
  if (!window.encoursCalculators) return true; // the baseline page: nothing in the background
  const registration = await navigator.serviceWorker?.getRegistration();
  if (!registration?.active) return false;
  const cache = await caches.open("encours-runtime");
  const cached = (await cache.keys()).map((request) => request.url);
  if (!cached.some((url) => url.endsWith("/pyodide.asm.wasm"))) return false;
  if (!document.querySelector("[data-snapshot]")) return true;
  const folder = await (await navigator.storage.getDirectory())
    .getDirectoryHandle("encours-runtime", { create: true });
  const whole = [];
  for await (const [name, handle] of folder.entries()) {
    // A write's temporary file can be gone by the time it is read: not kept yet.
    const size = await handle.getFile().then((file) => file.size, () => 0);
    if (size > 0) whole.push(name);
  }
  return whole.some((name) => name.startsWith("snapshot-"))
    && whole.some((name) => name.startsWith("stdlib-"));
}"""

# Any page: the service worker is active (its install copied the handbook) with nothing newer
# installing; then, on a calculator page, what BACKGROUND_DONE waits for.
VISIT_DONE = """async () => {
  const registration = await navigator.serviceWorker?.getRegistration();
  if (!registration?.active || registration.installing || registration.waiting) return false;
  return !document.querySelector("form[data-calculator]") || (""" + BACKGROUND_DONE + """)();
}"""

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


def build_with_baseline(site: Path, site_url: str | None = None) -> str | None:
    """The handbook in French built from this repository into ``site`` (for ``site_url`` when
    given), with the baseline page (:func:`write_baseline`): the Pyodide version, or None if it
    does not build (the build said why)."""
    if build_site(ROOT / "mkdocs.yml", site_dir=site, languages=["fr"], site_url=site_url,
                  cache_dir=ROOT / ".cache") != 0:
        print("The handbook does not build: nothing to measure.", file=sys.stderr)
        return None
    return write_baseline(site)


def without_snapshot(site: Path, copy: Path) -> Path:
    """A copy of ``site`` whose calculator pages name no snapshot (a normal Python start)."""
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("snapshot-*", "stdlib-*"))
    for page in copy.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        stripped = re.sub(r' data-(snapshot|stdlib)="[^"]*"', "", html)
        if stripped != html:
            page.write_text(stripped, encoding="utf-8")
    return copy


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
    worker's own start-up (``bootMs``) on calculator pages. The tab is closed once what the
    visit does in the background is done (:data:`BACKGROUND_DONE`)."""
    page = context.new_page()
    page.goto(path, wait_until="commit")
    page.wait_for_function(FIRST_RESULT_DONE, timeout=BOOT_TIMEOUT_MS)
    timing = page.evaluate(
        "() => ({ first: window.__benchFirstResult,"
        " boot: window.encoursCalculators ? window.encoursCalculators.bootMs : null })"
    )
    until(page, BACKGROUND_DONE)
    page.close()
    return timing


def cold_and_warm(playwright: Playwright, base_url: str, path: str, init: str | None) -> list[dict]:
    """One cold run (new profile), then the same profile twice more (files cached): Chromium
    keeps the compiled code of a script from its second load on, so the third visit is what a
    reader coming back sees from then on."""
    with new_profile(playwright, base_url, init) as context:
        return [first_result_ms(context, path) for _ in range(3)]


def transferred(
    playwright: Playwright, base_url: str, traffic: Traffic, path: str,
    settle: Callable[[Page], Any], *, warm: bool = False
) -> tuple[tuple[int, int], tuple[int, int], str]:
    """Bytes the server sent (headers and bodies) and its number of responses for ``path`` with
    an empty cache (or, ``warm``, opened again after a first visit): until the page is loaded
    and ``settle`` returns, then in all once the visit's background work is done
    (:data:`VISIT_DONE`) and the network is idle; and the browser's version. Counted by the
    server: a file the browser takes from its cache costs nothing, a revalidated one (304) its
    headers."""
    with new_profile(playwright, base_url) as context:
        if warm:
            page = context.new_page()
            page.goto(path)
            settle(page)
            until(page, VISIT_DONE)
            page.wait_for_load_state("networkidle")
            page.close()
        traffic.reset()
        page = context.new_page()
        page.goto(path)
        settle(page)
        first = (traffic.bytes, traffic.responses)
        until(page, VISIT_DONE)
        page.wait_for_load_state("networkidle")
        total = (traffic.bytes, traffic.responses)
        version = context.browser.version if context.browser else "?"
    return first, total, version


def median(values: list[float | None]) -> float:
    return statistics.median(value for value in values if value is not None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (at least 5)")
    runs = max(parser.parse_args().runs, 5)

    with tempfile.TemporaryDirectory(prefix="encours-bench-") as tmp:
        site = Path(tmp) / "site"
        version = build_with_baseline(site)
        if version is None:
            return 1
        plain = without_snapshot(site, Path(tmp) / "site-without-snapshot")

        def settle(page: Page) -> None:
            page.wait_for_function(FIRST_RESULT_DONE, timeout=BOOT_TIMEOUT_MS)

        traffic = Traffic()
        with serve(site, traffic=traffic) as base_url, serve(plain) as plain_url, \
                sync_playwright() as playwright:
            calculator: list[list[dict]] = []
            baseline: list[list[dict]] = []
            normal: list[list[dict]] = []
            for run in range(runs):
                print(f"run {run + 1}/{runs}…", file=sys.stderr)
                calculator.append(cold_and_warm(playwright, base_url, CALCULATOR, FIRST_RESULT))
                baseline.append(cold_and_warm(playwright, base_url, BASELINE, None))
                normal.append(cold_and_warm(playwright, plain_url, CALCULATOR, FIRST_RESULT))
            home = transferred(playwright, base_url, traffic, HOME, lambda page: None)
            calculator_page = transferred(playwright, base_url, traffic, CALCULATOR, settle)
            calculator_warm = transferred(playwright, base_url, traffic, CALCULATOR, settle,
                                          warm=True)

    def column(rows: list[list[dict]], index: int, key: str = "first") -> float:
        return median([row[index][key] for row in rows])

    cold, second, warm = (column(calculator, visit) for visit in range(3))
    base_cold, base_second, base_warm = (column(baseline, visit) for visit in range(3))
    print()
    print(f"Calculator start-up: Chromium {home[2]}, Pyodide {version}, median of {runs} runs, "
          "localhost (http.server, no compression)")
    print()
    print(f"{'':<54}{'cold ms':>10}{'2nd visit':>10}{'warm ms':>10}")
    print(f"{'(a, b) calculator page: navigation → first result':<54}{cold:>10.0f}"
          f"{second:>10.0f}{warm:>10.0f}")
    print(f"{'       of which the worker start (boot → ready)':<54}"
          + "".join(f"{column(calculator, visit, 'boot'):>10.0f}" for visit in range(3)))
    print(f"{'(c) baseline: Pyodide in a worker, 1+1':<54}{base_cold:>10.0f}"
          f"{base_second:>10.0f}{base_warm:>10.0f}")
    print(f"{'ratio a/c (2nd visit: b/c 2nd visit, warm: b/c warm)':<54}"
          f"{cold / base_cold:>10.2f}{second / base_second:>10.2f}{warm / base_warm:>10.2f}")
    print(f"{'(d) calculator page without the snapshot':<54}"
          + "".join(f"{column(normal, visit):>10.0f}" for visit in range(3)))
    print()
    print(f"{'sent by the server: bytes (responses)':<56}{'page there':>18}"
          f"{'with background work':>24}")
    for label, (first, total, _) in (
        (f"handbook page ({HOME}), empty cache", home),
        (f"calculator page ({CALCULATOR}), empty cache", calculator_page),
        (f"calculator page ({CALCULATOR}), files cached", calculator_warm),
    ):
        print(f"{label:<56}{f'{first[0]:,} ({first[1]})':>18}{f'{total[0]:,} ({total[1]})':>24}")
    print("(page there: loaded, a calculator page's first result; background work: the service "
          "worker's offline copy of the handbook, the runtime kept for the next visit)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
