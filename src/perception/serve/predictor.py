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
import logging
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
from perception.features.crisis_cues import explain as explain_cues
from perception.features.crisis_cues import safety_net
from perception.features.lexical import (
    LEXICAL_COLUMNS,
    lexical_features,
    lexical_matrix,
    lexical_valence,
)
from perception.features.sentence_scores import (
    SentenceHeads,
    SentenceScores,
    explain,
    sentence_scores,
)
from perception.features.sentences import pool_windows, window_owners
from perception.features.temporal import temporal_features_for
from perception.serve import contract
from perception.serve.bundle import (
    ENCODERS,
    FEATURES,
    SENTENCES,
    TARGETS,
    BundleError,
    check_references,
    inside,
    plain_name,
    read_manifest,
    verify_bundle,
)
from perception.serve.contract import Limits, PredictError
from perception.serve.scorer import TargetScorer

REVIEW_NOTE = ("Flagged: a trained person must review this text before anything is done on "
               "the strength of this score.")
AUDIT_SALT_ENV = "PERCEPTION_AUDIT_SALT"
# Texts per encoder batch, as featurize (featurize.encoder.batch_size's default).
ENCODER_BATCH = 64


# PredictError (a request the predictor cannot score, naming the item and the field) lives
# in serve.contract, the one validation every door shares; it is re-exported here.
__all__ = ["PredictError", "Predictor"]
logger = logging.getLogger(__name__)


class UnacceptedBundle(PredictError):
    """A bundle with a target that failed its acceptance gates, loaded without the explicit
    override: a model that failed what it exists for must not serve silently."""


def acceptance(manifest: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per target: accepted or not, and the gates it failed (from the manifest, which the
    bundle stage wrote from evaluate's verdict)."""
    out = {}
    for name in manifest["targets"]:
        gates = dict(manifest.get("gates", {}).get(name, {}))
        accepted = bool(gates.pop("accepted", False))
        out[name] = {"accepted": accepted,
                     "failed_gates": sorted(g for g, passed in gates.items() if not passed)}
    return out


class AuditLog:
    """One JSON line per flagged decision: scores and a salted hash of the text, never the
    text. The salt comes from $PERCEPTION_AUDIT_SALT so hashes link across restarts; without
    it a random per-process salt still hides the text.

    Fail-safe: `check()` (at load) refuses a destination that cannot be written, in one line;
    a write that fails later never costs a prediction or a flag: the events are counted as
    lost, the failure is logged (never the text) and `status()` (in /health) says degraded."""

    def __init__(self, path: Path, salt: str | None = None) -> None:
        self.path = Path(path)
        self.salt = salt or os.environ.get(AUDIT_SALT_ENV) or secrets.token_hex(16)
        self._lock = threading.Lock()
        self.failures = 0          # writes that failed
        self.lost_events = 0       # events those writes did not record
        self.last_error: str | None = None

    def check(self) -> None:
        """Open the destination for appending once (creating its folder): a folder that is a
        file, a path that is a folder or a read-only place fails here, before serving."""
        try:
            if self.path.is_dir():
                raise IsADirectoryError(21, "is a directory")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise PredictError(f"serve.audit_log {self.path}: cannot be written "
                               f"({exc.strerror or exc}); flagged decisions must be audited: "
                               f"fix the path or its permissions") from exc

    def text_hash(self, text: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{text}".encode()).hexdigest()

    def write(self, events: list[dict[str, Any]]) -> bool:
        """Append the events; False (counted, logged, never raised) if that failed."""
        if not events:
            return True
        try:
            lines = "".join(json.dumps(e, sort_keys=True) + "\n" for e in events)
            with self._lock:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(lines)
                    fh.flush()
                    os.fsync(fh.fileno())
        except Exception as exc:  # a lost log line must never lose the flag it records
            reason = (f"{type(exc).__name__}: {exc.strerror}" if isinstance(exc, OSError)
                      and exc.strerror else type(exc).__name__)
            with self._lock:
                self.failures += 1
                self.lost_events += len(events)
                self.last_error = reason
            logger.error("audit log %s: write failed (%s); %d flagged event(s) not recorded, "
                         "%d so far; results were still returned", self.path, reason,
                         len(events), self.lost_events)
            return False
        return True

    def status(self) -> dict[str, Any]:
        with self._lock:
            return {"path": str(self.path), "ok": self.failures == 0,
                    "failed_writes": self.failures, "lost_events": self.lost_events,
                    **({"last_error": self.last_error} if self.last_error else {})}


@dataclass
class Features:
    """What the targets read for a batch: a float64 matrix per feature group (columns in
    the bundle's order), the context columns, and the texts as scored (normalized and
    redacted)."""

    arrays: dict[str, np.ndarray]
    context: dict[str, list[str]]
    texts: list[str] = field(default_factory=list)
    # Per-sentence scores behind the `sentences` group: the evidence of a flag.
    sentences: SentenceScores | None = None
    # The context as the request gave it (None where it did not): a decision threshold per
    # language reads this, so a text of no stated language is judged at the lowest one.
    given: dict[str, list[str | None]] = field(default_factory=dict)


def _check_columns(directory: Path, spec: dict[str, Any],
                   targets: Mapping[str, TargetScorer], heads: SentenceHeads | None) -> None:
    """Once, at load: this code builds every group's columns in the order each target was
    trained on, or the bundle is refused (a bundle from other feature code must not serve)."""
    from perception.features.temporal import temporal_columns

    temporal = spec["groups"]["temporal"]
    built = {"lexical": list(LEXICAL_COLUMNS),
             "temporal": temporal_columns(temporal["ema_alphas"], temporal["window_days"])}
    if heads is not None:
        built[SENTENCES] = heads.columns()
    for name, scorer in targets.items():
        for group in scorer.groups:
            expected = built.get(group, spec["groups"][group]["columns"])
            if scorer.columns[group] != expected or spec["groups"][group]["columns"] != expected:
                raise PredictError(f"{directory}: target {name!r} reads {group} features in "
                                   f"another layout than this code builds: rebuild the bundle")


class Predictor:
    # The contract's limits (serve.max_chars, max_texts, max_history); `load` sets them.
    limits: Limits = Limits()
    # Who signed the bundle (key id and where the key came from), or None if not checked.
    signature: dict[str, Any] | None = None

    def __init__(self, directory: Path, manifest: dict[str, Any], spec: dict[str, Any],
                 targets: dict[str, TargetScorer], encoders: dict[str, Any],
                 audit: AuditLog | None, heads: SentenceHeads | None = None,
                 verdict: dict[str, dict[str, Any]] | None = None) -> None:
        self.directory = directory
        self.heads = heads
        self.acceptance = verdict if verdict is not None else acceptance(manifest)
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
             audit_log: Path | str | None = None, allow_unaccepted: bool = False,
             verify_key: str | Path | None = None, allow_unsigned: bool = False,
             limits: Limits | None = None) -> Predictor:
        """Verify the bundle's signature first (against `verify_key`, else
        $PERCEPTION_VERIFY_KEY, else this machine's development key: see serve.signing), then
        every checksum and path, then load. `allow_unsigned` skips the signature, for local
        development only. A target that failed its gates is refused unless `allow_unaccepted`
        (then every result and `health()` say so). `limits`: the input contract's limits
        (default: 4000 characters a text, no batch or history limit). `precision`: the
        encoders' OpenVINO inference precision; by default bf16 where the CPU has it, else
        f32."""
        from perception.serve.signing import verify_signature

        directory = Path(directory)
        manifest_bytes = read_manifest(directory)
        signature = None
        if allow_unsigned:
            logger.warning("%s: signature not checked (allow_unsigned): local development "
                           "only", directory)
        else:
            signature = verify_signature(directory, manifest_bytes, verify_key)
        manifest = verify_bundle(directory, manifest_bytes)
        check_references(directory, manifest)
        verdict = acceptance(manifest)
        refused = {n: v for n, v in verdict.items() if not v["accepted"]}
        if refused and not allow_unaccepted:
            failed = "; ".join(f"target {n!r} failed its gates: {', '.join(v['failed_gates'])}"
                               for n, v in sorted(refused.items()))
            raise UnacceptedBundle(f"{directory}: {failed}: refusing to serve it "
                                   f"(--allow-unaccepted serves it, marked unaccepted)")
        audit = AuditLog(Path(audit_log)) if audit_log is not None else None
        if audit is not None:
            audit.check()
        try:
            predictor = cls._load_checked(directory, manifest, verdict, audit, precision,
                                          threads)
        except (BundleError, PredictError):
            raise
        except Exception as exc:
            # A verified bundle whose JSON or ONNX does not load (re-hashed after damage):
            # one line naming the bundle, never a runtime's traceback.
            why = (str(exc).strip().splitlines() or [""])[0][:300]
            raise BundleError(f"{directory}: cannot load the bundle ({type(exc).__name__}: "
                              f"{why})") from exc
        predictor.limits = limits or Limits()
        predictor.signature = signature
        return predictor

    @classmethod
    def _load_checked(cls, directory: Path, manifest: dict[str, Any],
                      verdict: dict[str, dict[str, Any]], audit: AuditLog | None,
                      precision: str | None, threads: int) -> Predictor:
        from perception.features.encoder.runtime import OpenVINOEncoder, inference_precision

        spec = json.loads((directory / FEATURES).read_text(encoding="utf-8"))
        targets = {name: TargetScorer(directory / TARGETS / plain_name(name, "targets"),
                                      threads=threads)
                   for name in manifest["targets"]}
        groups = {g for t in targets.values() for g in t.groups}
        heads = None
        if SENTENCES in groups:
            # The sentence features run the fine-tuned encoder's heads on each sentence.
            uses = plain_name(spec["groups"][SENTENCES]["uses"], "features.json: uses")
            heads = SentenceHeads.load(inside(directory, f"{ENCODERS}/{uses}", "uses"))
            groups.add(uses)
        _check_columns(directory, spec, targets, heads)
        precision = inference_precision(precision or "auto")
        encoders = {group: OpenVINOEncoder(inside(directory, f"{ENCODERS}/{group}", "encoders"),
                                           precision)
                    for group in sorted(groups) if spec["groups"].get(group, {}).get("encoder")}
        return cls(directory, manifest, spec, targets, encoders, audit, heads, verdict)

    # -- features ---------------------------------------------------------------------------

    def _temporal_row(self, history: pd.DataFrame, when: Any) -> np.ndarray:
        row = temporal_features_for(history, when, ema_alphas=self._ema_alphas,
                                    window_days=self._window_days)
        return row[self._temporal_columns].to_numpy(dtype=np.float64)

    def clean(self, texts: Sequence[Any], field: str = "texts") -> list[str]:
        """As ingest stores a text: normalized, then PII redacted. Empty or non-text items
        are an error naming their index (`texts[i]`, or `history[i].text`)."""
        out = []
        for i, text in enumerate(texts):
            where = f"{field}[{i}]" if field == "texts" else f"history[{i}].{field}"
            text = contract.check_text(text, where, self.limits.max_chars)
            norm = normalize_text(text)
            if not is_text(norm):
                raise PredictError(f"{where}: empty text (no letter, digit, punctuation "
                                   f"mark or emoji after normalization)")
            out.append(redact_pii(norm)[0])
        return out

    def check_request(self, texts: Sequence[Any], user_ids: Sequence[Any] | None = None,
                      timestamps: Sequence[Any] | None = None,
                      langs: Sequence[Any] | None = None, history: Any = None,
                      limits: Limits | None = None) -> list[str]:
        """The texts as they will be scored, once the request meets the input contract
        (serve.contract, with this predictor's limits unless `limits`): otherwise a
        PredictError naming the list or the item."""
        limits = limits or self.limits
        request = contract.check_request(texts, user_ids, timestamps, langs, limits)
        if history is not None:
            contract.check_history(history, limits)
        return self.clean(request.texts)

    def features(self, texts: Sequence[str], user_ids: Sequence[str | None] | None = None,
                 timestamps: Sequence[Any] | None = None, history: Any = None,
                 langs: Sequence[str | None] | None = None) -> Features:
        n = len(texts)
        cleaned = self.check_request(texts, user_ids, timestamps, langs)
        # Column order was checked against the bundle at load; no per-call checks here.
        # Requests of up to a batch start every encoder at once (they run side by side while
        # the lexical and temporal features are computed); bigger ones go in sorted batches.
        # A long text is embedded as its windows, pooled (features.sentences), as featurize.
        windows, owner = window_owners(cleaned)
        side_by_side = len(windows) <= ENCODER_BATCH
        pending = {g: e.start(windows) for g, e in self.encoders.items()} if side_by_side else {}
        arrays = {
            "lexical": lexical_matrix(cleaned),
            "temporal": self._temporal(n, user_ids, timestamps, history),
        }
        for group, encoder in self.encoders.items():
            vectors = (pending[group]() if side_by_side else
                       encoder.encode(windows, batch_size=ENCODER_BATCH, progress=False))
            arrays[group] = pool_windows(vectors, owner, n).astype(np.float64)
        sentences = None
        if self.heads is not None:
            sentences = self._sentences(cleaned, arrays)
            arrays[SENTENCES] = sentences.features.to_numpy(dtype=np.float64)
        default_lang = self.spec["context"]["defaults"]["lang"]
        given = {
            "length_bucket": [length_bucket(word_count(t)) for t in cleaned],
            "lang": [str(lang).strip().lower() if lang else None
                     for lang in (langs if langs is not None else [None] * n)],
        }
        context = {**given, "lang": [lang or default_lang for lang in given["lang"]]}
        return Features(arrays, context, cleaned, sentences, given)

    def _sentences(self, cleaned: list[str], arrays: dict[str, np.ndarray]) -> SentenceScores:
        """Per-sentence scores with the same code as featurize; a one-sentence text reuses
        the embedding its text already has."""
        assert self.heads is not None
        uses = self.spec["groups"][SENTENCES]["uses"]
        known = dict(zip(cleaned, arrays[uses], strict=True)) if uses in arrays else {}
        encoder = self.encoders[uses]

        def embed(sentences: list[str]) -> np.ndarray:
            todo = [s for s in sentences if s not in known]
            if todo:
                fresh = encoder.encode(todo, batch_size=ENCODER_BATCH, progress=False)
                known.update(zip(todo, np.asarray(fresh, dtype=np.float64), strict=True))
            return np.stack([known[s] for s in sentences])

        return sentence_scores(cleaned, embed, self.heads)

    def _temporal(self, n: int, user_ids: Sequence[str | None] | None,
                  timestamps: Sequence[Any] | None, history: Any) -> np.ndarray:
        rows = np.tile(self.no_history, (n, 1))
        if user_ids is None or timestamps is None:
            return rows
        by_user = self._history_by_user(history)
        for i, (user, when) in enumerate(zip(user_ids, timestamps, strict=True)):
            # Epoch numbers are seconds, as in every door (serve.contract).
            when = contract.check_timestamp(when, f"timestamps[{i}]")
            # Without both, training rows get the no-history defaults too (features.temporal).
            if user is None or when is None or pd.isna(user):
                continue
            past = by_user.get(str(user))
            if past is None:
                past = pd.DataFrame({"created_at": pd.Series([], dtype="datetime64[ns, UTC]"),
                                     "lexical_valence": pd.Series([], dtype="float64")})
            rows[i] = self._temporal_row(past, when)
        return rows

    def _history_by_user(self, history: Any) -> dict[str, pd.DataFrame]:
        """A user's earlier items: rows (or a DataFrame) with user_id, created_at and text
        (or an already computed lexical_valence); `id` orders same-time items. Checked by
        the input contract: a bad item is named `history[i].field`."""
        frame = contract.check_history(history, self.limits)
        if frame is None or frame.empty:
            return {}
        if "lexical_valence" not in frame.columns:
            frame["lexical_valence"] = lexical_valence(lexical_features(
                self.clean(frame["text"].tolist(), field="text")))
        elif "text" in frame.columns and frame["lexical_valence"].isna().any():
            todo = frame["lexical_valence"].isna()
            frame.loc[todo, "lexical_valence"] = lexical_valence(lexical_features(
                self.clean(frame.loc[todo, "text"].tolist(), field="text")))
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True).astype(
            "datetime64[ns, UTC]")
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
        described = {name: self.targets[name].describe(values, features.given)
                     for name, values in scores.items()}
        results: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        for i in range(len(texts)):
            row: dict[str, Any] = {name: described[name][i] for name in self.targets}
            flagged = [name for name in self.targets
                       if isinstance(row[name], dict) and row[name]["flagged"]]
            net = safety_net(features.texts[i])
            row["review_required"] = bool(flagged or net)
            if flagged or net:
                row["review"] = REVIEW_NOTE
                # What a reviewer needs to see why: the sentences that drove the score (with
                # their own scores, from the features the model read) and the lexicon cues.
                row["evidence"] = self._evidence(features, i, net)
            row["acceptance"] = {n: self.acceptance[n]["accepted"] for n in self.targets}
            row["bundle_version"] = self.version
            results.append(row)
            if self.audit is not None:
                events += [self._audit_event(now, name, row[name], features.texts[i],
                                             row["evidence"])
                           for name in flagged]
                if net and not flagged:
                    events.append(self._net_event(now, features.texts[i], row["evidence"]))
        if self.audit is not None:
            self.audit.write(events)
        return results

    def _evidence(self, features: Features, i: int, net: list[str]) -> dict[str, Any]:
        """Offsets into the scored text (as `texts` after normalization and redaction), the
        per-sentence crisis scores and the lexicon cues; `safety_net` lists why the lexicon
        alone asks for review."""
        scored = features.sentences
        sentences = (explain(scored.spans[i], scored.event[i]) if scored is not None else [])
        for s in sentences:
            s["text"] = features.texts[i][s["start"]:s["end"]]
        return {"sentences": sentences, "cues": explain_cues(features.texts[i]),
                "safety_net": net}

    @staticmethod
    def _textless(evidence: Mapping[str, Any]) -> dict[str, Any]:
        """Evidence for the audit log: offsets, scores and cue names, never the words."""
        return {"sentences": [{k: v for k, v in s.items() if k != "text"}
                              for s in evidence["sentences"]],
                "cues": evidence["cues"], "safety_net": evidence["safety_net"]}

    def _audit_event(self, now: str, target: str, result: Mapping[str, Any], text: str,
                     evidence: Mapping[str, Any]) -> dict[str, Any]:
        assert self.audit is not None
        return {"time": now, "bundle_version": self.version, "target": target,
                "probability": result["probability"], "threshold": result["threshold"],
                "band": result["band"], "decision": result["decision"],
                "probabilities": result["probabilities"],
                "accepted": self.acceptance[target]["accepted"],
                "evidence": self._textless(evidence),
                "text_sha256": self.audit.text_hash(text)}

    def _net_event(self, now: str, text: str, evidence: Mapping[str, Any]) -> dict[str, Any]:
        assert self.audit is not None
        return {"time": now, "bundle_version": self.version, "target": None,
                "decision": "safety_net", "evidence": self._textless(evidence),
                "text_sha256": self.audit.text_hash(text)}

    def health(self) -> dict[str, Any]:
        unaccepted = {n: v["failed_gates"] for n, v in self.acceptance.items()
                      if not v["accepted"]}
        # A failed audit write degrades the service (the flags were still returned).
        audit = self.audit.status() if self.audit is not None else None
        degraded = bool(unaccepted) or (audit is not None and not audit["ok"])
        return {"status": "degraded" if degraded else "ok",
                "bundle_version": self.version, "checksums_verified": True,
                "signature": self.signature or "not checked (allow_unsigned)",
                "audit": audit,
                "targets": {n: {"kind": t.kind, "chosen": t.spec["chosen"],
                                **self.acceptance[n]}
                            for n, t in self.targets.items()},
                **({"unaccepted": unaccepted} if unaccepted else {}),
                "encoders": {g: e.precision for g, e in self.encoders.items()}}
