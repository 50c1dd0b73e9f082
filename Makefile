# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := build/sample.bigdesk

.PHONY: run test lint bench package clean screenshots

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "BIG Desk needs Python 3.11 or newer"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev,package]'
	touch $(STAMP)

# -- the sample is built by code, so it is rebuilt whenever that code changes
$(SAMPLE): $(STAMP) $(shell find bigdesk/exchange -name 'sample*.py' 2>/dev/null)
	mkdir -p build
	rm -f $(SAMPLE) build/.~lock.sample.bigdesk#
	$(BIN)/bigdesk new $(SAMPLE) --sample

run: $(SAMPLE)
	$(BIN)/bigdesk $(SAMPLE)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

# -- the README's pictures, drawn offscreen from the sample by `bigdesk PATH --screenshots`
README_SHOTS := welcome step-04-assess step-07-prioritise presenter-map presenter-prioritise
screenshots: $(SAMPLE)
	rm -rf build/screenshots
	$(BIN)/bigdesk $(SAMPLE) --screenshots build/screenshots
	mkdir -p docs/screenshots
	for name in $(README_SHOTS); do cp build/screenshots/$$name.png docs/screenshots/; done
	# -- and a new, empty workshop: a step that says what to do first
	rm -rf build/screenshots-new build/new.bigdesk
	$(BIN)/bigdesk new build/new.bigdesk
	$(BIN)/bigdesk build/new.bigdesk --screenshots build/screenshots-new
	cp build/screenshots-new/step-05-map-empty.png docs/screenshots/

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# -- the one-folder Linux bundle in dist/bigdesk, with install.sh and share/ beside the program
package: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/bigdesk.spec
	@echo "Bundle in dist/bigdesk: run dist/bigdesk/install.sh to install it for this user"

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
