"""`perception tune TARGET`: shared Optuna studies over worker processes; the best params
written into params.yaml."""

from __future__ import annotations

from pathlib import Path

import typer

from perception import artifacts
from perception.stages.common import ParamsOption, fail, load_target
from perception.stages.targets import target_data


def tune(
    target: str = typer.Argument(..., help="A key of `targets` in params.yaml."),
    workers: int = typer.Option(2, "--workers", min=0, help="Worker processes on this "
                                "machine, all on one study per model."),
    trials: int | None = typer.Option(None, "--trials", min=0, help="Trials per model run here, "
                               "split over the workers (default: the model's n_trials)."),
    models: list[str] = typer.Option(  # noqa: B008 - typer reads defaults at definition
        [], "--model", help="Only this LightGBM model (repeat for several; default: every one)."),
    join: bool = typer.Option(False, "--join", help="Add trials to studies another machine "
                              "started, instead of starting them afresh."),
    write: bool = typer.Option(True, "--write/--no-write", help="Write the best params to "
                               "targets.<target>.model.tuned in the params file."),
    params: Path = ParamsOption,
) -> None:
    """Tune a target's LightGBM models with several worker processes sharing one Optuna study
    per model (storage: $PERCEPTION_OPTUNA_STORAGE, else train.optuna.storage), then fix the
    best params in params.yaml, where `dvc repro` picks them up and training stops tuning."""
    import os

    from perception.config import write_tuned
    from perception.models.train import lightgbm_models
    from perception.models.tuning import TuningTask, storage_url, tune_shared

    loaded, cfg = load_target(params, target)
    plan = lightgbm_models(cfg.model, cfg.groups(loaded.train))
    unknown = sorted(set(models) - set(plan))
    if unknown:
        fail(f"--model {unknown[0]!r}: not a LightGBM model of {target} ({', '.join(plan)})")
    plan = {m: g for m, g in plan.items() if not models or m in models}
    data = target_data(loaded, target, cfg, cfg.groups(loaded.train))
    tr, va = data.mask("train"), data.mask("val")
    # Workers share the cores: LightGBM threads beyond them only contend.
    threads = max(1, min(cfg.model.lightgbm.num_threads, (os.cpu_count() or 1) // max(workers, 1)))
    storage = storage_url(loaded.train.optuna.storage)
    if workers > 1 and storage.startswith("sqlite"):
        typer.secho(f"warning: {workers} workers on SQLite ({storage}) contend for one file "
                    "lock; share a PostgreSQL database instead (docs/scaling.md)",
                    fg=typer.colors.YELLOW, err=True)
    tasks = {}
    for model, groups in plan.items():
        x = data.matrix(groups)
        tasks[model] = TuningTask(
            storage=storage, study_name=f"{target}.{model}.shared", x_train=x[tr],
            y_train=data.y[tr], x_val=x[va], y_val=data.y[va], kind=cfg.kind,
            n_classes=len(cfg.classes), space=cfg.model.search,
            fixed=cfg.model.lightgbm.model_copy(update={"num_threads": threads}),
            tuning=cfg.model.tuning, seed=loaded.train.seed)
    budget = {m: cfg.model.tuning.n_trials.get(m, 1) if trials is None else trials for m in plan}
    try:
        shared = tune_shared(tasks, budget, workers=workers, join=join,
                             log=lambda line: typer.echo(f"tune {target}: {line}", err=True))
    except (KeyError, ValueError) as exc:
        fail(str(exc.args[0]) if exc.args else str(exc))
    tuned = {**{m: t.model_dump() for m, t in cfg.model.tuned.items()},
             **{m: {"params": s.result.params, "rounds": s.result.rounds, "study": s.study_name,
                    "trials": len(s.result.history), "value": round(s.result.best_value, 6)}
                for m, s in shared.items()}}
    if not write:
        typer.echo(f"tune {target}: best params (not written):\n"
                   f"{artifacts.dumps_json(tuned)}", nl=False)
        return
    write_tuned(params, target, tuned)
    typer.echo(f"tune {target}: best params of {', '.join(shared)} -> {params}: "
               f"targets.{target}.model.tuned (`dvc repro train@{target}` uses them)")
