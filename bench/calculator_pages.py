"""Speed of the calculator pages once Python is there, against Pyodide alone.

Builds the French handbook into a temporary folder, serves it on localhost and measures in
Debian's Chromium, median of ``--runs`` runs (at least 5):

- first result after an input change, cold (new profile) and warm (same profile, new page
  load), against the floor: a bare page loading the same Pyodide files in a worker for ``1+1``
  (helpers of ``bench/calculator_startup.py``);
- instant navigation: from the penalty page (Python ready) a click on the DSO page's link,
  then an input change: ms from the click to the DSO result (no second start-up);
- recalculation: ms from an input change to the result, Python ready;
- batch: 10,000 invoices of a CSV file, from the file chosen to the totals shown;
- bytes transferred by the calculator page cold and warm, and by a handbook page.

Run: ``.venv/bin/python bench/calculator_pages.py [--runs N]``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from calculator_startup import (
    BASELINE,
    FIRST_RESULT,
    cold_and_warm,
    median,
    new_profile,
    transferred,
    write_baseline,
)
from playwright.sync_api import Page, sync_playwright

from tests.calculators.test_calc_batch import invoices_csv
from tests.support.harness import BOOT_TIMEOUT_MS, PYTHON_READY, build, serve

PENALTY, DSO, HOME = "/calculators/penalty/", "/calculators/dso/", "/"
COUNT = """
window.__computed = 0;
document.addEventListener("encours:computed", () => { window.__computed += 1; });
"""


def timed_change(page: Page, trigger: str) -> float:
    """ms from running ``trigger`` (JS) in the page to the next ``encours:computed``."""
    return page.evaluate(
        """(trigger) => new Promise((resolve) => {
          const start = performance.now();
          document.addEventListener("encours:computed", () => resolve(performance.now() - start),
                                    { once: true });
          (0, eval)(trigger);
        })""",
        trigger,
    )


def navigation_and_recalculation(playwright, base_url: str) -> tuple[float, float]:
    with new_profile(playwright, base_url, COUNT) as context:
        page = context.new_page()
        page.goto(PENALTY)
        page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
        recalc = timed_change(page, """
          const field = document.querySelector('form[data-calculator] [name="amount"]');
          field.value = "12345"; field.dispatchEvent(new Event("input", { bubbles: true }));""")
        navigate = page.evaluate("""() => new Promise((resolve) => {
          const start = performance.now();
          const done = () => resolve(performance.now() - start);
          (function kick() {
            const form = document.querySelector('form[data-calculator="dso"][data-bound]');
            if (!form) return setTimeout(kick, 2);
            form.addEventListener("encours:computed", done, { once: true });
            form.querySelector('[name="receivables"]').value = "3000";
            form.dispatchEvent(new Event("input", { bubbles: true }));
          })();
          document.querySelector('nav a[href$="/calculators/dso/"]').click();
        })""")
        return navigate, recalc


def batch_ms(playwright, base_url: str, text: str) -> float:
    with new_profile(playwright, base_url, None) as context:
        page = context.new_page()
        page.goto(PENALTY)
        page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
        page.fill(".encours-batch [data-batch-as-of]", "2026-03-31")
        page.set_input_files(".encours-batch [data-batch-file]", files=[
            {"name": "f.csv", "mimeType": "text/csv", "buffer": text.encode()}])
        page.wait_for_selector(".encours-batch[data-done]", state="attached",
                               timeout=BOOT_TIMEOUT_MS)
        return float(page.get_attribute(".encours-batch", "data-ms"))


def warm_bytes(playwright, base_url: str, path: str) -> int:
    with new_profile(playwright, base_url, None) as context:
        page = context.new_page()
        page.goto(path)
        page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
        page.close()
        finished = []
        page = context.new_page()
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(path)
        page.wait_for_function(PYTHON_READY, timeout=BOOT_TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        return sum(max(request.sizes()["responseBodySize"], 0) for request in finished)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = max(parser.parse_args().runs, 5)
    text, _ = invoices_csv(10_000)
    with tempfile.TemporaryDirectory(prefix="encours-bench-") as tmp:
        site = Path(tmp) / "site"
        rows: dict[str, list[float]] = {key: [] for key in (
            "cold", "warm", "floor_cold", "floor_warm", "navigate", "recalc", "batch")}
        with serve(site) as base_url, sync_playwright() as playwright:
            # Instant navigation follows only the sitemap's links: build for this address.
            completed = build(site, languages=("fr",), site_url=f"{base_url}/")
            if completed.returncode != 0:
                print(completed.stdout + completed.stderr, file=sys.stderr)
                return 1
            write_baseline(site)
            for run in range(runs):
                print(f"run {run + 1}/{runs}…", file=sys.stderr)
                cold, warm = cold_and_warm(playwright, base_url, PENALTY, FIRST_RESULT)
                floor_cold, floor_warm = cold_and_warm(playwright, base_url, BASELINE, None)
                navigate, recalc = navigation_and_recalculation(playwright, base_url)
                for key, value in (("cold", cold["first"]), ("warm", warm["first"]),
                                   ("floor_cold", floor_cold["first"]),
                                   ("floor_warm", floor_warm["first"]),
                                   ("navigate", navigate), ("recalc", recalc),
                                   ("batch", batch_ms(playwright, base_url, text))):
                    rows[key].append(value)
            page_cold = transferred(playwright, base_url, PENALTY, lambda page:
                                    page.wait_for_function(PYTHON_READY,
                                                           timeout=BOOT_TIMEOUT_MS))
            page_warm = warm_bytes(playwright, base_url, PENALTY)
            home = transferred(playwright, base_url, HOME, lambda page: None)
    m = {key: median(values) for key, values in rows.items()}
    print()
    print(f"Calculator pages: median of {runs} runs, localhost, no compression")
    print(f"{'measure':<58}{'ms':>8}{'goal':>14}")
    print(f"{'first result after an input change, cold':<58}{m['cold']:>8.0f}"
          f"{'≤ ' + format(m['floor_cold'], '.0f'):>14}")
    print(f"{'   floor: bare Pyodide in a worker, 1+1, cold':<58}{m['floor_cold']:>8.0f}")
    print(f"{'first result after an input change, warm':<58}{m['warm']:>8.0f}{'≤ 600':>14}")
    print(f"{'   floor: bare Pyodide in a worker, 1+1, warm':<58}{m['floor_warm']:>8.0f}")
    print(f"{'instant navigation penalty → DSO: click to result':<58}{m['navigate']:>8.0f}"
          f"{'≤ 50':>14}")
    print(f"{'recalculation: input change to result':<58}{m['recalc']:>8.1f}{'≤ 20':>14}")
    print(f"{'batch: 10,000 invoices, file chosen to totals shown':<58}{m['batch']:>8.0f}"
          f"{'< 2000':>14}")
    print()
    print(f"{'bytes transferred':<58}{'bytes':>14}")
    print(f"{'calculator page, cold (empty cache)':<58}{page_cold[0]:>14,}")
    print(f"{'calculator page, warm (cached)':<58}{page_warm:>14,}")
    print(f"{'handbook page (home), cold':<58}{home[0]:>14,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
