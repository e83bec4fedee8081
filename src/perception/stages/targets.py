"""What the per-target commands share (train, evaluate, export, tune): a target's rows and
its plot folders."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from perception import artifacts
from perception.config import Params, TargetConfig
from perception.stages.common import fail

if TYPE_CHECKING:
    from perception.models.dataset import TargetData


def target_data(loaded: Params, name: str, target: TargetConfig, groups: list[str]
                ) -> TargetData:
    from perception.models.dataset import TargetDataError, target_data

    paths = loaded.paths
    features = {g: artifacts.read_parquet(paths.feature_table(g)) for g in groups}
    try:
        return target_data(name, target, artifacts.read_parquet(paths.clean),
                           artifacts.read_parquet(paths.splits), features, loaded.train.context)
    except TargetDataError as exc:
        fail(str(exc))


def write_plots(directory: Path, data: dict[str, list], images: dict[str, bytes]) -> None:
    """Plot data as <name>.json and renderings as <name>.png, swapped in as one folder."""
    with artifacts.atomic_dir(directory) as tmp:
        for name, rows in data.items():
            (tmp / f"{name}.json").write_text(artifacts.dumps_json(rows), encoding="utf-8")
        for name, png in images.items():
            (tmp / f"{name}.png").write_bytes(png)
