// Makes a Pyodide memory snapshot with the calculators already imported, for the calculator pages
// to start from (Pyodide's experimental `_makeSnapshot` / `makeMemorySnapshot()`).
//
//   node snapshot.mjs PYODIDE_DIR BUNDLE_ZIP MARKER OUT
//
// Every module of the `calculators` package is imported and each calculator run once (so the
// standard-library modules they import lazily are in memory too), then `calculators.__snapshot__`
// is set to MARKER: the page checks it before trusting the snapshot. Written to OUT.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, bundlePath, marker, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node snapshot.mjs PYODIDE_DIR BUNDLE_ZIP MARKER OUT");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const lock = JSON.parse(await readFile(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
const pyodide = await loadPyodide({
  indexURL: pyodideDir + path.sep,
  lockFileContents: { info: lock.info, packages: {} },
  _makeSnapshot: true,
});
const sitePackages = pyodide.runPython("__import__('site').getsitepackages()[0]");
pyodide.unpackArchive(new Uint8Array(await readFile(bundlePath)), "zip", { extractDir: sitePackages });
pyodide.globals.set("MARKER", marker);
pyodide.runPython(`
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
`);
pyodide.globals.delete("MARKER");
await writeFile(out, pyodide.makeMemorySnapshot());
