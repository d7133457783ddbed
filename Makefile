# Zhifa: `make demo` sets up and serves the demo town; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The suite runs on both cores; set PYTEST_ARGS= to run it serially.
PYTEST_ARGS ?= -n 2

.PHONY: setup demo test lint smoke prod-smoke system-deps clean

setup: system-deps $(VENV)/.installed static_build/.built

system-deps:
	@bash scripts/system_deps.sh

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static_build/.built: node_modules/.package-lock.json scripts/build_assets.py
	$(BIN)/python scripts/build_assets.py

demo: setup
	$(BIN)/zhifa demo --port $(PORT)

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

smoke: setup
	$(BIN)/python scripts/smoke.py

# `zhifa serve` with DEBUG off on a fresh PostgreSQL database, through Chromium (scripts/prod_smoke.py)
prod-smoke: setup
	$(BIN)/python scripts/prod_smoke.py

clean:
	rm -rf $(VENV) node_modules static_build var
