"""The Pyodide memory snapshot made at build time: made with the pinned Pyodide, loadable by it
with the calculators already imported and giving the same results as CPython, cached, and
replaced by a clear warning (pages start Python the normal way) when it cannot be made.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import calculators
from encours import assets, snapshot
from encours.handbook import build_handbook
from encours.render.calculator_pages import PAGED
from encours.snapshot import SnapshotUnavailable, pyodide_snapshot, snapshot_marker
from tests.calculators.calc_support import example

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
EXAMPLE = example("penalty", "FR-1")  # reference example: 203.05 + 40.00 = 243.05
PAYLOAD = json.loads(json.dumps(EXAMPLE["in"], default=str))

# Loads SNAPSHOT with the pinned Pyodide and prints the marker and a penalty result.
LOAD = """
import { readFile } from "node:fs/promises";
const [dir, file, payload] = process.argv.slice(1);
const { loadPyodide } = await import(dir + "/pyodide.mjs");
const lock = JSON.parse(await readFile(dir + "/pyodide-lock.json", "utf8"));
const pyodide = await loadPyodide({ indexURL: dir + "/", _loadSnapshot: await readFile(file),
                                    lockFileContents: { info: lock.info, packages: {} } });
const marker = pyodide.runPython("__import__('calculators').__snapshot__");
const modules = pyodide.runPython(
  "import sys; sorted(m for m in sys.modules if m.startswith('calculators'))").toJs();
const result = pyodide.pyimport("calculators.api").run_json("penalty", payload);
console.log(JSON.stringify({ marker, modules, result: JSON.parse(result) }));
"""

needs_node = pytest.mark.skipif(shutil.which("node") is None or not NODE_MODULES.exists(),
                                reason="needs Node.js and `npm ci`")
# Tests that make a snapshot and load it run Python inside Pyodide under Node (seconds each):
# marked ``pyodide``, out of `make test-fast`.


@pytest.fixture(scope="module")
def bundle() -> assets.Asset:
    return assets.calculators_bundle(ROOT / "calculators")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, bundle: assets.Asset) -> assets.Asset:
    return pyodide_snapshot(NODE_MODULES, bundle, tmp_path_factory.mktemp("snapshots"))


@needs_node
@pytest.mark.pyodide
def test_snapshot_starts_with_the_calculators_imported_and_computes_like_cpython(
    made: assets.Asset, bundle: assets.Asset
) -> None:
    version = assets.pyodide_version(NODE_MODULES)
    assert made.path.startswith(f"assets/pyodide/{version}/snapshot-")
    assert made.path.endswith(".bin")
    completed = subprocess.run(
        ["node", "--input-type=module", "-e", LOAD, str(NODE_MODULES / "pyodide"),
         str(made.source), json.dumps(PAYLOAD)],
        capture_output=True, text=True, check=True, timeout=120,
    )
    loaded = json.loads(completed.stdout.strip().splitlines()[-1])
    assert loaded["marker"] == snapshot_marker(version, bundle)
    assert loaded["marker"] == f"{version} {bundle.path.rsplit('/', 1)[-1]}"
    package = sorted(path.stem for path in (ROOT / "calculators").glob("*.py")
                     if path.stem not in {"__init__", "__main__"})
    assert {f"calculators.{name}" for name in package} <= set(loaded["modules"])
    assert loaded["result"] == json.loads(json.dumps(calculators.run("penalty", PAYLOAD)))
    assert loaded["result"]["total"] == EXAMPLE["expect"]["total"]


@needs_node
@pytest.mark.pyodide
def test_a_second_build_takes_the_snapshot_from_the_cache(
    made: assets.Asset, bundle: assets.Asset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(*args: object) -> None:
        raise AssertionError("the snapshot was made again instead of taken from the cache")

    monkeypatch.setattr(snapshot, "_make", must_not_run)
    again = pyodide_snapshot(NODE_MODULES, bundle, made.source.parent)
    assert again == made
    assert list(made.source.parent.iterdir()) == [made.source]  # no leftover partial file


def test_the_cache_key_follows_the_bundle_content(
    bundle: assets.Asset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    monkeypatch.setattr(snapshot, "_make",
                        lambda _dir, _bundle, marker, target: made.append(marker)
                        or target.write_bytes(b"snapshot"))
    first = pyodide_snapshot(NODE_MODULES, bundle, tmp_path)
    changed = assets.Asset(bundle.path.replace(".zip", "x.zip"), content=bundle.read() + b"\0")
    second = pyodide_snapshot(NODE_MODULES, changed, tmp_path)
    assert first.path != second.path
    assert len(made) == 2 and made[0] != made[1]
    assert pyodide_snapshot(NODE_MODULES, bundle, tmp_path) == first
    assert len(made) == 2


def test_without_node_the_reason_and_the_fix_are_given(
    bundle: assets.Asset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot.shutil, "which", lambda _name: None)
    with pytest.raises(SnapshotUnavailable, match=r"Node\.js is not installed.*install nodejs"):
        pyodide_snapshot(NODE_MODULES, bundle, tmp_path)
    assert not list(tmp_path.iterdir())


@needs_node
def test_a_failing_maker_is_reported_and_leaves_no_file(bundle: assets.Asset,
                                                        tmp_path: Path) -> None:
    broken = tmp_path / "node_modules" / "pyodide"
    broken.mkdir(parents=True)
    (broken / "package.json").write_text('{"version": "314.0.7"}')
    cache = tmp_path / "cache"
    with pytest.raises(SnapshotUnavailable, match=r"snapshot failed .*npm ci"):
        pyodide_snapshot(broken.parent, bundle, cache)
    assert not cache.exists() or not list(cache.iterdir())


def test_a_build_without_snapshot_warns_and_pages_start_python_normally(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot.shutil, "which", lambda _name: None)
    handbook = build_handbook(ROOT, cache_dir=ROOT / ".cache" / "no-snapshot-test")
    assert any("Node.js is not installed" in warning for warning in handbook.warnings)
    assert not [asset for asset in handbook.assets if "snapshot-" in asset.path]
    assert any(asset.path.endswith("pyodide.asm.wasm") for asset in handbook.assets)
    penalty = handbook.pages["calculators/penalty.md"]
    assert 'data-runtime="' in penalty and "data-snapshot=" not in penalty


@needs_node
def test_a_build_ships_the_snapshot_named_on_every_calculator_form() -> None:
    handbook = build_handbook(ROOT)
    [shipped] = [asset for asset in handbook.assets if "/snapshot-" in asset.path]
    name = shipped.path.rsplit("/", 1)[-1]
    forms = [page for path, page in handbook.pages.items()
             if path.startswith("calculators/") and "data-calculator=" in page]
    assert len(forms) == len(PAGED)  # every calculator with a page
    assert all(f'data-snapshot="{name}"' in page for page in forms)
