# pcplan: `make run` and `make test` are the two commands of the README's Quick start.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# make run, migrate, seed and worker select the development settings explicitly: the
# settings a server falls back to have DEBUG off and no secret key.
DEV_SETTINGS ?= pcplan.settings.development
MANAGE := DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/python manage.py

.PHONY: run test install install-test migrate seed lint check-deploy worker frontend clean chromium html-checker pictures

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo

## Serve the app at http://127.0.0.1:$(PORT) on the embedded default (SQLite, eager Celery).
run: seed
	@echo "Serving pcplan at http://127.0.0.1:$(PORT)/ (stop with Ctrl+C)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## Browser tests need Debian's chromium; install it when we can (root with apt-get).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null) \
	      || echo "Could not install chromium: browser tests will be skipped (CI requires them)."; \
	  else \
	    echo "No /usr/bin/chromium: browser tests will be skipped. Install it with: sudo apt-get install chromium"; \
	  fi; \
	fi

## The W3C Nu Html Checker that the site crawl runs over every page: vnu.jar from npm
## (pinned in tools/html-checker's lockfile; its script that would fetch a Java is not run)
## and Java. Debian's default-jre-headless (and npm) are installed when missing and we can.
HTML_CHECKER := tools/html-checker/node_modules/vnu-jar/build/dist/vnu.jar

html-checker:
	@missing=""; command -v java >/dev/null || missing="default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing $$missing for the HTML checker..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "Could not install $$missing: the site crawl will be skipped (CI requires it)."; \
	  else \
	    echo "Missing $$missing: the site crawl's HTML check will be skipped. Install with: sudo apt-get install $$missing"; \
	  fi; \
	fi
	@if [ ! -f $(HTML_CHECKER) ] || [ tools/html-checker/package-lock.json -nt $(HTML_CHECKER) ]; then \
	  npm ci --prefix tools/html-checker --ignore-scripts --no-audit --no-fund --silent && touch $(HTML_CHECKER); \
	fi

## Run the whole suite: lint, type check, then every test.
test: install-test chromium html-checker
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest --ds=pcplan.settings.test $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## `manage.py check --deploy` against the production settings; fails on any warning.
check-deploy: install
	DJANGO_SETTINGS_MODULE=pcplan.settings.production \
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	ALLOWED_HOSTS=pcplan.example.org.uk \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

## A Celery worker and beat, and the outbox relay that hands them their tasks, for running
## against Redis without Docker (docker-compose.yml runs each as a service of its own).
worker: install
	$(MANAGE) outbox_relay & relay=$$!; trap "kill $$relay" EXIT; \
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/celery -A pcplan worker --beat --loglevel INFO --concurrency 2

## The README's pictures of the full plan (its cover and a priority's opening page), made
## from the demo's published PDF in a throwaway database (needs poppler-utils' pdftoppm).
PICTURES_VAR := var/pictures
# Its own SQLite database and in-process tasks, whatever the shell has configured.
PICTURES_ENV := env -u DATABASE_URL -u CELERY_BROKER_URL PCPLAN_VAR_DIR=$(PICTURES_VAR) MEDIA_ROOT=$(PICTURES_VAR)/media
pictures: install
	rm -rf $(PICTURES_VAR)
	$(PICTURES_ENV) $(MANAGE) migrate --noinput -v 0
	$(PICTURES_ENV) $(MANAGE) seed_demo > /dev/null
	$(PICTURES_ENV) $(MANAGE) document_pictures --output docs/pictures
	rm -rf $(PICTURES_VAR)

## Rebuild the committed GOV.UK Frontend assets (needs npm; not needed to run or test).
frontend:
	bash frontend/build.sh

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache .mypy_cache tools/html-checker/node_modules
