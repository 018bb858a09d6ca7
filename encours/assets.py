"""Files the handbook ships besides its pages: the Pyodide runtime, the calculators bundle,
Mermaid, and ``policy.json``. Each is an :class:`Asset` (a site path and where its bytes come
from), so any static-site tool can write them; the MkDocs hook only adapts them to MkDocs files.

Only what a calculator page needs is copied from the pinned ``pyodide`` npm package: no source
maps, type declarations or console pages. The calculators bundle is a plain zip of the
``calculators`` package, Python files and compiled message catalogues (no pyodide-build, no wheel
tooling), unpacked by the worker with ``pyodide.unpackArchive``; its name carries a hash of its
content so browsers may cache it for ever.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

PYODIDE_RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
GZIPPED_RUNTIME_FILES = ("pyodide.asm.mjs", "pyodide.asm.wasm")
"""Shipped with a ``.gz`` beside them: the worker fetches ``pyodide.asm.wasm.gz`` and decompresses
it itself (9.6 MB → 3.5 MB on the wire from any server); a server that serves pre-compressed
files (nginx ``gzip_static``) sends either to a browser that accepts gzip.
``python_stdlib.zip`` is compressed inside already."""
BROTLI_DECODER = ("brotli_dec_wasm.js", "brotli_dec_wasm_bg.wasm")
"""npm ``brotli-dec-wasm``'s files, under ``assets/brotli/``: the calculators' worker decodes the
runtime's ``.br`` copies with them (encours/precompressed.py)."""
MERMAID_FILE = "mermaid/dist/mermaid.min.js"
ZIP_TIMESTAMP = (2020, 1, 1, 0, 0, 0)  # fixed, so the same sources give the same bundle bytes


@dataclass(frozen=True)
class Asset:
    """A file of the built site: ``path`` inside the site, bytes from ``source`` or ``content``."""

    path: str
    source: Path | None = None
    content: bytes | None = None

    def read(self) -> bytes:
        return self.content if self.content is not None else self.source.read_bytes()


def pyodide_version(node_modules: Path) -> str:
    manifest = node_modules / "pyodide" / "package.json"
    if not manifest.exists():
        raise FileNotFoundError(
            f"{manifest} is missing: run `npm ci` (or `make setup`) to install the pinned Pyodide"
        )
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def pyodide_runtime(node_modules: Path, cache: Path | None = None) -> list[Asset]:
    """The Pyodide files a calculator page loads, under ``assets/pyodide/<version>/``, with the
    ``.gz`` of :data:`GZIPPED_RUNTIME_FILES` (compressed once, kept in ``cache``).

    The lock file is cut down to its ``info`` block: the calculators need no Pyodide package,
    and the full file (120 KB) would only list packages the site does not ship.
    """
    version = pyodide_version(node_modules)
    folder = node_modules / "pyodide"
    target = f"assets/pyodide/{version}"
    assets = [Asset(f"{target}/{name}", source=folder / name) for name in PYODIDE_RUNTIME_FILES]
    if cache is not None:
        for name in GZIPPED_RUNTIME_FILES:
            assets.append(Asset(f"{target}/{name}.gz",
                                source=gzipped_copy(folder / name, cache / version)))
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    trimmed = json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":"))
    assets.append(Asset(f"{target}/pyodide-lock.json", content=trimmed.encode()))
    return assets


def gzipped_copy(source: Path, cache: Path) -> Path:
    """``cache/<name>.gz``: ``source`` gzipped (level 9, no time stamp), made once."""
    target = cache / f"{source.name}.gz"
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        cache.mkdir(parents=True, exist_ok=True)
        write_whole(target, gzip.compress(source.read_bytes(), compresslevel=9, mtime=0))
    return target


def write_whole(target: Path, content: bytes) -> None:
    """Write ``content`` to ``target`` so that no reader ever sees it half-written: to a
    temporary name of this process's, then moved into place. Two builds at once (the tests' two
    workers) may both make the same cached file: the last one to finish replaces the first's."""
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(content)
    partial.replace(target)


def brotli_decoder(node_modules: Path, cache: Path | None = None) -> list[Asset]:
    """The Brotli decoder's module and WebAssembly (with its ``.gz``: 204 KB → 97 KB, which
    the worker decompresses with ``DecompressionStream``), under ``assets/brotli/``."""
    folder = node_modules / "brotli-dec-wasm" / "pkg"
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is missing: run `npm ci` (or `make setup`)")
    decoder = [Asset(f"assets/brotli/{name}", source=folder / name) for name in BROTLI_DECODER]
    if cache is not None:
        wasm = folder / BROTLI_DECODER[1]
        decoder.append(Asset(f"assets/brotli/{wasm.name}.gz", source=gzipped_copy(wasm, cache)))
    return decoder


def calculators_bundle(package_dir: Path) -> Asset:
    """``assets/calculators/calculators-<hash>.zip``: the package's Python files and its compiled
    message catalogues (``locale/<lang>/LC_MESSAGES/*.mo``), nothing else."""
    files = [*package_dir.rglob("*.py"), *package_dir.glob("locale/*/LC_MESSAGES/*.mo")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(files):
            if "__pycache__" in path.parts:
                continue
            name = f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, path.read_bytes())
    content = buffer.getvalue()
    digest = hashlib.sha256(content).hexdigest()[:12]
    return Asset(f"assets/calculators/calculators-{digest}.zip", content=content)


def mermaid(node_modules: Path) -> Asset:
    """Mermaid from the pinned npm package, loaded lazily by ``mermaid-loader.js``."""
    return Asset("assets/javascripts/mermaid.min.js", source=node_modules / MERMAID_FILE)


def json_asset(path: str, data: object) -> Asset:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    return Asset(path, content=text.encode("utf-8"))
