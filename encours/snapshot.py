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
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from encours.assets import Asset, pyodide_version

MAKER = Path(__file__).with_name("snapshot.mjs")
BOOT = Path(__file__).parents[1] / "docs" / "assets" / "javascripts" / "encours-pyodide.mjs"
"""The boot module the maker imports and the pages' worker shares (what the snapshot runs)."""


class SnapshotUnavailable(RuntimeError):
    """The snapshot could not be made; the site still works, with a normal Python start."""


def snapshot_marker(version: str, bundle: Asset) -> str:
    """What the worker expects ``calculators.__snapshot__`` to be: Pyodide version and bundle."""
    return f"{version} {bundle.path.rsplit('/', 1)[-1]}"


def pyodide_snapshot(node_modules: Path, bundle: Asset, cache: Path) -> Asset:
    """``assets/pyodide/<version>/snapshot-<key>.bin``, made (or taken from ``cache``) for
    ``bundle``. Raises :class:`SnapshotUnavailable` with the reason and the fix."""
    version = pyodide_version(node_modules)
    marker = snapshot_marker(version, bundle)
    key = hashlib.sha256(
        b"\0".join([marker.encode(), bundle.read(), MAKER.read_bytes(),
                     BOOT.read_bytes() if BOOT.exists() else b""])
    ).hexdigest()[:16]
    cached = cache / f"{version}-{key}.bin"
    if not cached.exists():
        _make(node_modules / "pyodide", bundle, marker, cached)
    return Asset(f"assets/pyodide/{version}/snapshot-{key}.bin", source=cached)


def _make(pyodide_dir: Path, bundle: Asset, marker: str, target: Path) -> None:
    node = shutil.which("node")
    if node is None:
        raise SnapshotUnavailable(
            "Node.js is not installed, so the calculators' Python snapshot was not made "
            "(pages start Python the slow way): install nodejs, then rebuild"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="encours-snapshot-") as scratch:
        zip_path = Path(scratch) / bundle.path.rsplit("/", 1)[-1]
        zip_path.write_bytes(bundle.read())
        partial = Path(scratch) / "snapshot.bin"
        completed = subprocess.run(
            [node, str(MAKER), str(pyodide_dir), str(zip_path), marker, str(partial)],
            capture_output=True, text=True, check=False,
        )
        if completed.returncode != 0 or not partial.exists():
            detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["?"]
            raise SnapshotUnavailable(
                f"making the calculators' Python snapshot failed ({detail[0]}): pages will start "
                f"Python the slow way; check `node {MAKER.name}` with the pinned Pyodide "
                "(`npm ci`)"
            )
        # Move into place only when complete, so a cut-off build never leaves half a snapshot.
        # The temporary name is this process's: two builds at once (the tests' two workers)
        # may make the same snapshot, and the last one to finish replaces the first's.
        moving = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        shutil.move(str(partial), moving)
        moving.replace(target)
