# orggraph: `make run` serves the Tianchang demo; `make test` runs the whole suite on the real Neo4j.
# Both start from nothing: they create .venv, install, start the local Neo4j (resolved once from
# Maven Central), migrate and load the demo.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export PATH := $(CURDIR)/$(BIN):$(PATH)


.PHONY: run test test-neo4j-stop console chromium unit load load-heavy fuzz setup neo4j-start neo4j-stop neo4j-status migrate seed lint typecheck schema bench bench-quick bench-events bench-places bench-neo4j-stop clean

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

run: seed console
	$(BIN)/orggraph serve

# The console (console/: Vite + Vue 3 + TypeScript), served by `orggraph serve` at / from console/dist:
# `npm ci` when node_modules is missing or older than package-lock.json; rebuilt (codegen from
# schema/orggraph.graphql, vue-tsc, vite build) when a source, the lock or the schema changes.
CONSOLE            := console
CONSOLE_NODE_STAMP := $(CONSOLE)/node_modules/.installed-stamp
CONSOLE_STAMP      := $(CONSOLE)/dist/.built-stamp
CONSOLE_SOURCES    := $(shell find $(CONSOLE)/src -type f -not -path '$(CONSOLE)/src/gql/*' 2>/dev/null) \
	$(wildcard $(CONSOLE)/*.html $(CONSOLE)/*.ts $(CONSOLE)/*.cjs $(CONSOLE)/tsconfig.json) $(CONSOLE)/package.json schema/orggraph.graphql

$(CONSOLE_NODE_STAMP): $(CONSOLE)/package-lock.json $(CONSOLE)/package.json
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20+ and npm are needed to build the console (console/): install them, e.g. apt-get install -y nodejs npm" >&2; exit 1; }
	cd $(CONSOLE) && npm ci --no-audit --no-fund
	touch $(CONSOLE_NODE_STAMP)

$(CONSOLE_STAMP): $(CONSOLE_NODE_STAMP) $(CONSOLE_SOURCES)
	cd $(CONSOLE) && npm run build
	touch $(CONSOLE_STAMP)

console: $(CONSOLE_STAMP)

# Debian's chromium (and CJK fonts for the screenshots) for the browser tests (tests/console).
CHROMIUM ?= /usr/bin/chromium
chromium:
	@if [ -x $(CHROMIUM) ] && fc-list :lang=zh 2>/dev/null | grep -q .; then exit 0; \
	elif [ "$$(id -u)" != 0 ]; then \
	  echo "$(CHROMIUM) or Chinese fonts missing; as root run: apt-get install -y chromium fonts-noto-cjk" >&2; exit 1; \
	else \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-noto-cjk; \
	fi

# The suite runs its own Neo4j, started by tests/conftest.py, so that it never touches the demo graph of
# `make run`: `make test` runs it in TEST_WORKERS processes (pytest-xdist, each file's tests together in one),
# worker N with its own Neo4j at Bolt 17687+10N, HTTP 17474+10N, home .orggraph/test/gwN (gw0: .orggraph/test;
# ORGGRAPH_TEST_BOLT_PORT, ORGGRAPH_TEST_HTTP_PORT and ORGGRAPH_TEST_HOME move the base). Plain `pytest` is one
# process on the base. The fault test and the restore drill start a second Neo4j under the worker's home.
# 2 (the 2-core machine's CI: 16.8–19.1 min on 2026-11-30's faster day, 27.3–33.6 on slower ones, against 37.7 in one
# process; README); 0: one process
TEST_WORKERS ?= 2
TEST_HOME := $(or $(ORGGRAPH_TEST_HOME),$(CURDIR)/.orggraph/test)
# every Neo4j home under the suite's (each ORGGRAPH_HOME holds a neo4j/ folder); stopping needs no port
STOP_TEST_NEO4J := for home in $$(find $(TEST_HOME) -type d -name neo4j -prune -printf '%h\n' 2>/dev/null); do \
	ORGGRAPH_HOME=$$home $(BIN)/orggraph neo4j stop; done

# --no-loadscope-reorder: files in collection order (console, e2e, integration, then the many small unit files that
# fill the workers at the end), not by test count, which put slow files of few tests (a province's seed) last
test: setup console chromium
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test-neo4j-stop: setup
	@$(STOP_TEST_NEO4J)

unit: setup
	$(BIN)/python -m pytest tests/unit

# The npm project of tests/clients (graphql-schema-linter, Apollo Client, relay-compiler, graphql-ws), installed
# as its package-lock.json pins it, again when the pins change; tests/e2e/test_real_clients.py shares
# the stamp.
CLIENTS       := tests/clients
CLIENTS_STAMP := $(CLIENTS)/node_modules/.installed-stamp

$(CLIENTS_STAMP): $(CLIENTS)/package.json $(CLIENTS)/package-lock.json
	@command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js and npm are needed for the schema linter (tests/clients)" >&2; exit 1; }
	cd $(CLIENTS) && npm ci --no-audit --no-fund
	touch $(CLIENTS_STAMP)

# the schema linter's rules: tests/clients/graphql-schema-linter.config.js
lint: setup $(CLIENTS_STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	cd $(CLIENTS) && node_modules/.bin/graphql-schema-linter

typecheck: setup
	$(BIN)/mypy

load: setup
	$(BIN)/python -m benchmarks.load --clients 50 --seconds 60
	$(BIN)/python -m benchmarks.load --heavy --clients 2 --seconds 30 --communities 230

# reads alone, then beside a caller asking for plans back to back, at 10x (230 communities)
load-heavy: setup
	$(BIN)/python -m benchmarks.load --heavy --clients 2 --seconds 30 --communities 230

fuzz: setup
	ORGGRAPH_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/e2e/test_fuzz.py tests/e2e/test_compiled.py::test_generated_queries_agree

# The benchmarks' Neo4j: home .orggraph/bench, Bolt 27687, HTTP 27474, unless ORGGRAPH_BENCH_HOME,
# ORGGRAPH_BENCH_BOLT_PORT and ORGGRAPH_BENCH_HTTP_PORT say otherwise (benchmarks/run.py settings()).
BENCH_ENV := ORGGRAPH_HOME=$(or $(ORGGRAPH_BENCH_HOME),$(CURDIR)/.orggraph/bench) ORGGRAPH_NEO4J_BOLT_PORT=$(or $(ORGGRAPH_BENCH_BOLT_PORT),27687) ORGGRAPH_NEO4J_HTTP_PORT=$(or $(ORGGRAPH_BENCH_HTTP_PORT),27474)

# the scales (1,000 interleaved requests per query and contender, 3 throughput runs: docs/benchmarks.md,
# "Rules of the comparison"), then the subscriptions' delivery (bench-events)
bench: setup
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.reports
	$(BIN)/python -m benchmarks.imports
	$(BIN)/python -m benchmarks.matching_quality
	$(BIN)/python -m benchmarks.places

# the demo scale, 200 interleaved requests and one short throughput run, no subscriptions (about 5 minutes)
bench-quick: setup
	$(BIN)/python -m benchmarks.run --quick

# issue #17's targets: matching and plans bounded by place at 1x, 100x and 1000x of the synthetic province
# (a lean province: docs/benchmarks.md, "Bounded by place")
bench-places: setup
	$(BIN)/python -m benchmarks.places

# 100 subscribers, a burst of 1,000 writes through two API processes: delivery checked and timed
bench-events: setup
	$(BIN)/python -m benchmarks.subscriptions

bench-neo4j-stop: setup
	$(BENCH_ENV) $(BIN)/orggraph neo4j stop

clean:
	-$(BIN)/orggraph neo4j stop
	-$(STOP_TEST_NEO4J)
	-$(BENCH_ENV) $(BIN)/orggraph neo4j stop
	rm -rf $(VENV) .orggraph .pytest_cache .mypy_cache .ruff_cache $(CLIENTS)/node_modules $(CLIENTS)/relay/__generated__ \
		$(CONSOLE)/node_modules $(CONSOLE)/dist $(CONSOLE)/src/gql tests/console/artifacts
