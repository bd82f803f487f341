# proposalgen: `make proposal` sets everything up and builds; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
EDITION ?=
EDITION_OPTION := $(if $(EDITION),--edition $(EDITION))

.PHONY: proposal cfp site all check test test-fast lint docs golden bench watch system clean

proposal: $(INSTALLED) system
	$(BIN)/proposalgen build proposal $(EDITION_OPTION)

cfp: $(INSTALLED) system
	$(BIN)/proposalgen build cfp $(EDITION_OPTION)

site: $(INSTALLED) system
	$(BIN)/proposalgen build site $(EDITION_OPTION)

all: $(INSTALLED) system
	$(BIN)/proposalgen build all $(EDITION_OPTION)

check: $(INSTALLED)
	$(BIN)/proposalgen check $(EDITION_OPTION)

# Every test, on every core (pytest-xdist); what several tests share is built once (conftest.made_once).
test: lint system
	$(BIN)/pytest -q -n auto

# The tests that start no TeX, Jekyll or Chromium (not marked engine), with a few examples of each
# property test (the fast profile of tests/conftest.py): in seconds, while you work.
test-fast: $(INSTALLED)
	$(BIN)/pytest -q -n auto -m "not engine" --hypothesis-profile=fast

# ruff and mypy, configured in pyproject.toml; make test (and so CI) runs them first.
lint: $(INSTALLED)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

# The documentation site, from docs/ into build/docs/ (open build/docs/index.html); a broken link
# between pages or any other warning fails it. The tests build it too.
docs: $(INSTALLED)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# Rewrites the reviewed golden tree of the example's outputs (tests/golden/), needing TeX; review the diff.
golden: $(INSTALLED) system
	$(BIN)/python tests/golden.py --refresh

# Speed and memory against the targets of issue 6: a table of medians, ratios and PASS/FAIL.
bench: $(INSTALLED) system
	$(BIN)/python benchmarks/bench.py

# Rebuilds on every save, printing one line per rebuild with its time (TARGET=all for everything).
watch: $(INSTALLED) system
	$(BIN)/proposalgen watch $(or $(TARGET),proposal) $(EDITION_OPTION)

system:
	@bash .ci/install-system

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,watch,docs]'
	touch $@

clean:
	rm -rf build
