from __future__ import annotations

from collections.abc import Callable

import pytest


def _tiny(params: dict) -> None:
    """Small data and training budgets: the same code paths as the default, in about a minute."""
    params["generate"].update({"n_items": 700, "n_users": 90})
    for target in params["targets"].values():
        target["tuning"]["n_trials"] = {"lexical": 2, "temporal": 1, "all": 1}
        target["lightgbm"].update({"max_rounds": 60, "early_stopping_rounds": 10})


@pytest.fixture(scope="session")
def tiny_params() -> Callable[[dict], None]:
    return _tiny
