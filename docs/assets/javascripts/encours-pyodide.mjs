// Starting Pyodide with the calculators, one way everywhere: the calculator pages' worker (in
// the browser), the build's snapshot maker (encours/snapshot.mjs) and the Node runs of the tests
// and benchmarks (tests/pyodide/boot.mjs). Isomorphic: no browser or Node API is used here; the
// caller imports Pyodide (`loadPyodide`), fetches or reads the bytes and passes them in.

/** What `calculators.__snapshot__` says in a snapshot made for this Pyodide and this bundle. */
export function snapshotMarker(version, bundleName) {
  return `${version} ${bundleName}`;
}

/** Where Pyodide imports installed packages from. */
export function sitePackages(pyodide) {
  return pyodide.runPython("__import__('site').getsitepackages()[0]");
}

/**
 * Unpacks zip archives (the calculators bundle) or wheels into site-packages. Without
 * `extractDir`, unpackArchive would extract into the current directory; it wants a Uint8Array
 * (a Node Buffer is refused).
 */
export function unpack(pyodide, archives, format = "zip") {
  const extractDir = sitePackages(pyodide);
  for (const bytes of archives) pyodide.unpackArchive(bytes, format, { extractDir });
}

// Run before a snapshot is taken: every module of the package imported and each calculator run
// once in each language (so the standard-library modules they import lazily are in memory too),
// through the worker's own entry point; then the marker the worker checks.
const PREPARE_SNAPSHOT = `
import importlib, pkgutil
import calculators
from calculators.batch import run_form_json
from calculators.languages import LANGUAGES
from calculators.specs import CALCULATORS
for module in pkgutil.walk_packages(calculators.__path__, "calculators."):
    importlib.import_module(module.name)
for name in CALCULATORS:
    for lang in LANGUAGES:
        run_form_json(name, '{"lang": "%s"}' % lang)
calculators.__snapshot__ = MARKER
`;

/**
 * Zeroes the memory that C's allocator holds free, below its current end: what was freed (the
 * bundle's bytes while they were unpacked, the objects of the calculators' first runs) still
 * holds its old bytes, which a snapshot would carry for nothing. Each free block is taken with
 * `malloc`, biggest first, zeroed, then all are given back; a block that would lie past the
 * allocator's end (`sbrk(0)`), which is zero already, is given back at once, so the memory does
 * not grow. Measured on Pyodide 314.0.7: 3.6 MB zeroed, the packed snapshot 13.96 → 11.77 MB
 * (Brotli 9: 4.18 → 3.26 MB). Does nothing if the module does not expose what it needs.
 * Returns the number of bytes zeroed.
 */
export function zeroFreeMemory(module) {
  if (typeof module?._malloc !== "function" || typeof module._sbrk !== "function") return 0;
  const end = module._sbrk(0);
  const length = module.HEAPU8.length;
  const taken = [];
  let zeroed = 0;
  for (let size = 1 << 20; size >= 8; size >>= 1) {
    for (;;) {
      const at = module._malloc(size);
      if (!at) break;
      if (at + size > end || module.HEAPU8.length !== length) {
        module._free(at);
        break;
      }
      module.HEAPU8.fill(0, at, at + size);
      zeroed += size;
      taken.push(at);
    }
  }
  for (const at of taken.reverse()) module._free(at);
  return zeroed;
}

/**
 * A memory snapshot of Python with the calculators imported (Pyodide's experimental
 * `_makeSnapshot`): `bundle` is the calculators zip, `marker` what {@link startPython} expects,
 * `after` Python run last; then the allocator's free memory is zeroed (smaller once compressed)
 * and the snapshot taken.
 */
export async function makeSnapshot(loadPyodide, { options = {}, bundle, marker, after = "" }) {
  const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
  unpack(pyodide, [bundle]);
  pyodide.globals.set("MARKER", marker);
  pyodide.runPython(PREPARE_SNAPSHOT);
  pyodide.globals.delete("MARKER");
  if (after) pyodide.runPython(after);
  pyodide.runPython("__import__('gc').collect()");
  zeroFreeMemory(pyodide._module);
  return pyodide.makeMemorySnapshot();
}

/**
 * Python with the calculators imported and run as for a snapshot, not snapshotted: what the
 * snapshot maker measures (which standard-library modules the calculators need).
 */
export async function prepared(loadPyodide, { options = {}, bundle }) {
  const pyodide = await loadPyodide(options);
  unpack(pyodide, [bundle]);
  pyodide.globals.set("MARKER", "");
  pyodide.runPython(PREPARE_SNAPSHOT);
  pyodide.globals.delete("MARKER");
  return pyodide;
}

/**
 * Python with the calculators imported. From `snapshot` (bytes, or a promise of them) when it
 * carries `marker` (made from this Pyodide and this bundle): no start-up, no import. Otherwise,
 * or if the snapshot cannot be used, a normal start, then `bundle` (bytes, a promise, or a
 * function that fetches them only then) is unpacked; `snapshotOptions` are added to `options` for
 * the snapshot start only (its trimmed standard library); `onStage("calculators")` is called in between. Resolves to `{pyodide, from}`,
 * `from` being "snapshot" or "start".
 */
export async function startPython(loadPyodide, {
  options = {}, snapshotOptions = {}, bundle, snapshot = null, marker = null,
  onStage = () => {}, warn = console.warn,
}) {
  if (snapshot) {
    try {
      const pyodide = await loadPyodide({ ...options, ...snapshotOptions, _loadSnapshot: snapshot });
      const found = pyodide.runPython("getattr(__import__('calculators'), '__snapshot__', '')");
      if (found === marker) return { pyodide, from: "snapshot" };
      warn(`Encours: snapshot made for "${found}", not "${marker}": normal start`);
    } catch (error) {
      warn("Encours: the Python snapshot could not be used, normal start:", error);
    }
  }
  const pyodide = await loadPyodide(options);
  if (bundle) {
    onStage("calculators");
    unpack(pyodide, [await (typeof bundle === "function" ? bundle() : bundle)]);
  }
  return { pyodide, from: "start" };
}
