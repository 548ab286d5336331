# Standards Triage. `make run` sets everything up and starts the app; `make test` sets up and runs every test.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV ?= .venv
PY := $(VENV)/bin/python
TRIAGE := $(VENV)/bin/triage
PYTEST := $(PY) -m pytest
INSTALLED := $(VENV)/.installed
ASSETS := triage/static/.built
HOST ?= 127.0.0.1
PORT ?= 5000
DEMO_PASSWORD ?= demo-password-2026

.PHONY: help setup run test lint format test-sqlite test-postgres system-packages assets db model clean translations

help: ## Show the targets
	@awk 'BEGIN {FS = ":.*##"} /^[a-zA-Z_-]+:.*##/ {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS): node_modules/.package-lock.json $(shell find assets -type f)
	npm run --silent build
	touch $@

assets: $(ASSETS) ## Build the GOV.UK Frontend CSS and JS into triage/static

setup: $(INSTALLED) $(ASSETS) ## Create .venv, install the package and dev tools, build assets

db: setup ## Apply migrations and load the shipped Codes of Conduct
	$(TRIAGE) init-db

model: setup ## Make sure a trained, integrity-checked model is present (trains one if not)
	$(TRIAGE) model ensure

run: db model ## Set up, load demo data and start the app on http://127.0.0.1:5000
	$(TRIAGE) seed-demo --password "$(DEMO_PASSWORD)"
	@echo ""
	@echo "  Standards Triage is running at http://$(HOST):$(PORT)/"
	@echo "  Demo sign-ins (password: $(DEMO_PASSWORD)):"
	@echo "    mo@harrowden.example.gov.uk        monitoring officer"
	@echo "    deputy@harrowden.example.gov.uk    deputy monitoring officer"
	@echo "    ip@harrowden.example.gov.uk        Independent Person"
	@echo "    panel@harrowden.example.gov.uk     standards panel member"
	@echo "    analyst@harrowden.example.gov.uk   analyst"
	@echo "    admin@harrowden.example.gov.uk     administrator"
	@echo ""
	$(TRIAGE) run --host $(HOST) --port $(PORT)

system-packages: ## Install Chromium, poppler-utils and PostgreSQL if missing (needs root or sudo)
	bash scripts/ensure-system-packages.sh

lint: setup ## ruff lint and format checks, and the import contracts between layers
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

translations: setup ## Find the public form's words, add new ones to the Welsh catalogue, recompile it (docs/welsh.md)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 --no-location --omit-header --sort-output \
		-o triage/translations/messages.pot .
	$(VENV)/bin/pybabel update -i triage/translations/messages.pot -d triage/translations -D messages \
		--no-fuzzy-matching --ignore-obsolete --width 120
	$(VENV)/bin/pybabel compile -d triage/translations -D messages --statistics

format: setup ## Apply ruff formatting and safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test-sqlite: setup ## The whole suite on SQLite, including browser and model tests, with a coverage floor
	$(PYTEST) -n 2 --cov=triage --cov-report=term --cov-fail-under=90

test-postgres: setup ## The database-facing tests on a throwaway PostgreSQL cluster
	bash scripts/with-postgres.sh $(PYTEST) -m "not browser and not shared_data" --ignore=tests/scoring

test: setup system-packages lint test-sqlite test-postgres ## Set up and run every check: lint, SQLite, PostgreSQL

clean: ## Remove build output and the local virtualenv (keeps instance/ data)
	rm -rf $(VENV) node_modules triage/static .pytest_cache .ruff_cache
