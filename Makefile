# Two commands matter on a fresh machine: `make run` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# torch is only needed for the optional sentence-transformers path and the tests. Its CPU build is
# pinned: a bare `torch` requirement would pull a multi-GB CUDA build.
TORCH_CPU := torch==2.13.0

.PHONY: install install-test run test ingest eval bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet $(TORCH_CPU)
	$(BIN)/python -m pip install --quiet -e '.[st,llm,postgres,test]'
	touch $@

run: install
	@echo "Kunnskapsassistenten starter på http://localhost:$(PORT)  (Ctrl+C for å stoppe)"
	@echo "Første oppstart bygger indeksen (under et minutt)."
	$(BIN)/streamlit run ui/app.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false

test: install install-test
	$(BIN)/python -m pytest

ingest: install
	$(BIN)/kunnskap ingest

eval: install
	$(BIN)/kunnskap eval testsets/devset.jsonl

bench: install-test
	$(BIN)/kunnskap bench --json docs/benchmarks.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
