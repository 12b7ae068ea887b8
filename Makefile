# The two commands: `make run` serves the site at http://127.0.0.1:8000/, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Local development runs in debug mode with a throw-away key; production sets DJANGO_SECRET_KEY.
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run admin test lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed ## Install, migrate, load the guide and serve it at http://127.0.0.1:8000/
	$(DEV_ENV) $(MANAGE) migrate --no-input
	$(DEV_ENV) $(MANAGE) load_guide
	@echo
	@echo "The guide is at http://127.0.0.1:8000/ and the admin at http://127.0.0.1:8000/admin/"
	@echo "No admin user is created for you: run 'make admin' (in another terminal) to create one."
	@echo
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

admin: $(VENV)/.runtime-installed ## Create an admin (superuser) account, asking for its password
	$(DEV_ENV) $(MANAGE) migrate --no-input
	$(DEV_ENV) $(MANAGE) createsuperuser

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint ## Lint, check migrations, run the whole suite (browser journeys included)
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tests.settings
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
