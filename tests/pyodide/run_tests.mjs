// Runs the calculators' test suite (tests/calculators) inside Pyodide under Node.js, with the
// same pytest as CPython, so that code behaving differently under Pyodide is caught.
//
//   node tests/pyodide/run_tests.mjs [pytest arguments...]
//
// Needs `npm ci` (node_modules/pyodide) and the pure-Python test wheels in .cache/pyodide-wheels
// (pip download --no-deps --only-binary=:all: --platform any --python-version 3.14
//  -d .cache/pyodide-wheels -r requirements-pyodide.txt). Exit status: pytest's.
import { bootPyodide, ROOT } from "./boot.mjs";

const HOME = "/home/pyodide/encours";

const pyodide = await bootPyodide({
  // tools/invoices.py: the invoice files some calculator tests read (standard library only).
  copy: ["pyproject.toml", "calculators", "tests/calculators", "tools/__init__.py",
         "tools/invoices.py"],
  into: HOME,
  wheels: true,
});
pyodide.globals.set("pytest_args", pyodide.toPy(process.argv.slice(2)));
pyodide.globals.set("home", HOME);
process.stdout.write(`Pyodide ${pyodide.version} (${ROOT})\n`);
const status = await pyodide.runPythonAsync(`
import os, sys
os.chdir(home)
sys.path.insert(0, home)
import pytest
print(f"Python {sys.version.split()[0]} on {sys.platform}, pytest {pytest.__version__}")
int(pytest.main(["-p", "no:cacheprovider", "tests/calculators", *pytest_args]))
`);
process.exitCode = status;
