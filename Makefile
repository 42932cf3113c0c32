# Kinerja — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
SYS_RUN_STAMP := $(VENV)/.sysdeps-run
SYS_TEST_STAMP := $(VENV)/.sysdeps-test
MO := kinerja/locale/en/LC_MESSAGES/django.mo
NODE_STAMP := node_modules/.installed

.PHONY: run test install install-dev lint bench clean messages

run: $(RUN_STAMP) $(SYS_RUN_STAMP) $(MO) $(NODE_STAMP)
	@$(BIN)/kinerja migrate --noinput -v 0
	@$(BIN)/kinerja seed_demo --if-empty
	@echo ""
	@$(BIN)/kinerja demo_logins
	@echo ""
	@PORT=$(PORT) $(BIN)/kinerja serve --port $(PORT)

test: $(DEV_STAMP) $(SYS_TEST_STAMP) $(MO) $(NODE_STAMP)
	$(BIN)/pytest -q -p no:randomly -n $${TEST_WORKERS:-auto} --dist loadfile

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

$(BIN)/python:
	@test -n "$(PY)" || { echo "Python 3.11 tidak ditemukan"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(DEV_STAMP): pyproject.toml $(RUN_STAMP)
	$(BIN)/pip install -q -e ".[dev]"
	@touch $@

$(SYS_RUN_STAMP): scripts/sysdeps.sh | $(BIN)/python
	./scripts/sysdeps.sh run
	@touch $@

$(SYS_TEST_STAMP): scripts/sysdeps.sh | $(BIN)/python
	./scripts/sysdeps.sh test
	@touch $@

$(NODE_STAMP): package.json package-lock.json | $(SYS_RUN_STAMP)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(MO): kinerja/locale/en/LC_MESSAGES/django.po $(RUN_STAMP)
	@if command -v msgfmt >/dev/null; then cd kinerja && ../$(BIN)/kinerja compilemessages -v 0; \
	 else echo "msgfmt tidak ada: antarmuka bahasa Inggris dilewati"; fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: $(DEV_STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var node_modules
