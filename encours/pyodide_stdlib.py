"""The standard library of a snapshot start: only what the calculators import, the rest on demand.

Runs inside Pyodide, never in the build's own Python: the snapshot maker (``snapshot.mjs``) reads
this file and executes it there as the module ``_encours_stdlib``.

- :func:`write_trimmed` (first, in a Pyodide started the normal way, after the calculators were
  imported and run as for the snapshot) writes a zip of the standard-library files Python has
  loaded, plus the whole ``encodings`` package (a file's bytes may come in any of them): about a
  fifth of ``python_stdlib.zip``, stored uncompressed so that gzip on the wire does the work.
- :func:`install_fallback` (then, in the Pyodide the snapshot is taken from, which runs on the
  trimmed zip) appends a finder to ``sys.meta_path``: a module the trimmed zip lacks is looked up
  in the full ``python_stdlib.zip``, fetched once, synchronously, the first time one is missing,
  from ``FULL_URL`` (set by the page's worker after the snapshot is restored) through the
  JavaScript function ``encoursFetchSync(url)`` (bytes, or null). So no calculator can fail with
  ``ModuleNotFoundError`` because the zip was trimmed; it only waits for 2.5 MB.

The snapshot keeps zipimport's table of the zip it was made with, so it must be restored with
that very zip (the worker loads the trimmed zip named beside the snapshot).
"""

from __future__ import annotations

import importlib.machinery
import sys
import zipfile

FULL_PATH = "/lib/python_stdlib_full.zip"
FULL_URL: str | None = None
ALWAYS = ("encodings/",)
_loading = False


def stdlib_zip() -> str:
    """The path of the standard-library zip on ``sys.path``."""
    return next(entry for entry in sys.path if entry.endswith(".zip"))


def write_trimmed(target: str) -> list[str]:
    """Write the trimmed standard library to ``target``; returns the names it holds."""
    source = stdlib_zip()
    loaded = set()
    for module in list(sys.modules.values()):
        origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
        if origin.startswith(source + "/"):
            loaded.add(origin[len(source) + 1:])
    with zipfile.ZipFile(source) as full, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as out:
        names = [info.filename for info in full.infolist()
                 if info.filename in loaded or info.filename.startswith(ALWAYS)]
        folders = {name.rsplit("/", 1)[0] + "/" for name in names if "/" in name}
        names = sorted({*names, *(folder for folder in folders if folder in full.NameToInfo)})
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED
            out.writestr(info, full.read(name))
    return names


class FullStdlibFinder:
    """Finds, in the full standard library, what the trimmed one lacks (fetched on first use)."""

    def find_spec(self, name: str, path: list[str] | None = None, target: object = None):
        global _loading
        if FULL_URL is None or _loading:
            return None
        if FULL_PATH not in sys.path:
            _loading = True
            try:
                from js import encoursFetchSync  # the worker's synchronous fetch

                data = encoursFetchSync(FULL_URL)
                if data is None:
                    return None
                with open(FULL_PATH, "wb") as file:
                    file.write(data.to_bytes())
            except Exception:  # no fallback: Python's own ModuleNotFoundError
                return None
            finally:
                _loading = False
            sys.path.append(FULL_PATH)
        trimmed = stdlib_zip()
        paths = [entry.replace(trimmed, FULL_PATH, 1) for entry in path] if path else [FULL_PATH]
        return importlib.machinery.PathFinder.find_spec(name, paths, target)


def install_fallback() -> None:
    sys.meta_path.append(FullStdlibFinder())
