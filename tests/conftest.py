from __future__ import annotations

import os

# Nothing in the tests may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# Two test workers (pytest-xdist) share 2 cores: OpenMP threads that spin while they wait
# (LightGBM's, torch's) would take the core the other worker needs (a train stage took 180 s
# instead of 30 s that way, benchmarks/real_data.py). Passive waiting changes no result.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# Under pytest-xdist (`--dist loadscope --no-loadscope-reorder`, the Makefile's test targets) a
# module is one unit of work, handed out in collection order. These go first: the first
# worker builds the shared trained tiny copy (tests/workflow/conftest.py: trained_repo) while
# the second runs the longest module that does not need it; after that both workers share
# the copy's users.
FIRST_MODULES = ("tests/workflow/test_training.py", "tests/workflow/test_user_targets.py")


def pytest_collection_modifyitems(items: list) -> None:
    def rank(item) -> int:
        path = item.nodeid.split("::")[0]
        return FIRST_MODULES.index(path) if path in FIRST_MODULES else len(FIRST_MODULES)

    items.sort(key=rank)   # stable: within a rank, the collection order
