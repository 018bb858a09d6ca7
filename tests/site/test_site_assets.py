"""What the build ships besides pages: the Pyodide runtime (and nothing else of the npm
package), the calculators bundle and ``policy.json``; and nothing it should not (templates).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import brotli
import pytest

import calculators
from encours import handbook
from encours.policy import load_policy
from tests.support.harness import LANGUAGES, ROOT

PYODIDE = ROOT / "node_modules" / "pyodide"
# What a calculator page loads (../shared/notes/pyodide-offline.md), and the lock file.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK = "pyodide-lock.json"
GZIPPED = ("pyodide.asm.mjs", "pyodide.asm.wasm")
# Reference example FR-1 (../shared/reference/examples.yaml), rule L441-10 II.
FR_1 = {"regime": "FR", "amount": "10000", "due_date": "2025-09-30", "payment_date": "2025-11-30"}
FR_1_EXPECTED = {"days_late": 61, "interest": "203.05", "indemnity": "40.00", "total": "243.05"}
IN_BUNDLE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import calculators
print(json.dumps({"file": calculators.__file__,
                  "result": calculators.run("penalty", json.loads(sys.argv[2]))}))
"""


def pyodide_version() -> str:
    return json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]


def language_root(built_site: Path, lang: str) -> Path:
    """Where the handbook in ``lang`` lives: the first language at the root, others below it."""
    return built_site if lang == LANGUAGES[0] else built_site / lang


def test_only_the_pyodide_runtime_and_snapshot_are_shipped_once(built_site: Path) -> None:
    """The first language ships the runtime; the others (site/en/) point at it: one copy."""
    folder = built_site / "assets" / "pyodide"
    shipped = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                     if path.is_file())
    version = pyodide_version()
    snapshots = [name for name in shipped if "/snapshot-" in name]
    assert len(snapshots) == 2, snapshots
    snapshot = snapshots[0].removesuffix(".br")
    assert re.fullmatch(rf"{re.escape(version)}/snapshot-[0-9a-f]{{16}}\.pack", snapshot)
    key = snapshot.split("-")[-1].removesuffix(".pack")
    # The snapshot packed, the trimmed standard library, and a .br and a .gz beside the big files
    # (the worker fetches those and decompresses them: encours-bytes.mjs).
    pack = snapshot.split("/")[1]
    expected = (*RUNTIME_FILES, LOCK, f"{pack}.br", f"{pack}.gz", f"stdlib-{key}.zip",
                f"stdlib-{key}.zip.br", f"stdlib-{key}.zip.gz", "pyodide.asm.wasm.br",
                *(f"{name}.gz" for name in GZIPPED))
    assert shipped == sorted(f"{version}/{name}" for name in expected)
    for name in RUNTIME_FILES:
        assert (folder / version / name).read_bytes() == (PYODIDE / name).read_bytes(), name
    for name in GZIPPED:
        packed = (folder / version / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (PYODIDE / name).read_bytes(), name
    # Each .br holds what its .gz (or the file) holds.
    for name in ("pyodide.asm.wasm", pack, f"stdlib-{key}.zip"):
        plain = folder / version / name
        held = plain.read_bytes() if plain.exists() else gzip.decompress(
            (folder / version / f"{name}.gz").read_bytes())
        assert brotli.decompress((folder / version / f"{name}.br").read_bytes()) == held, name
    decoder = built_site / "assets" / "brotli"
    assert sorted(path.name for path in decoder.iterdir()) == [
        "brotli_dec_wasm.js", "brotli_dec_wasm_bg.wasm", "brotli_dec_wasm_bg.wasm.gz"]
    lock = json.loads((folder / version / LOCK).read_text(encoding="utf-8"))
    upstream = json.loads((PYODIDE / LOCK).read_text(encoding="utf-8"))
    assert lock == {"info": upstream["info"], "packages": {}}, "the lock file is not trimmed"
    for lang in LANGUAGES[1:]:
        assert not (language_root(built_site, lang) / "assets" / "pyodide").exists(), lang


def test_no_pyodide_file_outside_the_runtime_folder(built_site: Path) -> None:
    folder = built_site / "assets" / "pyodide"
    stray = [path.relative_to(built_site).as_posix()
             for path in built_site.rglob("*")
             if path.is_file() and path.name.startswith(("pyodide", "python_stdlib", "snapshot"))
             and folder not in path.parents]
    assert not stray, stray


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calculator_page_points_at_the_shipped_runtime_and_bundle(built_site: Path, lang: str):
    site = language_root(built_site, lang)
    page = (site / "calculators" / "penalty" / "index.html").read_text(encoding="utf-8")
    runtime = re.search(r'data-runtime="([^"]+)"', page)
    bundle = re.search(r'data-bundle="([^"]+)"', page)
    assert runtime and bundle, "the calculator form does not name its runtime and bundle"
    snapshot = re.search(r'data-snapshot="([^"]+)"', page)
    assert snapshot, "the calculator form does not name its Python snapshot"
    runtime_folder = (site / "assets" / runtime[1]).resolve()
    assert runtime_folder == (built_site / "assets" / "pyodide" / pyodide_version()).resolve()
    assert (runtime_folder / "pyodide.mjs").is_file()
    assert (runtime_folder / f"{snapshot[1]}.gz").is_file()
    stdlib = re.search(r'data-stdlib="([^"]+)"', page)
    assert stdlib and (runtime_folder / stdlib[1]).is_file()
    assert (runtime_folder / f"{stdlib[1]}.gz").is_file()
    # The Brotli copies' digests, for the worker to check what it decodes.
    forms = re.findall(r'data-brotli="([^"]+)"', page)  # the page's head, then the form
    assert len(forms) == 2 and len({html.unescape(found) for found in forms}) == 1, forms
    digests = json.loads(html.unescape(forms[0]))
    assert set(digests) == {"pyodide.asm.wasm", snapshot[1], stdlib[1]}
    for name, digest in digests.items():
        assert hashlib.sha256((runtime_folder / f"{name}.br").read_bytes()).hexdigest() == digest
    assert (site / "assets" / "calculators" / bundle[1]).is_file()


def test_calculators_bundle_imports_and_computes_in_cpython(built_site: Path, tmp_path: Path):
    (bundle,) = (built_site / "assets" / "calculators").glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path)
    files = [*(ROOT / "calculators").rglob("*.py"),
             *(ROOT / "calculators").glob("locale/*/LC_MESSAGES/*.mo")]
    package = sorted(f"calculators/{path.relative_to(ROOT / 'calculators').as_posix()}"
                     for path in files if "__pycache__" not in path.parts)
    assert names == package, ("the bundle is not exactly the calculators package's Python files "
                              "and compiled catalogues")

    completed = subprocess.run(
        [sys.executable, "-I", "-c", IN_BUNDLE, str(tmp_path), json.dumps(FR_1)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    imported = json.loads(completed.stdout)
    assert Path(imported["file"]).is_relative_to(tmp_path), imported["file"]
    result = imported["result"]
    for name, expected in FR_1_EXPECTED.items():
        assert result[name] == expected, name
    assert result == calculators.run("penalty", FR_1)


def test_policy_json_names_the_policy_version_and_content(policy_json: dict[str, Any]) -> None:
    policy = load_policy(ROOT / "policy").policy
    assert policy_json["version"] == policy.document.version
    assert re.fullmatch(r"[0-9a-f]{64}", policy_json["content_hash"])
    canonical = json.dumps(policy_json["policy"], sort_keys=True).encode()
    assert policy_json["content_hash"] == hashlib.sha256(canonical).hexdigest()
    assert policy_json == handbook.policy_json(policy), "the shipped file is not the policy's"


def test_content_hash_follows_the_content_not_the_writing(tmp_path: Path) -> None:
    """Written differently (comments, quotes, line breaks in a folded text): the same hash. One
    value changed, the version number not: another hash (the kept inputs are then forgotten)."""
    original = handbook.policy_json(load_policy(ROOT / "policy").policy)["content_hash"]
    rewritten = tmp_path / "policy"
    shutil.copytree(ROOT / "policy", rewritten)
    for path in rewritten.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(f"# {path.name}, written differently\n{text}", encoding="utf-8")
    replace(rewritten / "document.yaml", 'version: "', "version: '", '"  ', "'  ")
    replace(rewritten / "blocked_orders.yaml", "n'est pas une commande refusée. Le",
            "n'est pas une commande refusée.\n      Le")
    assert handbook.policy_json(load_policy(rewritten).policy)["content_hash"] == original
    replace(rewritten / "terms.yaml", "dispute_window_days: 15", "dispute_window_days: 16")
    edited = handbook.policy_json(load_policy(rewritten).policy)
    assert edited["version"] == load_policy(ROOT / "policy").policy.document.version
    assert edited["content_hash"] != original


def replace(path: Path, old: str, new: str, *more: str) -> None:
    """Replace ``old`` (found once) by ``new`` in ``path``; ``more``: further pairs, in order,
    each replaced once after the previous one."""
    text = path.read_text(encoding="utf-8")
    pairs = [(old, new), *zip(more[::2], more[1::2], strict=True)]
    position = 0
    for before, after in pairs:
        at = text.index(before, position)
        text = text[:at] + after + text[at + len(before):]
        position = at + len(after)
    path.write_text(text, encoding="utf-8")


def test_no_theme_template_is_published(built_site: Path) -> None:
    sources = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*.html")
               if "{% extends" in path.read_text(encoding="utf-8")]
    assert not sources, f"Jinja templates copied into the site as pages: {sources}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_search_index_has_each_chapter_once_and_not_the_print_page(built_site: Path,
                                                                       lang: str) -> None:
    """The print page repeats every chapter: it is left out of search, so that a hit comes from
    its chapter alone, and the index the theme builds in the browser is a third smaller."""
    index = json.loads((language_root(built_site, lang) / "search" / "search_index.json")
                       .read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "print/" not in pages
    assert {"terms/", "recovery/", "calculators/penalty/"} <= pages
    assert (language_root(built_site, lang) / "print" / "index.html").exists()
