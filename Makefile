# SMM Hiring Desk: `make run` to try it, `make test` to check it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run worker serve test lint unit pg-test bench load messages install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
	$(BIN)/python -m app.translations.compile

install-dev: $(VENV)/.installed-dev install

## Development server on http://127.0.0.1:5000 with an SQLite database under instance/,
## and the queue worker beside it (PDFs, DOCX, ZIPs, exports; its queue is an SQLite file
## under instance/ too). Ctrl-C stops both.
run: install
	APP_ENV=development $(FLASK) db upgrade
	@APP_ENV=development $(FLASK) worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  APP_ENV=development $(FLASK) run --host $(HOST) --port $(PORT)

## The queue worker alone (production: beside `make serve`, with the same settings;
## REDIS_URL for a queue shared by several machines).
worker: install
	$(FLASK) worker

## Production: stock gunicorn with gunicorn.conf.py (worker class, counts and why there), bound
## to HOST:PORT; put nginx in front (deploy/nginx.conf, docs/deploy.md). WEB_CONCURRENCY and
## GUNICORN_THREADS override the process and thread counts. Needs SECRET_KEY (and DATABASE_URL).
serve: install
	$(FLASK) db upgrade
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

## The whole suite on SQLite; with TEST_DATABASE_URL also the database tests on PostgreSQL.
test: lint
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; \
	  [ $$status -eq 0 ] || exit $$status
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== database tests again on $$(echo $$TEST_DATABASE_URL | sed 's#//.*@#//***@#')"; \
	  $(BIN)/python -m pytest tests/web -p no:cacheprovider; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests"; exit 1; fi; \
	  exit $$status; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL run is required"; exit 1; \
	fi

bench: install-dev
	$(BIN)/python -m bench

load: install-dev
	$(BIN)/python -m bench.load

## Re-extract the translatable strings and merge them into the Russian catalog.
messages: install-dev
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k N_ -k msg -k msg_n:1,2 -o app/translations/messages.pot .
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations -l ru --no-fuzzy-matching --ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
