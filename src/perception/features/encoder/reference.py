"""The reference encoder: sentence-transformers itself, on torch.

Kept out of `runtime` because it needs torch, which serving must not load. Parity tests and the
benchmark compare the OpenVINO encoder against it; `backend: torch` in params selects it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from perception.features.encoder.identity import encoder_identity
from perception.features.encoder.runtime import _BatchedEncoder


class TorchEncoder(_BatchedEncoder):
    """The reference: sentence-transformers on torch, CPU."""

    backend = "torch"
    precision = "f32"

    def __init__(self, model_path: Path) -> None:
        from sentence_transformers import SentenceTransformer

        self.model_path = Path(model_path)
        self.identity = encoder_identity(self.model_path)
        self.model = SentenceTransformer(str(self.model_path), device="cpu")
        self.dim = int(self.model.get_embedding_dimension())

    def token_counts(self, texts: Sequence[str]) -> np.ndarray:
        mask = self.model.tokenize([str(t) for t in texts])["attention_mask"]
        return mask.sum(dim=1).numpy().astype(np.int64)

    def _encode_batches(self, batches: list[list[str]]) -> Iterator[np.ndarray]:
        for batch in batches:
            vectors = self.model.encode(
                batch,
                batch_size=len(batch),
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            yield np.asarray(vectors, dtype=np.float32)
