# newsdesk: `make demo` sets up and runs the demo; `make test` sets up and runs the tests.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: venv demo test test-fast browser wrk bench lint clean

venv: $(STAMP)

# Install order matters (see ../shared/vetted-requirements.txt): a current pip first
# (pip 23 cannot resolve justext with readability-lxml), then the local CPU build of
# torch (anything that depends on torch would otherwise pull GBs of CUDA wheels), then
# the exact pins, then newsdesk itself without touching the pins.
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip==26.3
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	# the story clusterer's static embedder, distilled offline from the shipped MiniLM (~1.5 min CPU)
	$(BIN)/python -m newsdesk.stories.distill
	# the GeoNames place index, read back in 0.1 s instead of built in 0.5-1.5 s per process
	$(BIN)/python -m newsdesk.compare.geonames
	touch $(STAMP)

demo: venv
	$(BIN)/newsdesk demo

# Debian's chromium + chromedriver for the end-to-end web test (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "make: could not install Debian's chromium; browser tests will fail"; }

test: venv browser
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: venv
	$(BIN)/python -m pytest -q -m "not slow and not gate and not browser"

# Debian's wrk, the load generator of benchmarks/serve.py.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
	  || echo "make: could not install wrk; benchmarks/serve.py will say so"; }

bench: venv wrk
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

lint: venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) newsdesk-data demo-output
