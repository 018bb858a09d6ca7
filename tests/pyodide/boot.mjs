// Starts Pyodide under Node.js with files of this repository copied into its file system and,
// if asked, the pure-Python wheels of .cache/pyodide-wheels unpacked into site-packages.
// Shared by run_tests.mjs and bench/penalty_throughput.py; Pyodide is started and the wheels
// unpacked by the site's boot module (encours-pyodide.mjs), as in the pages' worker.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { startPython, unpack } from "../../docs/assets/javascripts/encours-pyodide.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WHEELS = path.join(ROOT, ".cache", "pyodide-wheels");

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(3);
}

async function load() {
  const entry = path.join(ROOT, "node_modules", "pyodide", "pyodide.mjs");
  if (!fs.existsSync(entry)) fail(`Pyodide is not installed (${entry} is missing): run npm ci.`);
  const { loadPyodide } = await import(pathToFileURL(entry).href);
  return (await startPython(loadPyodide, {})).pyodide;
}

function copyInto(pyodide, source, target) {
  const stat = fs.statSync(source);
  if (stat.isDirectory()) {
    pyodide.FS.mkdirTree(target);
    for (const name of fs.readdirSync(source)) {
      if (name === "__pycache__" || name.startsWith(".") || name.endsWith(".pyc")) continue;
      copyInto(pyodide, path.join(source, name), `${target}/${name}`);
    }
  } else {
    pyodide.FS.mkdirTree(path.posix.dirname(target));
    pyodide.FS.writeFile(target, fs.readFileSync(source));
  }
}

/**
 * @param {{copy: string[], into: string, wheels?: boolean}} options paths relative to the
 *   repository root, copied under `into`; `wheels` unpacks .cache/pyodide-wheels.
 */
export async function bootPyodide({ copy, into, wheels = false }) {
  const pyodide = await load();
  pyodide.setStdout({ write: (bytes) => { process.stdout.write(bytes); return bytes.length; } });
  pyodide.setStderr({ write: (bytes) => { process.stderr.write(bytes); return bytes.length; } });
  pyodide.FS.mkdirTree(into);
  for (const item of copy) copyInto(pyodide, path.join(ROOT, item), `${into}/${item}`);
  if (wheels) {
    const found = fs.existsSync(WHEELS)
      ? fs.readdirSync(WHEELS).filter((name) => name.endsWith(".whl")) : [];
    if (!found.length) {
      fail(`No test wheels in ${WHEELS}: run pip download --no-deps --only-binary=:all: ` +
           "--platform any --python-version 3.14 -d .cache/pyodide-wheels " +
           "-r requirements-pyodide.txt");
    }
    // unpackArchive wants a Uint8Array: a Node Buffer is refused.
    unpack(pyodide, found.map((name) => new Uint8Array(fs.readFileSync(path.join(WHEELS, name)))),
           "wheel");
  }
  return pyodide;
}
