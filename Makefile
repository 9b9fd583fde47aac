# Two commands set up everything on a fresh machine: `make site` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

NODE_STAMP := node_modules/.package-lock.json

.PHONY: site serve test lint validate links schema cms bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# Node packages the tests drive (decap-server, the CMS's local backend), pinned in package-lock.json.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --silent

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP) $(NODE_STAMP)
	# decap-server lets /admin/ save into this working copy while previewing
	npx --no-install decap-server & trap "kill $$!" EXIT; $(BIN)/mkdocs serve

validate: $(STAMP)
	$(BIN)/thidua validate data

# every internal link and anchor of the site `make site` built (as CI checks it)
links: $(STAMP)
	$(BIN)/thidua links site

schema: $(STAMP)
	$(BIN)/thidua schema --output schema/thidua.schema.json

test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/mypy

cms: $(STAMP)
	$(BIN)/thidua cms

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --scale province

clean:
	rm -rf site .venv .pytest_cache node_modules
