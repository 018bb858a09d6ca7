"""Brotli copies of the calculators' three big runtime files, which the page's worker decodes.

A server that compresses nothing still sends few bytes, because the worker downloads the files
compressed and decompresses them itself. Chromium's ``DecompressionStream`` knows gzip only, so
the ``.gz`` copies are what every browser can use; the ``.br`` copies made here are a quarter
smaller and decoded by a WebAssembly Brotli decoder (npm ``brotli-dec-wasm``, self-hosted under
``assets/brotli/``, 99 KB gzipped). Measured on Pyodide 314.0.7's files (MB):

========================  =====  =====  ===========
file                      raw    gzip   Brotli q11
========================  =====  =====  ===========
``pyodide.asm.wasm``      9.60   3.53   2.77
the snapshot's pack       13.96  5.40   3.55
the trimmed stdlib        4.36   0.90   0.61
========================  =====  =====  ===========

2.9 MB less, about 1.2 s on a 20 Mbit/s line. Quality 11 takes about a minute of CPU for the
three, so each copy is made once (the three at once, in threads: Brotli releases the GIL) and
kept in ``cache``, named after its source file's name, size and modification time; the sources
are files of the build's cache named after their content, or of the pinned npm package.

Brotli carries no checksum (gzip has its CRC): :class:`BrotliCopy` has the SHA-256 of the
``.br`` file, which the page gives the worker (``data-brotli``) and the worker checks before
it uses what it decoded; a copy that does not match is dropped for the ``.gz``.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

from encours.assets import Asset, write_whole

QUALITY = 11
WINDOW_BITS = 24  # the largest window: the files are megabytes long
log = logging.getLogger("encours")


@dataclass(frozen=True)
class BrotliCopy:
    """``path``: the ``.br`` file in the cache; ``sha256``: its digest, hexadecimal."""

    path: Path
    sha256: str


@dataclass(frozen=True)
class Source:
    """A file to copy: ``name`` for the messages, ``file`` whose path, size and modification
    time say which version it is, ``read`` giving the bytes to compress (``file``'s, or what a
    ``.gz`` file holds)."""

    name: str
    file: Path
    read: Callable[[], bytes]


def brotli_copies(sources: list[Source], cache: Path) -> list[BrotliCopy]:
    """The Brotli copy of each source, in order: taken from ``cache``, else made (in parallel)."""
    targets = [cache / f"{_version_key(source.file)}.br" for source in sources]
    missing = [(source, target) for source, target in zip(sources, targets, strict=True)
               if not (target.exists() and _digest_file(target).exists())]
    if missing:
        names = ", ".join(source.name for source, _ in missing)
        log.info("Compressing %s with Brotli for the calculator pages (once: up to a minute)…",
                 names)
        cache.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(max_workers=len(missing)) as pool:
            list(pool.map(lambda job: _make(*job), missing))
    return [BrotliCopy(target, _digest_file(target).read_text(encoding="ascii").strip())
            for target in targets]


def _version_key(file: Path) -> str:
    stat = file.stat()
    identity = f"{file.name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{QUALITY}\0{WINDOW_BITS}"
    return hashlib.sha256(identity.encode()).hexdigest()[:24]


def _digest_file(target: Path) -> Path:
    return target.with_suffix(".sha256")


def _make(source: Source, target: Path) -> None:
    data = brotli.compress(source.read(), quality=QUALITY, lgwin=WINDOW_BITS)
    write_whole(target, data)
    write_whole(_digest_file(target), hashlib.sha256(data).hexdigest().encode())  # last: done


def brotli_assets(assets: list[Asset], cache: Path) -> tuple[list[Asset], dict[str, str]]:
    """A ``.br`` asset beside each of ``assets`` (for ``X.gz``: ``X.br``, of what it holds), and
    the SHA-256 of each ``.br`` file by the name of the file it holds (``X``)."""
    raw_paths = [asset.path.removesuffix(".gz") for asset in assets]
    sources = [Source(path.rsplit("/", 1)[-1], asset.source,
                      (lambda asset=asset: gzip.decompress(asset.read()))
                      if asset.path.endswith(".gz") else asset.read)
               for asset, path in zip(assets, raw_paths, strict=True)]
    copies = brotli_copies(sources, cache)
    shipped = [Asset(f"{path}.br", source=copy.path) for path, copy in zip(raw_paths, copies,
                                                                            strict=True)]
    return shipped, {source.name: copy.sha256 for source, copy in zip(sources, copies,
                                                                       strict=True)}
