# Two commands set up everything on a fresh machine: `make site` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test validate schema bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve

validate: $(STAMP)
	$(BIN)/thidua validate data

schema: $(STAMP)
	$(BIN)/thidua schema --output schema/thidua.schema.json

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --scale province

clean:
	rm -rf site .venv .pytest_cache
