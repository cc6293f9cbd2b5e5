# Two commands matter on a fresh clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast bench lint lock clean ops-tools

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

## Run the whole system: embedded NATS and MongoDB-wire store, the Twilio sandbox,
## every service and a demo tenant. Ctrl-C stops everything.
run: $(STAMP)
	$(BIN)/ringback-dev run

## Run every test tier (unit, integration, end-to-end).
test: $(STAMP) ops-tools
	$(BIN)/python -m pytest -q tests

## Prometheus and promtool (Debian package `prometheus`) for the tests of deploy/.
## Quick when present; where apt cannot install them, those tests skip and say why.
ops-tools:
	@command -v promtool >/dev/null && command -v prometheus >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends prometheus >/dev/null) || \
	  echo "could not install the prometheus package: its tests will be skipped"

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

bench: $(STAMP)
	$(BIN)/python benchmarks/ingress_webhooks.py --rate 1000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Re-resolve the pinned dependency set (needs a registry).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet -e '.[dev]'
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .data
