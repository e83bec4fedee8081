# Two entry points for a fresh machine: `make repro` and `make test`.
# Both create the virtual environment first if it is missing or out of date.

VENV   ?= .venv
PYTHON ?= python3
STAMP  := $(VENV)/.installed

# DVC runs each stage's `perception ...` command from PATH; nothing may reach a model hub.
export PATH := $(abspath $(VENV))/bin:$(PATH)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export DVC_NO_ANALYTICS := 1

.PHONY: install repro test test-fast lint bench bench-real postgres-server sweep

install: $(STAMP)

# torch first and pinned: it is a local CPU build; an unpinned torch pulls a CUDA build.
$(STAMP): pyproject.toml constraints.txt
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet torch==2.13.0
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

repro: $(STAMP)
	dvc repro

lint: $(STAMP)
	ruff check src tests benchmarks

# Two tiers. test-fast: lint and unit tests (no DVC pipeline, no servers, no fine-tuning; a few
# minutes). test: everything, or only the tests a pytest marker expression TESTS selects (.ci/run
# runs the fast tier first, then TESTS="not ($(FAST))"). Exit 5 (nothing selected) is no failure.
# PYTEST_WORKERS processes share the tests (pytest-xdist), a module at a time so that its
# fixtures are built once; 0 runs them in this process.
FAST := not e2e and not slow
TESTS ?=
PYTEST_WORKERS ?= 2
PYTEST := pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder)
test-fast: lint
	$(PYTEST) -m "$(FAST)"

test: lint postgres-server
	$(PYTEST) $(if $(TESTS),-m "$(TESTS)") || [ $$? -eq 5 ]

# A queued experiment sweep: each comma-separated value (several SWEEP entries: their grid) is
# one experiment, run by JOBS queue workers in their own workspaces; then the table. A worker
# reruns only the stages that read the swept keys. See docs/experiments.md.
#   make sweep SWEEP='targets.crisis.model.linear_alpha=0.01,0.03,0.1' JOBS=2
SWEEP ?= targets.crisis.model.linear_alpha=0.01,0.03,0.1
JOBS ?= 2
SWEEP_TIMEOUT ?= 14400
# Left out of the table: dependency hashes, val metrics, per-candidate/slice/class metrics.
SWEEP_DROP ?= (src|data|models)/.*|.*(metrics/train/|:candidates|:slices|per_type|finetuned_vs_frozen|:selection|json:gates).*
sweep: $(STAMP)
	dvc exp run --queue $(foreach s,$(SWEEP),-S '$(s)')
	dvc queue start -j $(JOBS) >/dev/null
	@end=$$(( $$(date +%s) + $(SWEEP_TIMEOUT) )); \
	while dvc queue status | grep -qE ' (Queued|Running)$$'; do \
	  [ $$(date +%s) -lt $$end ] || { echo "sweep: not done after $(SWEEP_TIMEOUT) s"; exit 1; }; \
	  sleep 10; \
	done
	dvc queue status
	dvc exp show --no-pager --only-changed --drop '$(SWEEP_DROP)'

# The tests of Optuna studies on PostgreSQL (tests/models/test_tuning_postgres.py and
# test_tuning_workers.py) start a throwaway server on loopback from the system's binaries;
# without them (and no root to install them) those tests skip, or fail when CI is set.
postgres-server:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || \
	  echo "warning: no PostgreSQL server binaries: the PostgreSQL tests will skip (fail in CI)"

bench: $(STAMP)
	python benchmarks/featurize.py --out benchmarks/results/featurize.json
	python benchmarks/stages.py --out benchmarks/results/stages.json
	python benchmarks/train.py --out benchmarks/results/train.json
	python benchmarks/corpus.py --out benchmarks/results/corpus.json
	python benchmarks/finetune.py --out benchmarks/results/finetune.json
	python benchmarks/serve.py --out benchmarks/results/serve.json

# The own-data route (docs/own-data.md) on the real VADER corpora (../shared/datasets), frozen
# and fine-tuned, 5-fold cross-validated: about 2-2.5 hours on 2 idle cores (estimate; per
# corpus in benchmarks/real_data.py). In parts: `python benchmarks/real_data.py --corpus movie --merge`.
bench-real: $(STAMP)
	python benchmarks/real_data.py --out benchmarks/results/real_data.json
