# orggraph: `make run` serves the Tianchang demo; `make test` runs the whole suite on the real Neo4j.
# Both start from nothing: they create .venv, install, start the local Neo4j (resolved once from
# Maven Central), migrate and load the demo.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: run test unit setup neo4j-start neo4j-stop neo4j-status migrate seed lint typecheck schema bench bench-quick clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

neo4j-start: setup
	$(BIN)/orggraph neo4j start

neo4j-stop: setup
	$(BIN)/orggraph neo4j stop

neo4j-status: setup
	$(BIN)/orggraph neo4j status

migrate: neo4j-start
	$(BIN)/orggraph db migrate

seed: migrate
	$(BIN)/orggraph seed load tianchang

run: seed
	$(BIN)/orggraph serve

test: migrate
	$(BIN)/python -m pytest

unit: setup
	$(BIN)/python -m pytest tests/unit

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: setup
	$(BIN)/mypy

clean:
	-$(BIN)/orggraph neo4j stop
	rm -rf $(VENV) .orggraph .pytest_cache .mypy_cache .ruff_cache
