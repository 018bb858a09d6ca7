// The calculators' runtime (encours-runtime.js): what the worker is sent to start, and the
// isomorphic boot module's marker (encours-pyodide.mjs), which the snapshot maker writes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { snapshotMarker, startPython } from "../../docs/assets/javascripts/encours-pyodide.mjs";
import { bootMessage } from "../../docs/assets/javascripts/encours-runtime.js";

test("boot message: the form's runtime, bundle, snapshot, its stdlib and the Brotli copies' digests, with the assets URL", () => {
  const assets = "https://example.org/en/assets/";
  const brotli = { "pyodide.asm.wasm": "ab12", "snapshot-0123.pack": "cd34" };
  assert.deepEqual(
    bootMessage({ runtime: "../../assets/pyodide/314.0.7", bundle: "calculators-abc.zip",
                  snapshot: "snapshot-0123.pack", stdlib: "stdlib-0123.zip",
                  brotli: JSON.stringify(brotli), lang: "en" }, assets),
    { type: "boot", assets, runtime: "../../assets/pyodide/314.0.7", bundle: "calculators-abc.zip",
      snapshot: "snapshot-0123.pack", stdlib: "stdlib-0123.zip", brotli });
  const plain = bootMessage({ runtime: "pyodide/1", bundle: "b.zip" }, assets);
  assert.equal(plain.snapshot, null);
  assert.equal(plain.stdlib, null);
  assert.equal(plain.brotli, null);
});

test("the default assets URL is the folder above the module's", () => {
  assert.match(bootMessage({ runtime: "r", bundle: "b" }).assets, /\/docs\/assets\/$/);
});

test("snapshot marker: Pyodide version and bundle name (as encours.snapshot writes it)", () => {
  assert.equal(snapshotMarker("314.0.7", "calculators-abc.zip"), "314.0.7 calculators-abc.zip");
});

// A stand-in for Pyodide: records what is asked of it.
function fakePyodide(marker) {
  const calls = [];
  const pyodide = {
    calls,
    runPython: (code) => (code.includes("__snapshot__") ? marker : "/site-packages"),
    unpackArchive: (bytes, format, options) => calls.push(["unpack", bytes, format, options]),
  };
  const loadPyodide = async (options) => { calls.push(["load", options]); return pyodide; };
  return { pyodide, loadPyodide };
}

test("startPython uses a snapshot made for this Pyodide and bundle", async () => {
  const { pyodide, loadPyodide } = fakePyodide("v b.zip");
  const started = await startPython(loadPyodide, {
    options: { indexURL: "x/" }, bundle: Promise.resolve(new Uint8Array([1])),
    snapshot: new Uint8Array([2]), marker: "v b.zip",
  });
  assert.equal(started.from, "snapshot");
  assert.deepEqual(pyodide.calls.map(([kind]) => kind), ["load"]);
});

test("startPython falls back to a normal start and the bundle when the marker differs", async () => {
  const { pyodide, loadPyodide } = fakePyodide("v other.zip");
  const warnings = [];
  const stages = [];
  const bundle = new Uint8Array([1]);
  const started = await startPython(loadPyodide, {
    options: { indexURL: "x/" }, bundle: Promise.resolve(bundle), snapshot: new Uint8Array([2]),
    marker: "v b.zip", onStage: (stage) => stages.push(stage), warn: (text) => warnings.push(text),
  });
  assert.equal(started.from, "start");
  assert.deepEqual(warnings, ['Encours: snapshot made for "v other.zip", not "v b.zip": normal start']);
  assert.deepEqual(stages, ["calculators"]);
  assert.deepEqual(pyodide.calls.at(-1), ["unpack", bundle, "zip", { extractDir: "/site-packages" }]);
  assert.deepEqual(pyodide.calls[1], ["load", { indexURL: "x/" }]);
});
