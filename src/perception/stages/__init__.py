"""One module per `perception` command: each owns its params slice, its file I/O and its Typer
command; `perception.cli` only registers them. The pipeline stages (dvc.yaml) are generate,
ingest, split, encoder, finetune, featurize, train, evaluate, export and bundle; predict, serve,
sign, gates, report and tune are the commands around the pipeline.

Keep this file free of imports: it is in every stage's dependency closure.
"""
