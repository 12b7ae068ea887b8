# The two commands: `make run` serves the site at http://127.0.0.1:8000/, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Local development runs in debug mode with a throw-away key; production sets DJANGO_SECRET_KEY.
DEV_ENV := DJANGO_DEBUG=1 SITE_URL="$${SITE_URL:-http://127.0.0.1:8000}"

.PHONY: run admin serve bench test test-services lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# The Nu HTML checker (vnu.jar, pinned in package.json and package-lock.json) for the suite; it runs on
# the machine's Java, so the package's own Java download (an install script) is not run.
# Without npm (a fresh machine with only Python), those tests skip and say what to install; CI installs it.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: the Nu HTML checker's tests will be skipped (apt-get install npm default-jre-headless)."; fi

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

# Production settings on this machine: gunicorn (workers from the core count), whitenoise,
# DEBUG off. Plain http on 127.0.0.1, so the TLS-only settings are off here; a real
# deployment sets DJANGO_SECRET_KEY and leaves them on (README, "Deploying").
SERVE_ENV := DJANGO_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_HSTS_SECONDS=0 SITE_URL="$${SITE_URL:-http://127.0.0.1:8000}" \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat .serve-secret-key)}"

.serve-secret-key: | $(BIN)/python
	@$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@echo "Created $@: a random secret key for 'make serve' on this machine (git ignores it)."

serve: $(VENV)/.runtime-installed .serve-secret-key ## Serve with production settings (gunicorn + whitenoise) at http://127.0.0.1:8000/
	$(SERVE_ENV) $(MANAGE) migrate --no-input
	$(SERVE_ENV) $(MANAGE) collectstatic --no-input --verbosity 0
	$(SERVE_ENV) $(MANAGE) load_guide
	$(SERVE_ENV) $(BIN)/gunicorn infusion_site.wsgi --config gunicorn.conf.py

admin: $(VENV)/.runtime-installed ## Create an admin (superuser) account, asking for its password
	$(DEV_ENV) $(MANAGE) migrate --no-input
	$(DEV_ENV) $(MANAGE) createsuperuser

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint node_modules/.installed ## Lint, check migrations, run the whole suite (browser journeys and the Nu HTML checker included)
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=tests.settings
	$(BIN)/python -m pytest

test-services: $(VENV)/.dev-installed node_modules/.installed ## The suite again on throw-away PostgreSQL and Redis (Debian packages)
	tools/with-services $(BIN)/python -m pytest

bench: $(VENV)/.dev-installed ## Load benchmark against gunicorn (not part of make test); writes bench/results*.json
	$(BIN)/python bench/run.py
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null; then \
	  tools/with-services $(BIN)/python bench/run.py --output bench/results-services.json; \
	else echo "make bench: PostgreSQL or Redis is not installed here; measured on SQLite only."; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache var node_modules
