# Encours: the two commands are `make serve` and `make test`; everything else is here for them.
# Every target sets up what is missing first (Python venv, npm packages), and skips what is there.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
# Handbook language: `make build` builds every language of mkdocs.yml (French at the root,
# English under en/), with a language switch; `make build LANG=en` (or fr) builds that language
# alone. The shell's locale LANG (e.g. C.UTF-8) is not a handbook language.
HANDBOOK_LANG := $(if $(filter fr en,$(LANG)),$(LANG),)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build test test-fast validate schema diff pdf screenshots bench clean browser locale

help:
	@echo "make serve     build the handbook from policy/ and serve it on http://$(ADDR) (live reload)"
	@echo "make test      run every test (unit, site build, Pyodide, browser)"
	@echo "make test-fast the everyday loop: all but the browser, Pyodide and install tests (< 1 min)"
	@echo "make build     write the handbook to site/ (LANG=en for English)"
	@echo "make validate  check policy/*.yaml without building"
	@echo "make schema    write policy/policy.schema.json (editor completion)"
	@echo "make diff      what changed in the rules since the last release (FROM=, TO=, FORMAT=)"
	@echo "make pdf       print the whole procedure to site/procedure.pdf (and the one-page fiche)"
	@echo "make screenshots  every chapter at desktop and phone widths, into screenshots/"
	@echo "make bench     print the speed and size benchmarks"
	@echo "make locale    recompile the message catalogues (.po -> .mo) after editing a .po file"
	@echo "make clean     remove everything generated or installed here"

# --- set-up ---------------------------------------------------------------------------------
# The pinned packages, then this repository as an editable package (encours, calculators and
# the MkDocs plugin importable from anywhere, the `encours` command on the venv's PATH).
$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || { echo "Creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.cache/pyodide-wheels/.installed: requirements-pyodide.txt $(VENV)/.installed
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		--platform any --python-version 3.14 \
		-d .cache/pyodide-wheels -r requirements-pyodide.txt
	@touch $@

setup: $(VENV)/.installed node_modules/.installed

# Debian's Chromium drives the browser tests; Playwright never downloads a browser here. The
# PDF test reads the printed procedure back with pdftotext (Debian's poppler-utils); the server
# tests serve the site with Debian's nginx and deploy/nginx.conf (run unprivileged, own port).
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/pdftotext -a -x /usr/sbin/nginx || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils nginx; \
		else echo "The browser tests need Debian's chromium, poppler-utils and nginx: sudo apt-get install chromium poppler-utils nginx"; exit 1; fi; }

# --- the two commands -----------------------------------------------------------------------
serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr $(ADDR) --livereload

# Two pytest-xdist workers, one per core (tests/support/workers.py: what goes where and why);
# JOBS=0 runs everything in this one process.
JOBS ?= 2
XDIST := $(if $(filter 0,$(JOBS)),,-n $(JOBS) --dist loadgroup --no-loadscope-reorder)

test: setup browser .cache/pyodide-wheels/.installed
	$(PY) -m pytest $(XDIST)

# The everyday loop: unit, policy, renderer, site-build and versions tests; no browser, no
# Pyodide, no fresh-venv install (the pre-commit hook's test).
test-fast: setup
	$(PY) -m pytest $(XDIST) -m "not browser and not pyodide and not install"

# --- the rest -------------------------------------------------------------------------------
build: setup
	$(PY) -m encours build --lang $(or $(HANDBOOK_LANG),all)

validate: $(VENV)/.installed
	$(PY) -m encours validate --lang $(or $(HANDBOOK_LANG),fr)

schema: $(VENV)/.installed
	$(PY) -m encours schema

# `make diff`: what changed in the rules, in sentences, FROM a revision (default: the latest
# release tag policy-v… in the history of HEAD, else the policy's first commit) TO another
# (default: the working tree). FORMAT=text|markdown|json, LANG=en. Exit 1: a version is invalid.
FROM ?=
TO ?=
FORMAT ?= text

diff: $(VENV)/.installed
	@$(PY) -m encours diff --from "$(FROM)" --to "$(TO)" --format $(FORMAT) --lang $(or $(HANDBOOK_LANG),fr)

# Headless Chromium prints the handbook's print page (no LaTeX): the whole procedure, then the
# one-page "fiche réflexe" for sales.
pdf: build browser
	$(PY) -m tools.pdf --site site
	$(PY) -m tools.pdf --site site --page /quick-reference/ --out site/fiche-reflexe.pdf

screenshots: build browser
	$(PY) -m tools.screenshots --site site --out screenshots

bench: setup browser .cache/pyodide-wheels/.installed
	@for b in bench/[a-z]*.py; do m=bench.$$(basename $$b .py); echo "== $$m"; $(PY) -m $$m || exit 1; done

# The words of the handbook and of the calculators are gettext catalogues, one .po file per
# language and domain; the compiled .mo beside each is committed (no compile step to install or
# to build the browser bundle). After editing a .po file, recompile them all with Babel:
locale: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --statistics --domain encours --directory encours/locale
	$(VENV)/bin/pybabel compile --statistics --domain calculators --directory calculators/locale

clean:
	rm -rf site .site-* .cache screenshots $(VENV) node_modules .pytest_cache .ruff_cache .hypothesis
