"""Developer commands and their helpers: ``tools.pdf`` and ``tools.screenshots`` drive the built
handbook in Chromium; ``tools.serve`` (a local server with Pyodide's MIME types) and
``tools.chromium`` (Debian's Chromium through Playwright) serve them, the benchmarks and the
tests; ``tools.invoices`` makes up invoice files for the batch import."""
