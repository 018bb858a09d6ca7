// The calculators' runtime (encours-runtime.js): what the worker is sent to start, and the
// isomorphic boot module's marker (encours-pyodide.mjs), which the snapshot maker writes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { snapshotMarker, startPython, zeroFreeMemory } from "../../docs/assets/javascripts/encours-pyodide.mjs";
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

// A toy C allocator over 64 KB of memory: a bump pointer (`sbrk`) up to the memory's end, and a
// list of free blocks (first fit, split), as far as zeroFreeMemory can tell.
function toyModule() {
  const HEAPU8 = new Uint8Array(65536);
  let brk = 4096;
  const free = [];
  const used = new Map();
  return {
    HEAPU8, free, used,
    _sbrk: (increment) => { const old = brk; brk += increment; return old; },
    _malloc(size) {
      const index = free.findIndex(([, length]) => length >= size);
      if (index >= 0) {
        const [at, length] = free[index];
        if (length > size) free[index] = [at + size, length - size];
        else free.splice(index, 1);
        used.set(at, size);
        return at;
      }
      if (brk + size > HEAPU8.length) return 0;
      const at = brk;
      brk += size;
      used.set(at, size);
      return at;
    },
    _free(at) {
      free.push([at, used.get(at)]);
      used.delete(at);
    },
  };
}

test("zeroFreeMemory zeroes what the allocator holds free, gives it all back, and never extends it", () => {
  const module = toyModule();
  const live = module._malloc(1000);
  module.HEAPU8.fill(7, live, live + 1000);
  const freed = [module._malloc(3000), module._malloc(104)]; // C blocks are multiples of 8
  for (const at of freed) module.HEAPU8.fill(9, at, at + module.used.get(at));
  for (const at of freed) module._free(at);
  const end = module._sbrk(0);
  const zeroed = zeroFreeMemory(module);
  assert.ok(zeroed >= 3000, `zeroed ${zeroed}`);
  assert.ok(!module.HEAPU8.includes(9), "freed bytes are left");
  assert.ok(module.HEAPU8.subarray(live, live + 1000).every((byte) => byte === 7), "a live block was touched");
  assert.deepEqual([...module.used.keys()], [live], "a block was not given back");
  assert.ok(module._sbrk(0) <= end + (1 << 20), "the allocator grew");
  assert.equal(zeroFreeMemory({}), 0); // no allocator to ask: nothing done
});
