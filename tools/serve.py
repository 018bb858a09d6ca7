"""Serve a built handbook on localhost with the MIME types Pyodide needs.

:func:`serve` serves a folder on a free port of 127.0.0.1 (``.wasm`` as ``application/wasm``,
``.mjs`` as JavaScript), or with a wrong ``.wasm`` type to exercise the page's bounded wait, or
compressing with gzip as many web servers do (``compress=True``); :class:`Traffic` counts what the
server sends. Used by ``tools.pdf``, ``tools.screenshots``, the
benchmarks and the tests.
"""

from __future__ import annotations

import functools
import gzip
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

WASM = "application/wasm"
ALREADY_COMPRESSED = (".gz", ".br", ".zip", ".png", ".jpg", ".jpeg", ".webp", ".woff", ".woff2")


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


def _handler(directory: Path, wasm_type: str, traffic: Traffic | None,
             compress: bool = False) -> Callable[..., SimpleHTTPRequestHandler]:
    compressed: dict[tuple[str, float], bytes] = {}  # (file, mtime) → gzip, made once

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

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
                path = path / "index.html"
            if (not compress or "gzip" not in self.headers.get("Accept-Encoding", "")
                    or not path.is_file() or path.suffix in ALREADY_COMPRESSED):
                super().do_GET()
                return
            key = (str(path), path.stat().st_mtime)
            if key not in compressed:  # gzip -6, as nginx's `gzip on` with a higher level
                compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            body = compressed[key]
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            self.wfile.write(body)

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
def serve(directory: Path, *, wasm_type: str = WASM, traffic: Traffic | None = None,
          compress: bool = False) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yields the base URL (no trailing slash).

    ``wasm_type`` is the Content-Type of ``.wasm`` files: anything but ``application/wasm``
    imitates a misconfigured server, on which Pyodide never finishes loading. ``traffic``, if
    given, counts what the server sends (what the browser really downloads, cache or not).
    ``compress``: files that are not compressed already are sent gzipped to a browser that
    accepts it (compressed once, kept in memory), as a web server configured to compress does.
    """
    server = _QuietServer(("127.0.0.1", 0), _handler(directory, wasm_type, traffic, compress))
    thread = threading.Thread(target=server.serve_forever, name="encours-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
