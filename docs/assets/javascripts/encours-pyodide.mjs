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
 * A memory snapshot of Python with the calculators imported (Pyodide's experimental
 * `_makeSnapshot`): `bundle` is the calculators zip, `marker` what {@link startPython} expects,
 * `after` Python run last, just before the snapshot is taken.
 */
export async function makeSnapshot(loadPyodide, { options = {}, bundle, marker, after = "" }) {
  const pyodide = await loadPyodide({ ...options, _makeSnapshot: true });
  unpack(pyodide, [bundle]);
  pyodide.globals.set("MARKER", marker);
  pyodide.runPython(PREPARE_SNAPSHOT);
  pyodide.globals.delete("MARKER");
  if (after) pyodide.runPython(after);
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
