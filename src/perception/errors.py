"""One family of errors: every problem the project reports to a user is a PerceptionError.

Each concern has its own subclass, and each module's own error (IngestError, ExportError...)
subclasses its concern's class, keeping its original built-in base so older `except
ValueError` / `except RuntimeError` code still catches it. Every `perception` command turns any
PerceptionError into one line on stderr and exit code 1 (`perception --debug ...` or
PERCEPTION_DEBUG=1 shows the traceback). This module imports nothing from the project, so
every stage may depend on it without widening its dvc.yaml deps.
"""

from __future__ import annotations


class PerceptionError(Exception):
    """A problem the user can fix, told in one line naming the file, key, item or field."""


class ConfigError(PerceptionError, ValueError):
    """A bad params.yaml: one line that names the file and the key, no traceback."""


class DataError(PerceptionError):
    """Corpus, ingest or split: the data cannot become this stage's output."""


class FeatureError(PerceptionError):
    """Features, encoders, lexicons and fine-tuning."""


class ModelError(PerceptionError):
    """A target's training rows or models."""


class EvaluationError(PerceptionError):
    """Evaluation inputs: probe suites, git/DVC revisions for reviews."""


class PackagingError(PerceptionError):
    """Export and bundle: a model or bundle that cannot be built, signed or trusted."""


class ServingError(PerceptionError):
    """predict and serve: a request or input the predictor cannot score."""
