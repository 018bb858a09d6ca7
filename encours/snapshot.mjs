// Makes a Pyodide memory snapshot with the calculators already imported, for the calculator pages
// to start from (Pyodide's experimental `_makeSnapshot` / `makeMemorySnapshot()`), and the
// trimmed standard library it runs on.
//
//   node snapshot.mjs PYODIDE_DIR BUNDLE_ZIP MARKER OUT [OUT_STDLIB]
//
// The snapshot is made by the site's own boot module (docs/assets/javascripts/encours-pyodide.mjs,
// also the worker's): every module of the `calculators` package imported, each calculator run
// once, then `calculators.__snapshot__` set to MARKER, which the page checks before trusting the
// snapshot. Written to OUT.
//
// With OUT_STDLIB: first a normal start measures which standard-library files that takes, and
// writes them to OUT_STDLIB (encours/pyodide_stdlib.py); the snapshot is then made on that
// trimmed zip, with a finder that fetches the full one for any other module.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { makeSnapshot, prepared } from "../docs/assets/javascripts/encours-pyodide.mjs";

const [pyodideDir, bundlePath, marker, out, outStdlib] = process.argv.slice(2);
if (!out) {
  console.error("usage: node snapshot.mjs PYODIDE_DIR BUNDLE_ZIP MARKER OUT [OUT_STDLIB]");
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const helper = await readFile(path.join(here, "pyodide_stdlib.py"), "utf8");
// `_encours_stdlib`: the helper as a module of the Python it runs in (kept in the snapshot).
const asModule = `
import sys, types
module = types.ModuleType("_encours_stdlib")
module.__file__ = "<encours>"
sys.modules["_encours_stdlib"] = module
exec(compile(HELPER, "_encours_stdlib.py", "exec"), module.__dict__)
del module
`;
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const lock = JSON.parse(await readFile(path.join(pyodideDir, "pyodide-lock.json"), "utf8"));
const options = { indexURL: pyodideDir + path.sep, lockFileContents: { info: lock.info, packages: {} } };
const bundle = new Uint8Array(await readFile(bundlePath));

let after = "";
if (outStdlib) {
  const measured = await prepared(loadPyodide, { options, bundle });
  measured.globals.set("HELPER", helper);
  measured.runPython(asModule);
  measured.runPython(`__import__("_encours_stdlib").write_trimmed("/tmp/stdlib.zip")`);
  await writeFile(outStdlib, measured.FS.readFile("/tmp/stdlib.zip"));
  options.stdLibURL = outStdlib;
  after = `HELPER = ${JSON.stringify(helper)}\n${asModule}\n`
    + "__import__('_encours_stdlib').install_fallback()\ndel HELPER, sys, types\n";
}
const snapshot = await makeSnapshot(loadPyodide, { options, bundle, marker, after });
await writeFile(out, snapshot);
