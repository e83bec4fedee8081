"""The HTTP service: FastAPI over one Predictor, loaded once at start.

`POST /predict` takes what `Predictor.predict` takes, as JSON, and answers with exactly its
results. Limits come from params (`serve.max_texts`, `serve.max_chars`): too many texts is
413, a bad item 422, both with a message naming the item. The endpoint is a plain function,
so FastAPI runs requests concurrently in its thread pool (ONNX Runtime sessions are
thread-safe, and each encoding makes its own OpenVINO infer request).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from perception.serve.predictor import PredictError, Predictor


class HistoryItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: str
    created_at: datetime
    text: str
    id: str | None = None


class PredictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    texts: list[str] = Field(..., description="The texts to score, in order.")
    user_ids: list[str | None] | None = Field(None, description="One per text, or none.")
    timestamps: list[datetime | None] | None = Field(None, description="One per text (ISO "
                                                     "8601), or none.")
    langs: list[str | None] | None = Field(None, description="One per text, or none "
                                           "(the bundle's default language).")
    history: list[HistoryItem] | None = Field(None, description="The users' earlier items.")


class PredictResponse(BaseModel):
    bundle_version: str
    results: list[dict[str, Any]]


def create_app(predictor: Predictor, max_texts: int, max_chars: int) -> FastAPI:
    app = FastAPI(title="perception", version=predictor.version,
                  description="Valence, arousal and crisis scores for short personal texts. "
                  "A flagged crisis needs human review.")

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {**predictor.health(), "limits": {"max_texts": max_texts,
                                                 "max_chars": max_chars}}

    @app.post("/predict", response_model=PredictResponse)
    def predict(request: PredictRequest) -> PredictResponse:
        if len(request.texts) > max_texts:
            raise HTTPException(413, f"{len(request.texts)} texts in one request; the limit "
                                f"is {max_texts} (serve.max_texts)")
        for i, text in enumerate(request.texts):
            if len(text) > max_chars:
                raise HTTPException(422, f"texts[{i}]: {len(text)} characters; the limit is "
                                    f"{max_chars} (serve.max_chars)")
        history = ([h.model_dump(exclude_none=True) for h in request.history]
                   if request.history else None)
        try:
            results = predictor.predict(request.texts, user_ids=request.user_ids,
                                        timestamps=request.timestamps, history=history,
                                        langs=request.langs)
        except PredictError as exc:
            raise HTTPException(422, str(exc)) from exc
        return PredictResponse(bundle_version=predictor.version, results=results)

    return app
