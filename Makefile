# newsgraph — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPORA ?= ../shared/corpora
export NEWSGRAPH_CORPORA := $(abspath $(CORPORA))

.PHONY: run test lint eval bench clean install

# (re)install only when the project's dependencies change: a second call is quick
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsgraph run

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

clean:
	rm -rf $(VENV) data/processed/*.csv data/processed/*.jsonl data/processed/*.sqlite*
