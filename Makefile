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
	$(BIN)/python -m pip install --quiet -e '.[dask,test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsgraph run

test: $(STAMP)
	$(BIN)/python -m pytest -q

# quality floors on third-party gold data (see README, "Quality"); fails below a floor
eval: $(STAMP)
	$(BIN)/newsgraph eval conll $(CORPORA)/conll2003/eng.testa --floor 0.74 \
	    --type-floor ORG=0.33 --type-floor LOC=0.77 --type-floor PER=0.72
	$(BIN)/newsgraph eval timeml $(CORPORA)/timebank/TBAQ-cleaned --floor 0.85
	$(BIN)/newsgraph eval reuters $(CORPORA)/reuters21578 --floor 0.70
	$(BIN)/newsgraph eval money $(CORPORA)/money_amounts/price_parser_examples.jsonl --floor 0.75

# speed and memory against bare spaCy on the BBC corpus (about 10 minutes); see README
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) data/processed/*.csv data/processed/*.jsonl data/processed/*.sqlite*
