# One target per habit. `make demo` and `make test` are the README's two set-up commands:
# each installs what it needs first (Python packages into .venv, GOV.UK Frontend from npm).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: demo run test test-fast test-postgres lint format css migrations-check backup bench record clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the dependency lists change.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

static/dist/main.css: node_modules/.package-lock.json assets/scss/*.scss assets/js/*.mjs assets/brand/brand.json scripts/build-frontend.mjs
	npm run build

css: node_modules/.package-lock.json
	npm run build

## The site on SQLite with the Durham statement published, at http://127.0.0.1:8000
demo: $(VENV)/.installed static/dist/main.css
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo durham
	$(PY) manage.py runserver $(HOST)

## Run the site as it is (no installs, no demo content), its tables brought up to date first
run:
	$(PY) manage.py migrate --no-input
	$(PY) manage.py runserver $(HOST)

## The whole test suite (SQLite unless DATABASE_URL says otherwise)
test: $(VENV)/.installed static/dist/main.css
	$(PY) -m pytest

## Everyday: all but the browser and slow tests (HTML validation, two instances, fuzz,
## PDFs, recorded pages, real Redis faults, a backup restored), on every core, tables
## made without migrations; says how long
test-fast: $(VENV)/.installed static/dist/main.css
	@start=$$(date +%s); $(PY) -m pytest -m "not browser and not slow" -n auto --nomigrations -q; \
	status=$$?; echo "make test-fast took $$(( $$(date +%s) - start )) s"; exit $$status

test-postgres: $(VENV)/.installed static/dist/main.css
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(PY) -m pytest

## Style, and the plan of the code (imports only flow down the layers in pyproject.toml)
lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/djhtml --check templates
	git ls-files '*.py' | xargs $(VENV)/bin/django-upgrade --target-version 5.2
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .
	$(VENV)/bin/djhtml templates

migrations-check: $(VENV)/.installed
	$(PY) manage.py makemigrations --check --dry-run

## The whole site's content, compressed, into backups/ (restore: manage.py loaddata FILE)
backup: $(VENV)/.installed
	$(PY) manage.py backup_site

## Benchmarks (docs/performance.md); the gunicorn ones need wrk (apt-get install wrk)
bench: $(VENV)/.installed static/dist/main.css
	$(PY) benchmarks/run.py --write docs/performance.md

## After a change meant to alter public pages: their fingerprints, for tests/test_recorded_pages.py
record: $(VENV)/.installed
	$(PY) scripts/record_pages.py --digests tests/recordings/pages.json

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles
