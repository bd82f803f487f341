# proposalgen: `make proposal` sets everything up and builds; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
EDITION ?=
EDITION_OPTION := $(if $(EDITION),--edition $(EDITION))

.PHONY: proposal cfp site all check test golden system clean

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

test: $(INSTALLED) system
	$(BIN)/pytest -q

# Rewrites the reviewed golden proposal.tex files from the example data; review the diff.
golden: $(INSTALLED)
	$(BIN)/python tests/golden.py --refresh

system:
	@bash .ci/install-system

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf build
