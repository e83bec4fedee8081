"""`perception featurize` (stage featurize): one feature table per group."""

from __future__ import annotations

from pathlib import Path

import typer

from perception import artifacts
from perception.config import load_params
from perception.stages.common import ParamsOption
from perception.stages.runlog import log_run


def featurize(params: Path = ParamsOption) -> None:
    """Lexical, sentence-embedding (frozen and fine-tuned) and temporal features, one table
    per group."""
    import time

    from perception.features.embedding_cache import EmbeddingCache
    from perception.features.encoder.runtime import load_encoder
    from perception.features.featurize import build_features, feature_metrics
    from perception.features.sentence_scores import SentenceHeads

    loaded = load_params(params)
    cfg, paths = loaded.featurize, loaded.paths
    started = time.perf_counter()
    clean = artifacts.read_parquet(paths.clean)
    encoder = load_encoder(cfg.encoder, Path(paths.encoder))
    finetuned = load_encoder(cfg.encoder, paths.finetuned_ir, paths.finetuned_model)
    cache = EmbeddingCache(Path(paths.embedding_cache))
    tables = build_features(clean, cfg, encoder, cache, finetuned=finetuned,
                            heads=SentenceHeads.load(paths.finetuned_ir))
    for name, frame in tables.tables().items():
        artifacts.write_parquet(paths.feature_table(name), frame)
    artifacts.write_json(paths.metrics_file("features"),
                  feature_metrics(tables, encoder, cfg, finetuned))
    seconds = time.perf_counter() - started
    log_run(paths.log("featurize"), {"seconds": round(seconds, 2), "backend": encoder.backend,
                                     "precision": encoder.precision, **tables.run_stats})
    typer.echo(f"featurize: {len(clean)} rows in {seconds:.1f}s, embedding cache "
               f"{tables.run_stats.get('hits', 0)} hits / {tables.run_stats.get('misses', 0)} "
               f"misses ({encoder.backend}/{encoder.precision})")
