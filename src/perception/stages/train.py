"""`perception train TARGET` (stage train@TARGET): tune, stack, select and calibrate."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from perception.stages.common import ParamsOption, load_target
from perception.stages.targets import target_data, write_plots


def train(target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
          params: Path = ParamsOption) -> None:
    """Tune, stack, select and calibrate one target on train/val; log to dvclive and MLflow."""
    from perception import tracking
    from perception.evaluation.plots import optuna_image
    from perception.models.target_model import model_digest, save_model
    from perception.models.train import train_target

    loaded, cfg = load_target(params, target)
    paths = loaded.paths
    data = target_data(loaded, target, cfg, cfg.groups(loaded.train))
    result = train_target(target, data, cfg, loaded.train, progress=sys.stderr.isatty(),
                          log=lambda line: typer.echo(f"train: {line}", err=True))
    model_dir = paths.model_dir(target)
    save_model(result.model, model_dir, {"oof": result.oof, "val_predictions": result.val})

    histories = {m: r.history for m, r in result.tuning.items()}
    write_plots(paths.plots_dir(target) / "train",
                {f"optuna_{model}": rows for model, rows in histories.items()},
                {"optuna": optuna_image(target, histories)} if histories else {})

    val = {"val": {"chosen": result.calibrated_val, "candidates": result.candidates}}
    live_params = {"chosen": result.model.chosen,
                   "tuned": result.model.info["tuned"], "threshold": result.model.threshold,
                   **({"threshold_by": result.model.threshold_by}
                      if result.model.threshold_by else {})}
    tracking.log_live(paths.train_live_dir(target), live_params, val)
    digest = model_digest(model_dir)
    run_id = tracking.log_training_run(
        loaded.tracking, target, {"target": cfg.model_dump(), "train": loaded.train.model_dump(),
                                  **live_params},
        val, model_dir, digest, result.model.learners, primary=result.model.primary,
        run_log=paths.log("train"))
    chosen = result.calibrated_val
    headline = (f"pearson {chosen['pearson']}" if cfg.kind == "regression" else
                f"sensitivity {chosen['sensitivity']} at threshold "
                f"{result.model.threshold_by or result.model.threshold}, "
                f"macro-F1 {chosen['macro_f1']}")
    typer.echo(f"train {target}: {result.model.chosen} chosen; val {headline} "
               f"-> {model_dir} (MLflow run {run_id})")
