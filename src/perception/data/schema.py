"""The row schema every source is validated against, and the label vocabularies."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

CRISIS_TYPES: tuple[str, ...] = (
    "none",
    "passive_ideation",
    "immediate_harm",
    "self_harm",
    "substance",
    "panic",
    "psychotic",
)
# Most severe first: when annotators or duplicates tie, the more severe label wins,
# because missing a crisis is the costly error.
CRISIS_SEVERITY: tuple[str, ...] = (
    "immediate_harm",
    "self_harm",
    "passive_ideation",
    "psychotic",
    "substance",
    "panic",
    "none",
)

CrisisType = Literal[
    "none", "passive_ideation", "immediate_harm", "self_harm", "substance", "panic", "psychotic"
]


def length_bucket(n_words: int) -> str:
    """Bucket a text by word count; the cut points sit between the generator's ranges."""
    if n_words <= 25:
        return "short"
    if n_words <= 160:
        return "medium"
    return "long"


def most_severe(labels: list[str]) -> str:
    return min(labels, key=CRISIS_SEVERITY.index)


class Row(BaseModel):
    """One clean item. Labels are optional: a source may carry only some of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    user_id: str | None = None
    created_at: datetime | None = None
    text: str = Field(min_length=1)
    lang: str | None = None
    valence: float | None = Field(default=None, ge=0.0, le=1.0, allow_inf_nan=False)
    arousal: float | None = Field(default=None, ge=0.0, le=1.0, allow_inf_nan=False)
    crisis_type: CrisisType | None = None
    # Declared labels beyond the built-ins (ingest.sources[*].labels): a number already on
    # 0..1, or a class name.
    labels: dict[str, float | str] = {}
    source: str = Field(min_length=1)
    # The source's own split for this row (SourceConfig.split), or None: `split` assigns one.
    assigned_split: Literal["train", "val", "test", "train_val"] | None = None

    @field_validator("created_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        try:
            return value.astimezone(UTC)
        except OverflowError:  # 9999-12-31T23:00-05:00: past the last representable instant
            raise ValueError("timestamp out of range") from None
