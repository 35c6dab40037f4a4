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

.PHONY: run setup messages test test-sqlite test-postgres lint format bench lighthouse clean

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

## Set everything up (venv, dependencies, migrations, demo data) and serve on SQLite (db.sqlite3).
run: setup messages
	DJANGO_DEBUG=1 $(MANAGE) migrate --no-input
	DJANGO_DEBUG=1 $(MANAGE) seed_demo
	DJANGO_DEBUG=1 $(MANAGE) demo_editor
	@echo "Serving on http://$(HOST):$(PORT)/ (editors: http://$(HOST):$(PORT)/admin/)"
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

## The whole suite: on SQLite, then on a throwaway PostgreSQL server (scripts/with-postgres.sh).
# Both halves always run (a failure on SQLite still shows the PostgreSQL results); either failing fails.
test: setup messages node_modules/.installed
	@status=0; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	$(MAKE) --no-print-directory test-postgres || status=1; \
	exit $$status

test-sqlite: setup
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup
	scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Seed a throwaway PostgreSQL once (kept in bench/pgdata/<scale>), then time search, API, details and exports
## beside a reference admin; prints a table and writes bench/results.json. `make bench SCALE=small` for a quick run.
bench: setup
	PG_SERVER_OPTIONS="$(BENCH_PG_OPTIONS)" scripts/with-postgres.sh --keep bench/pgdata/$(SCALE) $(BIN)/python -m bench.run --scale $(SCALE)

## Lighthouse (performance, cumulative layout shift) of every public page kind, in both languages, as a phone and
## a desktop, on a production-like server (debug off, collected static files, gunicorn) with the demo data, on a
## throwaway PostgreSQL; prints the README's table and writes bench/lighthouse.json. About 10 minutes.
lighthouse: setup messages node_modules/.installed
	scripts/with-postgres.sh $(BIN)/python -m bench.lighthouse

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .pytest_cache .ruff_cache test-artifacts
