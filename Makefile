# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= localoffer.settings.dev

.PHONY: run test install lint format check demo clean lock loadtest

# Exact versions with their hashes from the lock file, then the project itself without
# resolving again: every machine gets the same packages (README, "Dependencies").
$(STAMP): requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py setup_demo

run: demo
	@echo "Serving the Local Offer at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The whole suite on the embedded default (SQLite). Set DATABASE_URL to run it on PostgreSQL.
# The test settings explicitly: pytest-django prefers the environment's (dev, above) to its ini.
test: $(STAMP)
	DJANGO_SETTINGS_MODULE=localoffer.settings.test $(BIN)/python -m pytest $(PYTEST_ARGS)

# Parents under load (bench/load_test.py; docs/performance.md): gunicorn with the production
# settings on 127.0.0.1 and locust, 50, 200 and 400 parents, cold and warm; about ten minutes.
# e.g. make loadtest LOADTEST_ARGS="--users 400 --seconds 30"
loadtest: $(STAMP)
	$(BIN)/python bench/load_test.py $(LOADTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint . --lint

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: $(STAMP)
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Regenerate the lock files after changing a dependency in pyproject.toml; commit all three.
# --upgrade-package NAME (in UV_ARGS) moves one package; plain `make lock` keeps the others.
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	  --extra test --extra dev $(UV_ARGS) -o requirements/dev.txt
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	  $(UV_ARGS) -o requirements/production.txt

clean:
	rm -rf $(VENV) db.sqlite3 media static
