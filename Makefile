# Korea–Singapore Partnership Tracker. `make serve` previews the site, `make test` checks it;
# both set themselves up on a fresh machine (a .venv with the pinned versions).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NODE := node_modules/.installed
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: site publish serve test test-fast validate new schema lint bench screenshots chromium clean

site: $(VENV)/.site  ## Build the site into site/
	$(BIN)/mkdocs build --strict

publish: $(VENV)/.site  ## Build for readers: refuses unless SITE_URL is the public address
	TRACKER_PUBLISH=true $(BIN)/mkdocs build --strict

# The preview's site is thrown away when it stops; built in memory (tmpfs), where the machine
# has it, each rebuild after an edit is a few tenths of a second sooner than on disk.
PREVIEW_TMPDIR := $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm)

# --dirty: after a data edit the tracker plugin renders every page again and MkDocs writes only
# those whose content changed, exactly what a full build writes (ARCHITECTURE.md, "An exact
# preview"); any other change (templates, theme, docs/, mkdocs.yml) rebuilds everything.
serve: $(VENV)/.site  ## Live preview that rebuilds when data/, templates or docs/ change
	$(if $(PREVIEW_TMPDIR),TMPDIR=$(PREVIEW_TMPDIR)) $(BIN)/mkdocs serve --dirty --strict --dev-addr $(HOST)

# The tests spread over two workers per core (pytest-xdist): the browser, preview and link
# tests spend much of their time waiting on Chromium, `mkdocs serve` and timers, and a second
# worker per core fills that time (9.8 min against 13.8 on 2 cores, December 2026). The sites
# most tests read are built once (tests/conftest.py, made_once). `.venv/bin/pytest
# tests/unit/test_x.py` runs a file in one process.
WORKERS ?= $(shell echo $$(( 2 * $$(nproc) )))
test: $(VENV)/.dev chromium $(NODE)  ## Every test: unit, build, browser (with Lighthouse, from npm), preview (tests/conftest.py)
	$(BIN)/pytest -n $(WORKERS)

test-fast: $(VENV)/.dev  ## The unit tests alone (no build, no browser): under a minute
	$(BIN)/pytest -n auto -m unit

validate: $(VENV)/.site  ## Check data/ and print every problem as file:line:column
	$(BIN)/python -m tracker.validate data

new: $(VENV)/.site  ## Start a record: make new KIND=agreement ID=my-new-mou
	$(BIN)/python -m tracker.scaffold $(KIND) $(ID)

schema: $(VENV)/.site  ## Rewrite data/schema/ (JSON Schemas editors read) from tracker/models.py
	$(BIN)/python -m tracker.export data/schema

lint: $(VENV)/.dev $(NODE)  ## ruff, mypy, the layering (lint-imports), complexity (radon: nothing worse than C), the site's JS and CSS (Biome)
	$(BIN)/ruff check tracker tests bench macros.py
	$(BIN)/ruff format --check tracker tests bench macros.py
	$(BIN)/mypy
	$(BIN)/lint-imports
	node_modules/.bin/biome lint
	@worse=$$($(BIN)/radon cc --min D --show-complexity tracker); \
	  if [ -n "$$worse" ]; then echo "radon: functions above grade C:"; echo "$$worse"; exit 1; fi

bench: $(VENV)/.dev chromium  ## Build time against plain MkDocs at 100, 1,000 and 10,000 records
	$(BIN)/python bench/run.py

screenshots: site $(VENV)/.dev chromium  ## PNGs of the main page types under screenshots/
	$(BIN)/python tests/screenshots.py

# Debian's Chromium for the browser tests; playwright never downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null || sh tests/install-chromium.sh

$(VENV)/.site: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# The npm tools, pinned in package.json / package-lock.json: Biome lints docs/assets/ (biome.json
# says how); Lighthouse scores the built site in tests/browser/test_lighthouse.py. npm ci installs
# exactly the locked versions, again whenever either file changes.
$(NODE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENV)/.dev: $(VENV)/.site requirements-dev.txt
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

clean:
	rm -rf site screenshots .pytest_cache bench/.work node_modules
