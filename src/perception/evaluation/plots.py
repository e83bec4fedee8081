"""PNG renderings of the plot data, for review reports and `dvc plots show` (which also
renders the JSON itself)."""

from __future__ import annotations

import io as _io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

Rows = list[dict[str, Any]]
# No version or date in the file: the same data gives the same bytes.
_METADATA = {"Software": None}


def _png(fig: Any) -> bytes:
    buffer = _io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=100, metadata=_METADATA)
    plt.close(fig)
    return buffer.getvalue()


def _axes(title: str, xlabel: str, ylabel: str) -> tuple[Any, Any]:
    fig, ax = plt.subplots(figsize=(4.5, 4))
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    ax.grid(alpha=0.3)
    return fig, ax


def _column(rows: Rows, key: str) -> list[Any]:
    return [r[key] for r in rows]


def scatter(rows: Rows, x: str, y: str, title: str, diagonal: bool = False) -> bytes:
    fig, ax = _axes(title, x, y)
    ax.scatter(_column(rows, x), _column(rows, y), s=6, alpha=0.4)
    if diagonal:
        ax.plot([0, 1], [0, 1], color="grey", lw=1)
    return _png(fig)


def lines(series: dict[str, Rows], x: str, y: str, title: str, diagonal: bool = False,
          drawstyle: str = "default") -> bytes:
    fig, ax = _axes(title, x, y)
    for label, rows in series.items():
        ax.plot(_column(rows, x), _column(rows, y), marker=".", label=label, drawstyle=drawstyle)
    if diagonal:
        ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--")
    ax.legend()
    return _png(fig)


def confusion(rows: Rows, classes: list[str], title: str) -> bytes:
    index = {c: i for i, c in enumerate(classes)}
    counts = [[0] * len(classes) for _ in classes]
    for r in rows:
        counts[index[r["actual"]]][index[r["predicted"]]] += 1
    fig, ax = plt.subplots(figsize=(6, 5.5))
    ax.imshow(counts, cmap="Blues")
    ax.set(title=title, xlabel="predicted", ylabel="actual", xticks=range(len(classes)),
           yticks=range(len(classes)))
    ax.set_xticklabels(classes, rotation=45, ha="right")
    ax.set_yticklabels(classes)
    for i, row in enumerate(counts):
        for j, n in enumerate(row):
            ax.text(j, i, str(n), ha="center", va="center", fontsize=8)
    return _png(fig)


def event_name(target: str, classes: list[str]) -> str:
    """What a classification target's event probability is of: a binary target's positive
    class ("stressed"), else any class but the first ("any crisis")."""
    return classes[1] if len(classes) == 2 else f"any {target}"


def evaluation_images(target: str, kind: str, plots: dict[str, Rows], classes: list[str]
                      ) -> dict[str, bytes]:
    reliability = {"calibrated": plots["reliability"],
                   "uncalibrated": plots["reliability_uncalibrated"]}
    images = {"reliability": lines(reliability, "predicted", "observed",
                                   f"{target}: reliability (test)", diagonal=True)}
    if kind == "regression":
        images["predicted_vs_actual"] = scatter(plots["predictions"], "actual", "predicted",
                                                f"{target}: predicted vs actual (test)",
                                                diagonal=True)
        images["residuals"] = scatter(plots["predictions"], "predicted", "residual",
                                      f"{target}: residuals (test)")
    else:
        images["confusion"] = confusion(plots["confusion"], classes, f"{target}: confusion (test)")
        if "roc" in plots:
            event = event_name(target, classes)
            images["roc"] = lines({event: plots["roc"]}, "fpr", "tpr",
                                  f"{target}: ROC, {event} (test)", diagonal=True)
            images["precision_recall"] = lines({event: plots["precision_recall"]},
                                               "recall", "precision",
                                               f"{target}: precision-recall (test)")
    return images


def optuna_image(target: str, histories: dict[str, Rows]) -> bytes:
    series = {model: [r for r in rows if r["best"] is not None]
              for model, rows in histories.items()}
    return lines(series, "trial", "best", f"{target}: Optuna best val loss",
                 drawstyle="steps-post")
