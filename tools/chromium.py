"""Debian's Chromium through Playwright (never a downloaded browser), and what a calculator page
is waited for.

Used by ``tools.pdf``, ``tools.screenshots``, the benchmarks and the browser tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
# A cold Pyodide start takes seconds, more on a busy machine: waits are generous, never timed.
BOOT_TIMEOUT_MS = 90_000
PYTHON_READY = "() => window.encoursCalculators?.ready === true"


def chromium_options() -> dict[str, Any]:
    """Playwright launch options for Debian's Chromium, headless, with nothing that phones home
    (Playwright never downloads a browser here)."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    return {"executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, for contexts without a profile on disk (each a fresh, empty one)."""
    return playwright.chromium.launch(**chromium_options())


def until(page: Any, script: str, arg: Any = None, *, check: Callable[[Any], bool] = bool,
          timeout_ms: int = BOOT_TIMEOUT_MS) -> Any:
    """Evaluate ``script`` in ``page`` (a function, async or not) every 200 ms until
    ``check(result)``; returns the result. For an async script: Playwright's
    ``wait_for_function`` does not await the promise such a function returns, and takes the
    promise itself for a true answer."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        result = page.evaluate(script, arg)
        if check(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"still {result!r} after {timeout_ms / 1000:.0f} s: {script}")
        time.sleep(0.2)
