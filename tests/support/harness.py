"""Build the handbook, serve it on localhost and open it in Debian's Chromium.

One place for what the browser tests (``tests/browser``), the built-site tests (``tests/site``)
and the benchmark (``bench/calculator_startup.py``) share:

- :func:`build` runs ``encours build`` for a project folder in a child process and returns its
  exit code and output (the build prints through MkDocs);
- :func:`serve` serves a folder on a free localhost port with the MIME types Pyodide needs
  (``.wasm`` as ``application/wasm``, ``.mjs`` as JavaScript), or with a wrong ``.wasm`` type to
  exercise the page's bounded wait;
- :func:`launch_chromium` and :func:`chromium_options` start Debian's Chromium through
  Playwright (never a downloaded one).
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
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
WASM = "application/wasm"
# A cold Pyodide start takes seconds, more on a busy machine: waits are generous, never timed.
BOOT_TIMEOUT_MS = 90_000
PYTHON_READY = "() => window.encoursCalculators?.ready === true"

# What `make build` builds: French at the root, English under en/.
LANGUAGES = ("fr", "en")

CACHE = ROOT / ".cache"  # builds of copies of the project share this repository's snapshot


def build(
    site_dir: Path,
    *,
    root: Path = ROOT,
    languages: tuple[str, ...] = LANGUAGES,
    site_url: str | None = None,
) -> subprocess.CompletedProcess:
    """Build the project at ``root`` (its mkdocs.yml, policy and docs) into ``site_dir`` with
    ``encours build``, in a child process; returns the exit code and the output.

    ``site_url`` is where the site will be served: Material's instant navigation only follows
    links listed in the sitemap, whose addresses come from it.
    """
    command = [
        sys.executable, "-m", "encours", "build",
        "--config-file", str(root / "mkdocs.yml"),
        "--site-dir", str(site_dir),
        "--lang", "all" if tuple(languages) == LANGUAGES else ",".join(languages),
        "--cache-dir", str(CACHE),
    ]
    if site_url is not None:
        command += ["--site-url", site_url]
    return subprocess.run(
        command,
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass
class Traffic:
    """What a server sent: responses and bytes (status line, headers and body)."""

    responses: int = 0
    bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def reset(self) -> None:
        with self.lock:
            self.responses = self.bytes = 0


class _CountingWriter:
    def __init__(self, raw: Any, traffic: Traffic) -> None:
        self.raw, self.traffic = raw, traffic

    def write(self, data: bytes) -> int:
        with self.traffic.lock:
            self.traffic.bytes += len(data)
        return self.raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def _handler(directory: Path, wasm_type: str,
             traffic: Traffic | None) -> Callable[..., SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {  # noqa: RUF012 (the class attribute http.server reads)
            **SimpleHTTPRequestHandler.extensions_map,
            ".wasm": wasm_type,
            ".mjs": "text/javascript",
            ".js": "text/javascript",
            ".json": "application/json",
            ".zip": "application/zip",
        }

        def log_message(self, *args: Any) -> None:
            pass  # the tests watch requests in the browser; the server stays quiet

        def setup(self) -> None:
            super().setup()
            if traffic is not None:
                self.wfile = _CountingWriter(self.wfile, traffic)

        def send_response(self, code: int, message: str | None = None) -> None:
            if traffic is not None:
                with traffic.lock:
                    traffic.responses += 1
            super().send_response(code, message)

    return functools.partial(Handler, directory=str(directory))


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser hung up: not news
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, *, wasm_type: str = WASM,
          traffic: Traffic | None = None) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yields the base URL (no trailing slash).

    ``wasm_type`` is the Content-Type of ``.wasm`` files: anything but ``application/wasm``
    imitates a misconfigured server, on which Pyodide never finishes loading. ``traffic``, if
    given, counts what the server sends (what the browser really downloads, cache or not).
    """
    server = _QuietServer(("127.0.0.1", 0), _handler(directory, wasm_type, traffic))
    thread = threading.Thread(target=server.serve_forever, name="encours-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def chromium_options() -> dict[str, Any]:
    """Playwright launch options for Debian's Chromium, headless, with nothing that phones home
    (Playwright never downloads a browser here)."""
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: install Debian's chromium (see .ci/run)")
    return {"executable_path": CHROMIUM, "args": list(CHROMIUM_ARGS)}


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, for contexts without a profile on disk (each a fresh, empty one)."""
    return playwright.chromium.launch(**chromium_options())
