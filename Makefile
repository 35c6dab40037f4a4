# The documented way in: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run setup test test-sqlite test-postgres lint format bench clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

setup: $(BIN)/.installed

## Set everything up (venv, dependencies, migrations, demo data) and serve on SQLite.
run: setup
	DJANGO_DEBUG=1 $(MANAGE) migrate --no-input
	DJANGO_DEBUG=1 $(MANAGE) seed_demo
	DJANGO_DEBUG=1 $(MANAGE) demo_editor
	@echo "Serving on http://$(HOST):$(PORT)/ (editors: http://$(HOST):$(PORT)/admin/)"
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

## The whole suite: on SQLite, then on a throwaway PostgreSQL server.
test: setup node_modules/.installed
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: setup
	DATABASE_URL=sqlite:///:memory: $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup
	scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .pytest_cache .ruff_cache
