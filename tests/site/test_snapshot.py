"""The Pyodide memory snapshot made at build time: made with the pinned Pyodide, loadable by it
with the calculators already imported and giving the same results as CPython, cached, and
replaced by a clear warning (pages start Python the normal way) when it cannot be made.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import zipfile
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

# Loads SNAPSHOT (unpacked) on its trimmed standard library with the pinned Pyodide, and prints
# the marker, the calculators' modules, a penalty result, and a module the trimmed standard
# library lacks, imported from the full one (fetched on demand as in the worker).
LOAD = """
import { readFile } from "node:fs/promises";
import fs from "node:fs";
const [dir, file, stdlib, payload] = process.argv.slice(1);
const { loadPyodide } = await import(dir + "/pyodide.mjs");
const lock = JSON.parse(await readFile(dir + "/pyodide-lock.json", "utf8"));
const pyodide = await loadPyodide({ indexURL: dir + "/", _loadSnapshot: await readFile(file),
                                    stdLibURL: stdlib,
                                    lockFileContents: { info: lock.info, packages: {} } });
const fetched = [];
globalThis.encoursFetchSync = (url) => { fetched.push(url); return new Uint8Array(fs.readFileSync(url)); };
const marker = pyodide.runPython("__import__('calculators').__snapshot__");
const modules = pyodide.runPython(
  "import sys; sorted(m for m in sys.modules if m.startswith('calculators'))").toJs();
const result = pyodide.pyimport("calculators.api").run_json("penalty", payload);
pyodide.runPython(`__import__('_encours_stdlib').FULL_URL = ${JSON.stringify(dir)} + "/python_stdlib.zip"`);
const colorsys = pyodide.runPython("import colorsys; colorsys.__file__");
console.log(JSON.stringify({ marker, modules, result: JSON.parse(result), colorsys, fetched }));
"""

needs_node = pytest.mark.skipif(shutil.which("node") is None or not NODE_MODULES.exists(),
                                reason="needs Node.js and `npm ci`")
# Tests that make a snapshot and load it run Python inside Pyodide under Node (seconds each):
# marked ``pyodide``, out of `make test-fast`.


@pytest.fixture(scope="module")
def bundle() -> assets.Asset:
    return assets.calculators_bundle(ROOT / "calculators")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, bundle: assets.Asset) -> list[assets.Asset]:
    return pyodide_snapshot(NODE_MODULES, bundle, tmp_path_factory.mktemp("snapshots"))


@needs_node
@pytest.mark.pyodide
def test_snapshot_starts_with_the_calculators_imported_and_computes_like_cpython(
    made: list[assets.Asset], bundle: assets.Asset, tmp_path: Path
) -> None:
    version = assets.pyodide_version(NODE_MODULES)
    packed, stdlib, stdlib_gz = made
    key = packed.path.rsplit("-", 1)[-1].removesuffix(".pack.gz")
    assert packed.path == f"assets/pyodide/{version}/snapshot-{key}.pack.gz"
    assert stdlib.path == f"assets/pyodide/{version}/stdlib-{key}.zip"
    assert stdlib_gz.path == stdlib.path + ".gz"
    assert gzip.decompress(stdlib_gz.read()) == stdlib.read()
    wasm = (NODE_MODULES / "pyodide" / "pyodide.asm.wasm").read_bytes()
    raw = tmp_path / "snapshot.bin"
    raw.write_bytes(snapshot.unpack(gzip.decompress(packed.read()), wasm))
    completed = subprocess.run(
        ["node", "--input-type=module", "-e", LOAD, str(NODE_MODULES / "pyodide"),
         str(raw), str(stdlib.source), json.dumps(PAYLOAD)],
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
    # Not in the trimmed standard library: found in the full one, fetched once, on demand.
    with zipfile.ZipFile(stdlib.source) as trimmed:
        assert "colorsys.py" not in trimmed.namelist()
        assert "decimal.py" in trimmed.namelist()
    assert loaded["colorsys"].endswith("/colorsys.py")
    assert loaded["fetched"] == [f"{NODE_MODULES / 'pyodide'}/python_stdlib.zip"]


# The worker's unpacking (encours-bytes.mjs) of a snapshot's pack, as a SHA-256.
UNPACK_IN_JS = """
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
const [bytes, packed, wasm] = process.argv.slice(1);
const { unpackSnapshot } = await import(bytes);
const out = unpackSnapshot(new Uint8Array(readFileSync(packed)), new Uint8Array(readFileSync(wasm)));
console.log(createHash("sha256").update(out).digest("hex"));
"""


@needs_node
@pytest.mark.pyodide
def test_the_worker_unpacks_the_shipped_snapshot_as_python_does(
    made: list[assets.Asset], tmp_path: Path
) -> None:
    wasm = NODE_MODULES / "pyodide" / "pyodide.asm.wasm"
    packed = tmp_path / "snapshot.pack"
    packed.write_bytes(gzip.decompress(made[0].read()))
    module = ROOT / "docs" / "assets" / "javascripts" / "encours-bytes.mjs"
    completed = subprocess.run(
        ["node", "--input-type=module", "-e", UNPACK_IN_JS, module.as_uri(), str(packed),
         str(wasm)], capture_output=True, text=True, check=True, timeout=120)
    expected = snapshot.unpack(packed.read_bytes(), wasm.read_bytes())
    assert expected[:4] == b"\0snp"  # Pyodide's own snapshot
    assert completed.stdout.strip() == hashlib.sha256(expected).hexdigest()


def test_a_packed_snapshot_unpacks_to_the_same_bytes() -> None:
    wasm = (NODE_MODULES / "pyodide" / "pyodide.asm.wasm").read_bytes()
    segments = snapshot.wasm_data_segments(wasm)
    assert segments and all(length > 0 for _, _, length in segments)
    heap = bytearray(8 * 1024 * 1024)  # larger than the data segments
    header = (0).to_bytes(4, "little") + (16).to_bytes(4, "little") + b"\x07" * 8
    for offset, start, length in segments:  # as the wasm loads them
        heap[offset:offset + length] = wasm[start:start + length]
    heap[segments[0][0] + 5] ^= 0xFF  # then changed by Python
    heap[-3:] = b"end"
    raw = header + bytes(heap[:len(heap) - 16])
    packed = snapshot.pack(raw, wasm)
    assert len(packed) < 4096 * 4
    assert snapshot.unpack(packed, wasm) == raw


@needs_node
@pytest.mark.pyodide
def test_a_second_build_takes_the_snapshot_from_the_cache(
    made: list[assets.Asset], bundle: assets.Asset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_run(*args: object) -> None:
        raise AssertionError("the snapshot was made again instead of taken from the cache")

    monkeypatch.setattr(snapshot, "_make", must_not_run)
    folder = made[0].source.parent
    again = pyodide_snapshot(NODE_MODULES, bundle, folder)
    assert again == made
    # No leftover partial file.
    assert sorted(folder.iterdir()) == sorted(asset.source for asset in made)


def test_the_cache_key_follows_the_bundle_content(
    bundle: assets.Asset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[str] = []
    def fake(_dir: Path, _bundle: assets.Asset, marker: str, target: Path,
             stdlib: Path) -> None:
        made.append(marker)
        for path in (target, stdlib, stdlib.with_name(stdlib.name + ".gz")):
            path.write_bytes(b"made")

    monkeypatch.setattr(snapshot, "_make", fake)
    first = pyodide_snapshot(NODE_MODULES, bundle, tmp_path)
    changed = assets.Asset(bundle.path.replace(".zip", "x.zip"), content=bundle.read() + b"\0")
    second = pyodide_snapshot(NODE_MODULES, changed, tmp_path)
    assert first[0].path != second[0].path
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
    shipped = sorted(asset.path for asset in handbook.assets if "/snapshot-" in asset.path)
    name = shipped[0].rsplit("/", 1)[-1].removesuffix(".br")  # the name the page gives
    assert [path.rsplit("/", 1)[-1] for path in shipped] == [f"{name}.br", f"{name}.gz"]
    [stdlib] = [asset for asset in handbook.assets if asset.path.endswith(".zip")
                and "/stdlib-" in asset.path]
    forms = [page for path, page in handbook.pages.items()
             if path.startswith("calculators/") and "data-calculator=" in page]
    assert len(forms) == len(PAGED)  # every calculator with a page
    assert all(f'data-snapshot="{name}"' in page for page in forms)
    assert all(f'data-stdlib="{stdlib.path.rsplit("/", 1)[-1]}"' in page for page in forms)
    gzipped = {asset.path.rsplit("/", 1)[-1]: asset for asset in handbook.assets
               if asset.path.endswith(".gz")}
    for name in ("pyodide.asm.wasm", "pyodide.asm.mjs"):
        [raw] = [asset for asset in handbook.assets if asset.path.endswith(f"/{name}")]
        assert gzip.decompress(gzipped[f"{name}.gz"].read()) == raw.read()
