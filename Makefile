# Two commands for a newcomer: `make serve` (build, validate, verify, browse) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install build check serve test lint bench wheel clean

# A virtual environment with the project (editable) and every extra, pinned by constraints.txt.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[build,dask,dev]"
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)  ## rebuild the tables from the raw store, then validate and verify them
	$(BIN)/corpus build
	$(MAKE) check

check: $(STAMP)  ## validate (pandera + frictionless), verify (hashes + spans), upstream frictionless
	$(BIN)/corpus validate
	$(BIN)/corpus verify
	$(BIN)/frictionless validate --limit-errors 100000 datapackage.json > /dev/null

serve: build  ## build, validate, verify, then Datasette on http://127.0.0.1:8001/
	$(BIN)/corpus serve

test: $(STAMP)  ## the whole test suite (what CI runs)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy corpus pipeline bench

bench: $(STAMP)  ## benchmarks (not part of the tests)
	$(BIN)/python -m bench

wheel: $(STAMP)  ## sdist and wheel in dist/ (with the built Parquet and SQLite)
	$(BIN)/corpus build
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf dist build corpus/.cache .pytest_cache
