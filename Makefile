# The two commands in the README are the contract: `make run` and `make test`
# each set up .venv from scratch when needed, on a machine with only python3.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint headless bench clean compile system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes; the install is editable,
# so code changes need nothing.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Bytecode for our own modules: where PYTHONDONTWRITEBYTECODE is set (as on
# some CI and sandbox images) Python would otherwise compile them at every
# start (10-20 ms of start-up). Only what changed is recompiled.
compile: $(STAMP)
	$(BIN)/python -m compileall -q core tui > /dev/null

run: compile
	$(BIN)/gd-tui $(ARGS)

headless: compile
	$(BIN)/gd-tui --headless $(ARGS)

# The SSH and browser tests' programs (sshd, ssh, chromium, chromedriver):
# installed with apt-get where missing and possible (root, as on CI).
system-deps:
	@sh tests/e2e/system-deps.sh

# Lint and format first: they take a second and say exactly what to fix.
test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Fix what ruff can fix by itself, and format.
lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: compile
	for script in bench/[!_]*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
	find core tui -name __pycache__ -type d -exec rm -rf {} +
