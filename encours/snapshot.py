"""The Pyodide memory snapshot calculator pages start from: Python with the calculators imported.

A normal Pyodide start runs CPython's start-up and the imports (about 1.6 s in Node on this kind
of machine); restoring a memory snapshot taken at build time skips both (about 0.2 s). The
snapshot is made by ``snapshot.mjs`` with the pinned Pyodide from ``node_modules`` and the very
bundle the site ships, and carries a marker ``"<pyodide version> <bundle file name>"`` that the
page's worker checks before using it (else it falls back to a normal start).

Making one takes a few seconds, so it is cached under ``<cache>/pyodide-snapshots/``, keyed by
the Pyodide version, the bundle's content and the maker's scripts (``snapshot.mjs`` and the
boot module it shares with the pages' worker): a rebuild (``make serve``'s live reload, the
second language) reuses it. The cache folder is the plugin's ``cache_dir`` (default: the
project's ``.cache/``).

Shipped so that few bytes travel even from a server that compresses nothing (the worker
decompresses them with ``DecompressionStream``):

- the snapshot *packed* (:func:`pack`, read back by ``unpackSnapshot`` in
  ``encours-bytes.mjs``), then gzipped: ``snapshot-<key>.pack.gz`` (its Brotli copy ``.br`` is
  made by ``encours/precompressed.py``). Of its 31 MB, half are zero pages, and the start of the
  heap repeats the data segments of ``pyodide.asm.wasm`` (3.2 MB the page downloads anyway): the
  pack XORs the heap with those segments, then keeps only the pages that are not zero. The maker
  also zeroes the memory C's allocator holds free (``zeroFreeMemory`` in
  ``encours-pyodide.mjs``): 11.8 MB packed, 4.3 MB gzipped, 2.9 MB in Brotli;
- the trimmed standard library the snapshot was made on (``encours/pyodide_stdlib.py``):
  ``stdlib-<key>.zip`` (stored) and its ``.gz``, about 0.9 MB against 2.5 MB for the full
  ``python_stdlib.zip``, which a module the trimmed one lacks fetches on demand.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from encours.assets import Asset, pyodide_version, write_whole

MAKER = Path(__file__).with_name("snapshot.mjs")
STDLIB_HELPER = Path(__file__).with_name("pyodide_stdlib.py")
PACK_MAGIC = b"ENCSNAP1"
PAGE = 4096
BOOT = Path(__file__).parents[1] / "docs" / "assets" / "javascripts" / "encours-pyodide.mjs"
"""The boot module the maker imports and the pages' worker shares (what the snapshot runs)."""


class SnapshotUnavailable(RuntimeError):
    """The snapshot could not be made; the site still works, with a normal Python start."""


def snapshot_marker(version: str, bundle: Asset) -> str:
    """What the worker expects ``calculators.__snapshot__`` to be: Pyodide version and bundle."""
    return f"{version} {bundle.path.rsplit('/', 1)[-1]}"


def pyodide_snapshot(node_modules: Path, bundle: Asset, cache: Path) -> list[Asset]:
    """``assets/pyodide/<version>/snapshot-<key>.pack.gz``, then ``stdlib-<key>.zip`` and its
    ``.gz``, made (or taken from ``cache``) for ``bundle``. Raises :class:`SnapshotUnavailable`
    with the reason and the fix."""
    version = pyodide_version(node_modules)
    marker = snapshot_marker(version, bundle)
    key = hashlib.sha256(
        b"\0".join([marker.encode(), bundle.read(), MAKER.read_bytes(),
                     BOOT.read_bytes() if BOOT.exists() else b"", STDLIB_HELPER.read_bytes(),
                     Path(__file__).read_bytes()])
    ).hexdigest()[:16]
    packed = cache / f"{version}-{key}.pack.gz"
    stdlib = cache / f"{version}-{key}.stdlib.zip"
    stdlib_gz = stdlib.with_name(stdlib.name + ".gz")
    if not (packed.exists() and stdlib.exists() and stdlib_gz.exists()):
        _make(node_modules / "pyodide", bundle, marker, packed, stdlib)
    folder = f"assets/pyodide/{version}"
    return [Asset(f"{folder}/snapshot-{key}.pack.gz", source=packed),
            Asset(f"{folder}/stdlib-{key}.zip", source=stdlib),
            Asset(f"{folder}/stdlib-{key}.zip.gz", source=stdlib_gz)]


def gzipped(data: bytes, level: int = 9) -> bytes:
    """gzip, reproducible (no time stamp, no file name)."""
    return gzip.compress(data, compresslevel=level, mtime=0)


def wasm_data_segments(wasm: bytes) -> list[tuple[int, int, int]]:
    """The active data segments of a WebAssembly module: (memory offset, start in ``wasm``,
    length). Only constant offsets (``i32.const``), as Emscripten writes them."""

    def uleb(at: int) -> tuple[int, int]:
        value = shift = 0
        while True:
            byte = wasm[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value, at

    def sleb(at: int) -> tuple[int, int]:
        value, end = uleb(at)
        bits = 7 * (end - at)
        return (value - (1 << bits) if value & (1 << (bits - 1)) else value), end

    segments = []
    at = 8
    while at < len(wasm):
        section = wasm[at]
        size, at = uleb(at + 1)
        end = at + size
        if section == 11:  # data
            count, cursor = uleb(at)
            for _ in range(count):
                flags, cursor = uleb(cursor)
                offset = None
                if flags in (0, 2):
                    if flags == 2:
                        _, cursor = uleb(cursor)  # memory index
                    if wasm[cursor] != 0x41:  # i32.const
                        raise ValueError("data segment offset is not a constant")
                    offset, cursor = sleb(cursor + 1)
                    if wasm[cursor] != 0x0B:
                        raise ValueError("data segment offset expression does not end")
                    cursor += 1
                length, cursor = uleb(cursor)
                if offset is not None:
                    segments.append((offset, cursor, length))
                cursor += length
        at = end
    return segments


def pack(snapshot: bytes, wasm: bytes) -> bytes:
    """The snapshot, smaller before compression: its heap XORed with the data segments of
    ``wasm`` (zeros where the heap still holds them), then only the pages that are not zero.

    ``ENCSNAP1``, a little-endian u32 length, a JSON header ``{"size": <snapshot bytes>,
    "heap": <offset of the heap in the snapshot>, "runs": [[offset, length], …]}``, then the runs'
    bytes one after the other. ``unpackSnapshot`` (``encours-bytes.mjs``) undoes it.
    """
    heap_at = int.from_bytes(snapshot[4:8], "little")  # Pyodide's header, then the heap
    size = len(snapshot)
    predicted = bytearray(size)
    for offset, start, length in wasm_data_segments(wasm):
        at = heap_at + offset
        if at + length > size:
            raise ValueError("a data segment lies outside the snapshot's heap")
        predicted[at:at + length] = wasm[start:start + length]
    xored = (int.from_bytes(snapshot, "little") ^ int.from_bytes(predicted, "little")
             ).to_bytes(size, "little")
    zero = bytes(PAGE)
    runs: list[list[int]] = []
    for offset in range(0, size, PAGE):
        page = xored[offset:offset + PAGE]
        if page == zero[:len(page)]:
            continue
        if runs and runs[-1][0] + runs[-1][1] == offset:
            runs[-1][1] += len(page)
        else:
            runs.append([offset, len(page)])
    header = json.dumps({"size": size, "heap": heap_at, "runs": runs},
                        separators=(",", ":")).encode()
    body = b"".join(xored[offset:offset + length] for offset, length in runs)
    return PACK_MAGIC + len(header).to_bytes(4, "little") + header + body


def unpack(packed: bytes, wasm: bytes) -> bytes:
    """The snapshot :func:`pack` packed (what the worker does, for the tests)."""
    if packed[:8] != PACK_MAGIC:
        raise ValueError("not a packed snapshot")
    length = int.from_bytes(packed[8:12], "little")
    header = json.loads(packed[12:12 + length])
    out = bytearray(header["size"])
    at = 12 + length
    for offset, size in header["runs"]:
        out[offset:offset + size] = packed[at:at + size]
        at += size
    for offset, start, size in wasm_data_segments(wasm):
        base = header["heap"] + offset
        region = int.from_bytes(out[base:base + size], "little") ^ int.from_bytes(
            wasm[start:start + size], "little")
        out[base:base + size] = region.to_bytes(size, "little")
    return bytes(out)


def _make(pyodide_dir: Path, bundle: Asset, marker: str, packed: Path, stdlib: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise SnapshotUnavailable(
            "Node.js is not installed, so the calculators' Python snapshot was not made "
            "(pages start Python the slow way): install nodejs, then rebuild"
        )
    packed.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="encours-snapshot-") as scratch:
        zip_path = Path(scratch) / bundle.path.rsplit("/", 1)[-1]
        zip_path.write_bytes(bundle.read())
        raw, trimmed = Path(scratch) / "snapshot.bin", Path(scratch) / "stdlib.zip"
        completed = subprocess.run(
            [node, str(MAKER), str(pyodide_dir), str(zip_path), marker, str(raw), str(trimmed)],
            capture_output=True, text=True, check=False,
        )
        if completed.returncode != 0 or not raw.exists() or not trimmed.exists():
            detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["?"]
            raise SnapshotUnavailable(
                f"making the calculators' Python snapshot failed ({detail[0]}): pages will start "
                f"Python the slow way; check `node {MAKER.name}` with the pinned Pyodide "
                "(`npm ci`)"
            )
        wasm = (pyodide_dir / "pyodide.asm.wasm").read_bytes()
        stdlib_bytes = trimmed.read_bytes()
        # Each file moved into place only when complete, the snapshot last (its presence says
        # the three are there), so a cut-off build never leaves half a snapshot.
        write_whole(stdlib, stdlib_bytes)
        write_whole(stdlib.with_name(stdlib.name + ".gz"), gzipped(stdlib_bytes))
        # Level 6: level 9 takes 13 s instead of 3 for 1 % fewer bytes.
        write_whole(packed, gzipped(pack(raw.read_bytes(), wasm), 6))
