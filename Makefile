# newsgraph — the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
# the Python's version (311, 312, 313) picks its lock file; each Python gets its own venv
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d%d" % sys.version_info[:2])')
VENV ?= $(if $(filter python3,$(PYTHON)),.venv,.venv-py$(PYVER))
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/py$(PYVER).lock
CORPORA ?= ../shared/corpora
export NEWSGRAPH_CORPORA := $(abspath $(CORPORA))

.PHONY: run test lint eval bench bench-scale clean install lock

# (re)install only when the project or its locked dependencies change: a second call is quick.
# The exact versions come from the lock file of this Python (scripts/lock.sh writes them).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

$(LOCK):
	@echo "no lock file for Python $(PYVER): run scripts/lock.sh $(PYTHON) (newsgraph needs 3.11+)" >&2
	@exit 1

lock:
	scripts/lock.sh

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsgraph run data/raw

test: $(STAMP)
	$(BIN)/python -m pytest -q

# quality floors on third-party gold data (see README, "Quality"); fails below a floor
eval: $(STAMP)
	$(BIN)/newsgraph eval conll $(CORPORA)/conll2003/eng.testa --floor 0.75 \
	    --type-floor ORG=0.33 --type-floor LOC=0.77 --type-floor PER=0.72
	$(BIN)/newsgraph eval timeml $(CORPORA)/timebank/TBAQ-cleaned --floor 0.85
	$(BIN)/newsgraph eval reuters $(CORPORA)/reuters21578 --floor 0.70
	$(BIN)/newsgraph eval money $(CORPORA)/money_amounts/price_parser_examples.jsonl --floor 0.75
	$(BIN)/newsgraph eval meantime $(CORPORA)/meantime_apple --floor 0.69 \
	    --type-floor strict_p=0.71 --type-floor role_strict_f1=0.65 --type-floor timeline_recall=0.71
	$(BIN)/newsgraph eval identity $(CORPORA)/meantime_apple --floor 0.93 \
	    --type-floor p=0.92 --type-floor r=0.95
	$(BIN)/newsgraph eval wikievents $(CORPORA)/wikievents_dev --floor 0.61 \
	    --type-floor trigger_recall=0.72 --type-floor type_agreement=0.86 \
	    --type-floor role_strict_f1=0.56 --type-floor resolution_p=0.85

# speed and memory against bare spaCy on the BBC corpus (about 10 minutes); see README
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# the cost of a 10-article dump in folders of 300 to 10,000 articles (SIZES=...,100000 for
# the year-of-dumps folder): scripts/bench_scale.py, on the BBC corpus
SIZES ?= 300,1200,10000
bench-scale: $(STAMP)
	cd scripts && ../$(BIN)/python bench_scale.py --sizes $(SIZES)

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests scripts
	$(BIN)/mypy

clean:
	rm -rf .venv .venv-py* data/processed/*.csv data/processed/*.jsonl data/processed/*.sqlite*
