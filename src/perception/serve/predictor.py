"""The predictor: a verified bundle turned into scores for new texts.

Texts go through the same code as training rows: `data.text` normalization and PII
redaction (as ingest), `features.lexical`, `features.temporal` (a user's strictly earlier
history) and the bundle's OpenVINO encoders (as featurize), then each target's ONNX models
and numeric tables (`serve.scorer`). No pickle is read and torch is never imported: the
process needs OpenVINO, ONNX Runtime, the tokenizer and this package.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from perception.data.schema import length_bucket
from perception.data.text import is_text, normalize_text, redact_pii, word_count
from perception.features.lexical import (
    LEXICAL_COLUMNS,
    lexical_features,
    lexical_matrix,
    lexical_valence,
)
from perception.features.temporal import temporal_features_for
from perception.serve.bundle import ENCODERS, FEATURES, TARGETS, verify_bundle
from perception.serve.scorer import TargetScorer

REVIEW_NOTE = ("Flagged: a trained person must review this text before anything is done on "
               "the strength of this score.")
AUDIT_SALT_ENV = "PERCEPTION_AUDIT_SALT"
# Texts per encoder batch, as featurize (featurize.encoder.batch_size's default).
ENCODER_BATCH = 64


class PredictError(ValueError):
    """A request the predictor cannot score (names the item and the field)."""


class AuditLog:
    """One JSON line per flagged decision: scores and a salted hash of the text, never the
    text. The salt comes from $PERCEPTION_AUDIT_SALT so hashes link across restarts; without
    it a random per-process salt still hides the text."""

    def __init__(self, path: Path, salt: str | None = None) -> None:
        self.path = Path(path)
        self.salt = salt or os.environ.get(AUDIT_SALT_ENV) or secrets.token_hex(16)
        self._lock = threading.Lock()

    def text_hash(self, text: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{text}".encode()).hexdigest()

    def write(self, events: list[dict[str, Any]]) -> None:
        if not events:
            return
        lines = "".join(json.dumps(e, sort_keys=True) + "\n" for e in events)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(lines)
                fh.flush()
                os.fsync(fh.fileno())


@dataclass
class Features:
    """What the targets read for a batch: a float64 matrix per feature group (columns in
    the bundle's order), the context columns, and the texts as scored (normalized and
    redacted)."""

    arrays: dict[str, np.ndarray]
    context: dict[str, list[str]]
    texts: list[str] = field(default_factory=list)


def _check_columns(directory: Path, spec: dict[str, Any],
                   targets: Mapping[str, TargetScorer]) -> None:
    """Once, at load: this code builds every group's columns in the order each target was
    trained on, or the bundle is refused (a bundle from other feature code must not serve)."""
    from perception.features.temporal import temporal_columns

    temporal = spec["groups"]["temporal"]
    built = {"lexical": list(LEXICAL_COLUMNS),
             "temporal": temporal_columns(temporal["ema_alphas"], temporal["window_days"])}
    for name, scorer in targets.items():
        for group in scorer.groups:
            expected = built.get(group, spec["groups"][group]["columns"])
            if scorer.columns[group] != expected or spec["groups"][group]["columns"] != expected:
                raise PredictError(f"{directory}: target {name!r} reads {group} features in "
                                   f"another layout than this code builds: rebuild the bundle")


class Predictor:
    def __init__(self, directory: Path, manifest: dict[str, Any], spec: dict[str, Any],
                 targets: dict[str, TargetScorer], encoders: dict[str, Any],
                 audit: AuditLog | None) -> None:
        self.directory = directory
        self.manifest = manifest
        self.version: str = manifest["version"]
        self.spec = spec
        self.targets = targets
        self.encoders = encoders
        self.audit = audit
        temporal = spec["groups"]["temporal"]
        self._ema_alphas = list(temporal["ema_alphas"])
        self._window_days = float(temporal["window_days"])
        self._temporal_columns = list(temporal["columns"])
        self.no_history = self._temporal_row(pd.DataFrame(
            {"created_at": pd.Series([], dtype="datetime64[ns, UTC]"),
             "lexical_valence": pd.Series([], dtype="float64")}), None)

    @classmethod
    def load(cls, directory: Path | str, *, precision: str | None = None, threads: int = 1,
             audit_log: Path | str | None = None) -> Predictor:
        """Verify every checksum, then load. `precision`: the encoders' OpenVINO inference
        precision; by default bf16 where the CPU has it, else f32."""
        from perception.features.encoder.runtime import OpenVINOEncoder, bf16_supported

        directory = Path(directory)
        manifest = verify_bundle(directory)
        spec = json.loads((directory / FEATURES).read_text(encoding="utf-8"))
        targets = {name: TargetScorer(directory / TARGETS / name, threads=threads)
                   for name in manifest["targets"]}
        _check_columns(directory, spec, targets)
        precision = precision or ("bf16" if bf16_supported() else "f32")
        encoders = {group: OpenVINOEncoder(directory / ENCODERS / group, precision)
                    for group in sorted({g for t in targets.values() for g in t.groups})
                    if spec["groups"][group].get("encoder")}
        audit = AuditLog(Path(audit_log)) if audit_log is not None else None
        return cls(directory, manifest, spec, targets, encoders, audit)

    # -- features ---------------------------------------------------------------------------

    def _temporal_row(self, history: pd.DataFrame, when: Any) -> np.ndarray:
        row = temporal_features_for(history, when, ema_alphas=self._ema_alphas,
                                    window_days=self._window_days)
        return row[self._temporal_columns].to_numpy(dtype=np.float64)

    def clean(self, texts: Sequence[Any]) -> list[str]:
        """As ingest stores a text: normalized, then PII redacted. Empty or non-text items
        are an error naming their index."""
        out = []
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise PredictError(f"texts[{i}]: must be a string, got {type(text).__name__}")
            norm = normalize_text(text)
            if not is_text(norm):
                raise PredictError(f"texts[{i}]: empty text (no letter, digit, punctuation "
                                   f"mark or emoji after normalization)")
            out.append(redact_pii(norm)[0])
        return out

    def check_request(self, texts: Sequence[Any], user_ids: Sequence[Any] | None = None,
                      timestamps: Sequence[Any] | None = None,
                      langs: Sequence[Any] | None = None) -> list[str]:
        """The texts as they will be scored, once every per-text list has one value per
        text; otherwise a PredictError naming the list or the item."""
        for name, values in (("user_ids", user_ids), ("timestamps", timestamps),
                             ("langs", langs)):
            if values is not None and len(values) != len(texts):
                raise PredictError(f"{name}: {len(values)} values for {len(texts)} texts")
        return self.clean(texts)

    def features(self, texts: Sequence[str], user_ids: Sequence[str | None] | None = None,
                 timestamps: Sequence[Any] | None = None, history: Any = None,
                 langs: Sequence[str | None] | None = None) -> Features:
        n = len(texts)
        cleaned = self.check_request(texts, user_ids, timestamps, langs)
        # Column order was checked against the bundle at load; no per-call checks here.
        # Requests of up to a batch start every encoder at once (they run side by side while
        # the lexical and temporal features are computed); bigger ones go in sorted batches.
        side_by_side = n <= ENCODER_BATCH
        pending = {g: e.start(cleaned) for g, e in self.encoders.items()} if side_by_side else {}
        arrays = {
            "lexical": lexical_matrix(cleaned),
            "temporal": self._temporal(n, user_ids, timestamps, history),
        }
        for group, encoder in self.encoders.items():
            vectors = (pending[group]() if side_by_side else
                       encoder.encode(cleaned, batch_size=ENCODER_BATCH, progress=False))
            arrays[group] = vectors.astype(np.float64)
        default_lang = self.spec["context"]["defaults"]["lang"]
        context = {
            "length_bucket": [length_bucket(word_count(t)) for t in cleaned],
            "lang": [str(lang).strip().lower() if lang else default_lang
                     for lang in (langs if langs is not None else [None] * n)],
        }
        return Features(arrays, context, cleaned)

    def _temporal(self, n: int, user_ids: Sequence[str | None] | None,
                  timestamps: Sequence[Any] | None, history: Any) -> np.ndarray:
        rows = np.tile(self.no_history, (n, 1))
        if user_ids is None or timestamps is None:
            return rows
        by_user = self._history_by_user(history)
        for i, (user, when) in enumerate(zip(user_ids, timestamps, strict=True)):
            # Without both, training rows get the no-history defaults too (features.temporal).
            if user is None or when is None or pd.isna(user) or pd.isna(when):
                continue
            past = by_user.get(str(user))
            if past is None:
                past = pd.DataFrame({"created_at": pd.Series([], dtype="datetime64[ns, UTC]"),
                                     "lexical_valence": pd.Series([], dtype="float64")})
            try:
                rows[i] = self._temporal_row(past, pd.Timestamp(when))
            except (ValueError, TypeError) as exc:
                raise PredictError(f"timestamps[{i}]: not a time ({exc})") from exc
        return rows

    def _history_by_user(self, history: Any) -> dict[str, pd.DataFrame]:
        """A user's earlier items: rows (or a DataFrame) with user_id, created_at and text
        (or an already computed lexical_valence); `id` orders same-time items."""
        if history is None:
            return {}
        frame = pd.DataFrame(list(history) if not isinstance(history, pd.DataFrame)
                             else history).reset_index(drop=True)
        missing = {"user_id", "created_at"} - set(frame.columns)
        if missing or not ({"text", "lexical_valence"} & set(frame.columns)):
            raise PredictError("history: each item needs user_id, created_at and text")
        if "lexical_valence" not in frame.columns:
            frame["lexical_valence"] = lexical_valence(lexical_features(
                self.clean(frame["text"].tolist())))
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
        keep = [c for c in ("id", "created_at", "lexical_valence") if c in frame.columns]
        return {str(u): part[keep].reset_index(drop=True)
                for u, part in frame.groupby(frame["user_id"].astype(str), sort=False)}

    # -- scores -----------------------------------------------------------------------------

    def score(self, features: Features) -> dict[str, np.ndarray]:
        """Calibrated outputs per target: values (regression) or class probabilities."""
        return {name: t.predict_arrays(features.arrays, features.context)
                for name, t in self.targets.items()}

    def predict(self, texts: Sequence[str], user_ids: Sequence[str | None] | None = None,
                timestamps: Sequence[Any] | None = None, history: Any = None,
                langs: Sequence[str | None] | None = None) -> list[dict[str, Any]]:
        """One result per text: every target (a regression target as its value; a class
        target as its event probability, decision, most likely class, band and class
        probabilities), whether a person must review it, and the bundle version. Every
        flagged decision is written to the audit log."""
        if isinstance(texts, str):
            raise PredictError("texts: pass a list of strings, not one string")
        if len(texts) == 0:
            return []
        features = self.features(texts, user_ids, timestamps, history, langs)
        scores = self.score(features)
        described = {name: self.targets[name].describe(values) for name, values in scores.items()}
        results: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        for i in range(len(texts)):
            row: dict[str, Any] = {name: described[name][i] for name in self.targets}
            flagged = [name for name in self.targets
                       if isinstance(row[name], dict) and row[name]["flagged"]]
            row["review_required"] = bool(flagged)
            if flagged:
                row["review"] = REVIEW_NOTE
            row["bundle_version"] = self.version
            results.append(row)
            if self.audit is not None:
                events += [self._audit_event(now, name, row[name], features.texts[i])
                           for name in flagged]
        if self.audit is not None:
            self.audit.write(events)
        return results

    def _audit_event(self, now: str, target: str, result: Mapping[str, Any], text: str
                     ) -> dict[str, Any]:
        assert self.audit is not None
        return {"time": now, "bundle_version": self.version, "target": target,
                "probability": result["probability"], "threshold": result["threshold"],
                "band": result["band"], "decision": result["decision"],
                "probabilities": result["probabilities"],
                "text_sha256": self.audit.text_hash(text)}

    def health(self) -> dict[str, Any]:
        return {"status": "ok", "bundle_version": self.version, "checksums_verified": True,
                "targets": {n: {"kind": t.kind, "chosen": t.spec["chosen"]}
                            for n, t in self.targets.items()},
                "encoders": {g: e.precision for g, e in self.encoders.items()}}
