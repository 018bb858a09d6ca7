"""A calculator page's first Python result on a real line, against Pyodide alone on the same line.

Builds the French handbook once into a temporary folder and serves it twice on localhost: as
``python -m http.server`` does (no compression, as many static hosts) and compressing with gzip
(``tools.serve(compress=True)``, as a web server with ``gzip on``). In Debian's Chromium, every
load in a new, empty browser context (cold cache), with the line emulated through the DevTools
protocol (``Network.emulateNetworkConditions``: 20 Mbit/s and 5 Mbit/s down, 40 ms round trip),
set on the page and, through ``Target.setAutoAttach``, on every worker it starts:

- the penalty calculator page: from navigation start to the first result computed by Python (an
  input event is dispatched as soon as the form is bound, as in ``bench.calculator_startup``);
- the floor: a bare page whose module Web Worker loads the same Pyodide and evaluates ``1+1``.

Bytes and responses are counted by the server, so the worker's requests are in (a page's own
network events do not see a dedicated worker's). Medians of ``--runs`` runs (at least 5),
interleaved so that drift in the machine's load hits every row alike; the machine's load average
is printed beside the table (other work on the machine slows every row).

Run: ``.venv/bin/python -m bench.throttled_start [--runs N]`` (or ``make bench``).
Nothing is asserted: read the table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from bench.calculator_startup import (
    BASELINE,
    CALCULATOR,
    FIRST_RESULT,
    FIRST_RESULT_DONE,
    build_with_baseline,
)
from tools.chromium import launch_chromium
from tools.serve import Traffic, serve

LINES = {"20 Mbit/s": 20e6, "5 Mbit/s": 5e6}
RTT_MS = 40
TIMEOUT_MS = 300_000  # 5 Mbit/s on a busy machine


def conditions(bits_per_second: float) -> dict[str, Any]:
    return {"offline": False, "latency": RTT_MS, "downloadThroughput": bits_per_second / 8,
            "uploadThroughput": bits_per_second / 8}


def cold_load(browser: Browser, base_url: str, path: str, bits_per_second: float,
              traffic: Traffic) -> dict[str, float]:
    """One load of ``path`` in a new context on the emulated line: ms to the first result, bytes
    and responses the server sent."""
    context = browser.new_context(base_url=base_url)
    context.add_init_script(FIRST_RESULT)
    page = context.new_page()
    session = context.new_cdp_session(page)
    line = conditions(bits_per_second)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", line)
    ids = itertools.count(1)

    def on_worker(event: dict[str, Any]) -> None:
        # A worker waits (waitForDebuggerOnStart) until its line is set, then runs.
        for method, params in (("Network.enable", {}),
                               ("Network.emulateNetworkConditions", line),
                               ("Runtime.runIfWaitingForDebugger", {})):
            message = {"id": next(ids), "method": method, "params": params}
            session.send("Target.sendMessageToTarget",
                         {"sessionId": event["sessionId"], "message": json.dumps(message)})

    session.on("Target.attachedToTarget", on_worker)
    session.send("Target.setAutoAttach",
                 {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False})
    traffic.reset()
    try:
        page.goto(path, wait_until="commit")
        page.wait_for_function(FIRST_RESULT_DONE, timeout=TIMEOUT_MS)
        first = page.evaluate("window.__benchFirstResult")
        page.wait_for_timeout(300)  # what is still on its way after the result is counted too
        return {"ms": first, "bytes": traffic.bytes, "responses": traffic.responses}
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (at least 5)")
    runs = max(parser.parse_args().runs, 5)
    load_before = os.getloadavg()

    with tempfile.TemporaryDirectory(prefix="encours-bench-") as tmp:
        site = Path(tmp) / "site"
        version = build_with_baseline(site)
        if version is None:
            return 1
        plain, gzipped = Traffic(), Traffic()
        results: dict[tuple[str, str, str], list[dict]] = {}
        with serve(site, traffic=plain) as plain_url, \
                serve(site, traffic=gzipped, compress=True) as gzip_url, \
                sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            servers = {"no compression": (plain_url, plain), "gzip": (gzip_url, gzipped)}
            for run in range(runs):
                print(f"run {run + 1}/{runs}…", file=sys.stderr)
                for line, bits in LINES.items():
                    for server, (url, traffic) in servers.items():
                        for page in (CALCULATOR, BASELINE):
                            results.setdefault((line, server, page), []).append(
                                cold_load(browser, url, page, bits, traffic))
            chromium = browser.version
            browser.close()
    load_after = os.getloadavg()

    def median(line: str, server: str, page: str, key: str) -> float:
        return statistics.median(row[key] for row in results[(line, server, page)])

    print()
    print(f"First Python result on an emulated line (RTT {RTT_MS} ms), cold cache: Chromium "
          f"{chromium}, Pyodide {version}, median of {runs} runs")
    print(f"load average before {load_before[0]:.1f}, after {load_after[0]:.1f} "
          f"({os.cpu_count()} cores; other work on the machine slows every row alike)")
    print()
    print(f"{'line':<11}{'server':<16}{'calculator s':>13}{'floor s':>9}{'ratio':>7}"
          f"{'calc MB':>9}{'floor MB':>9}{'calc resp':>10}{'floor resp':>11}")
    for line in LINES:
        for server in ("no compression", "gzip"):
            calc = median(line, server, CALCULATOR, "ms")
            floor = median(line, server, BASELINE, "ms")
            print(f"{line:<11}{server:<16}{calc / 1000:>13.2f}{floor / 1000:>9.2f}"
                  f"{calc / floor:>7.2f}"
                  f"{median(line, server, CALCULATOR, 'bytes') / 1e6:>9.2f}"
                  f"{median(line, server, BASELINE, 'bytes') / 1e6:>9.2f}"
                  f"{median(line, server, CALCULATOR, 'responses'):>10.0f}"
                  f"{median(line, server, BASELINE, 'responses'):>11.0f}")
    print()
    print("calculator: the penalty page, navigation → first result computed by Python; floor: "
          "a module worker loading Pyodide and evaluating 1+1. MB: bytes the server sent "
          "(headers and bodies, the worker's requests included), 10^6 bytes.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
