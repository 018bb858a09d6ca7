// Makes a Pyodide memory snapshot with the calculators already imported, for the calculator pages
// to start from (Pyodide's experimental `_makeSnapshot` / `makeMemorySnapshot()`).
//
//   node snapshot.mjs PYODIDE_DIR BUNDLE_ZIP MARKER OUT
//
// The snapshot is made by the site's own boot module (docs/assets/javascripts/encours-pyodide.mjs,
// also the worker's): every module of the `calculators` package imported, each calculator run
// once, then `calculators.__snapshot__` set to MARKER, which the page checks before trusting the
// snapshot. Written to OUT.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { makeSnapshot } from "../docs/assets/javascripts/encours-pyodide.mjs";

const [pyodideDir, bundlePath, marker, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node snapshot.mjs PYODIDE_DIR BUNDLE_ZIP MARKER OUT");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const lock = JSON.parse(await readFile(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
const snapshot = await makeSnapshot(loadPyodide, {
  options: { indexURL: pyodideDir + path.sep, lockFileContents: { info: lock.info, packages: {} } },
  bundle: new Uint8Array(await readFile(bundlePath)),
  marker,
});
await writeFile(out, snapshot);
