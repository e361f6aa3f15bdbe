# PerfectRep: the two set-up commands are `make demo` and `make test`.
# Both create .venv when it is missing, install torch first (the CPU wheel) when none is
# importable, then the package with its dev extras. A stamp file keeps a second run from
# reinstalling anything unless pyproject.toml changed.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.perfectrep-installed
TORCH_SPEC ?= torch==2.13.0

.PHONY: demo test install export clean-nbs lint bench docs-check

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	@$(PY) -c "import torch" 2>/dev/null || $(PY) -m pip install --quiet "$(TORCH_SPEC)"
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/perfectrep-analyze -o out/demo

test: $(STAMP)
	$(PY) tools/run_tests.py

export: $(STAMP)
	$(VENV)/bin/nbdev-export

clean-nbs: $(STAMP)
	$(VENV)/bin/nbdev-clean

bench: $(STAMP)
	for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done
