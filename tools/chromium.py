"""Debian's Chromium through Playwright (never a downloaded browser), and what a calculator page
is waited for.

Used by ``tools.pdf``, ``tools.screenshots``, the benchmarks and the browser tests.
"""

from __future__ import annotations

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
