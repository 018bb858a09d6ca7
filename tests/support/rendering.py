"""The runtime the renderer's tests give calculator pages (no real Pyodide or bundle needed)."""

from encours.render import Runtime

RUNTIME = Runtime(pyodide_version="314.0.7", bundle_name="calculators-test.zip")
