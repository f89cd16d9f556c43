# sahelsim — the two commands of the quick start are `make play` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCALE := src/sahelsim/locale
PO     := $(wildcard $(LOCALE)/*/LC_MESSAGES/sahelsim.po)
MO     := $(PO:.po=.mo)

.PHONY: install play test test-fast test-explore test-seeds lint typecheck pytest bench schema screenshot messages catalogues clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (sahelsim needs Python 3.11 or newer; try 'make PYTHON=python3 ...')" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# The compiled translations of this checkout. The install compiles them (hatch_build.py); a
# catalogue edited since is compiled again here (the program would read the .po meanwhile).
$(LOCALE)/%/LC_MESSAGES/sahelsim.mo: $(LOCALE)/%/LC_MESSAGES/sahelsim.po | $(STAMP)
	$(BIN)/pybabel compile --domain sahelsim --locale $* --input-file $< --output-file $@ --statistics

catalogues: $(MO)

# After marking or changing strings: extract them into sahelsim.pot, update each language's
# .po (new strings untranslated, changed ones fuzzy), then compile. See README, "Translating".
messages: $(STAMP)
	$(BIN)/python tools/messages.py
	@$(MAKE) --no-print-directory catalogues

play: $(STAMP) catalogues
	$(BIN)/sahelsim play

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools hatch_build.py
	$(BIN)/ruff format --check src tests benchmarks tools hatch_build.py

typecheck: $(STAMP)
	$(BIN)/mypy

# Two workers: CI and the developers' machines have two cores (pytest-xdist).
pytest: $(STAMP) catalogues
	$(BIN)/python -m pytest -q -n 2

test: lint typecheck pytest

# While working: the same checks without the tests marked 'slow'.
test-fast: lint typecheck catalogues
	$(BIN)/python -m pytest -q -n 2 -m "not slow"

# Property tests with fresh random examples instead of the repeatable set.
test-explore: $(STAMP)
	SAHELSIM_HYPOTHESIS=explore $(BIN)/python -m pytest -q -n 2 $(shell grep -rlE '@given|RuleBasedStateMachine' tests)

# The balance verdicts of both bundled scenarios on seeds 1 to 10 (make test checks seed 2).
test-seeds: $(STAMP)
	SAHELSIM_ALL_SEEDS=1 $(BIN)/python -m pytest -q -n 2 tests/authoring/test_authoring_balance.py -k seed

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

schema: $(STAMP)
	$(BIN)/sahelsim schema > schema/sahelsim-1.schema.json
	$(BIN)/sahelsim schema --translation > schema/sahelsim-translation-1.schema.json

screenshot: $(STAMP)
	$(BIN)/python tests/tui/make_screenshot.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
