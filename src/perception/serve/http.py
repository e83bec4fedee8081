"""The HTTP service: FastAPI over one Predictor, loaded once at start.

`POST /predict` takes what `Predictor.predict` takes, as JSON, and answers with exactly its
results (with `serve.gather_requests`, concurrent requests are scored in one call: see
`Gatherer`). Requests are checked by the input contract every door shares
(`serve.contract`), with limits from params (`serve.max_texts`, `serve.max_chars`,
`serve.max_history`): too many texts (or history items) is 413, a bad item 422, both with a
message naming the item and field. Timestamps are ISO 8601 strings or epoch seconds. The
endpoint is a plain function, so FastAPI runs requests concurrently in its thread pool (ONNX
Runtime sessions are thread-safe, and each encoding makes its own OpenVINO infer request).
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from itertools import chain
from typing import Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from perception.serve import contract
from perception.serve.contract import Limits, PredictError, TooManyItems
from perception.serve.predictor import Predictor

# A time as JSON carries it: an ISO 8601 string or a number of epoch seconds. Parsed by the
# contract (not pydantic, which reads large numbers as milliseconds), like every other door.
Time = int | float | str


class HistoryItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: str
    created_at: Time
    text: str
    id: str | None = None


class PredictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    texts: list[str] = Field(..., description="The texts to score, in order.")
    user_ids: list[str | None] | None = Field(None, description="One per text, or none.")
    timestamps: list[Time | None] | None = Field(None, description="One per text (ISO 8601 "
                                                 "or epoch seconds), or none.")
    langs: list[str | None] | None = Field(None, description="One per text, or none "
                                           "(the bundle's default language).")
    history: list[HistoryItem] | None = Field(None, description="The users' earlier items.")


class PredictResponse(BaseModel):
    bundle_version: str
    results: list[dict[str, Any]]


Args = tuple[list[str], list[Any], list[Any], list[Any]]


class Gatherer:
    """Scores the requests waiting at one moment in one `predict` call, up to `max_texts`
    texts. On 2 cores one short text takes about 8 ms end to end, so 8 clients served one
    call at a time wait about 8 x 8 ms; scored together they share each encoder's batch.
    The price: at bf16 a text's scores then move slightly with the texts padded into its
    batch (a few 1e-3 at most, measured by the bundle's text parity), so an identical
    request can score differently under load. Off by default (`serve.gather_requests`)."""

    def __init__(self, predictor: Predictor, max_texts: int) -> None:
        self.predictor = predictor
        self.max_texts = max_texts
        self._queue: queue.Queue[tuple[Args, Future[list[dict[str, Any]]]]] = queue.Queue()
        threading.Thread(target=self._loop, name="gather", daemon=True).start()

    def predict(self, args: Args) -> list[dict[str, Any]]:
        done: Future[list[dict[str, Any]]] = Future()
        self._queue.put((args, done))
        return done.result()

    def _loop(self) -> None:
        carry: list[tuple[Args, Future[list[dict[str, Any]]]]] = []
        while True:
            batch = carry or [self._queue.get()]
            carry = []
            size = sum(len(args[0]) for args, _ in batch)
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if size + len(item[0][0]) > self.max_texts:
                    carry = [item]
                    break
                batch.append(item)
                size += len(item[0][0])
            self._score(batch)

    def _score(self, batch: list[tuple[Args, Future[list[dict[str, Any]]]]]) -> None:
        merged = [list(chain.from_iterable(args[i] for args, _ in batch)) for i in range(4)]
        try:
            results = self.predictor.predict(merged[0], user_ids=merged[1],
                                             timestamps=merged[2], langs=merged[3])
        except Exception:
            # One bad request must not fail its neighbours: score each alone to attribute it.
            for args, done in batch:
                try:
                    done.set_result(self.predictor.predict(
                        args[0], user_ids=args[1], timestamps=args[2], langs=args[3]))
                except Exception as exc:
                    done.set_exception(exc)
            return
        start = 0
        for args, done in batch:
            done.set_result(results[start:start + len(args[0])])
            start += len(args[0])


def create_app(predictor: Predictor, max_texts: int, max_chars: int,
               gather_requests: bool = False, max_history: int = 1000) -> FastAPI:
    app = FastAPI(title="perception", version=predictor.version,
                  description="Valence, arousal and crisis scores for short personal texts. "
                  "A flagged crisis needs human review.")

    gatherer = Gatherer(predictor, max_texts) if gather_requests else None
    limits = Limits(max_chars=max_chars, max_texts=max_texts, max_history=max_history)

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {**predictor.health(), "limits": {"max_texts": max_texts,
                                                 "max_chars": max_chars,
                                                 "max_history": max_history}}

    @app.post("/predict", response_model=PredictResponse)
    def predict(request: PredictRequest) -> PredictResponse:
        history = ([h.model_dump(exclude_none=True) for h in request.history]
                   if request.history else None)
        n = len(request.texts)
        try:
            # The contract every door shares; the predictor then checks with its own limits.
            checked = contract.check_request(request.texts, request.user_ids,
                                             request.timestamps, request.langs, limits)
            contract.check_history(history, limits)
            if gatherer is None or history is not None:
                results = predictor.predict(request.texts, user_ids=request.user_ids,
                                            timestamps=checked.timestamps, history=history,
                                            langs=request.langs)
            else:
                # A bad request is its own 422, never its batch-mates' failure.
                predictor.check_request(request.texts, request.user_ids, checked.timestamps,
                                        request.langs)
                results = gatherer.predict((request.texts, request.user_ids or [None] * n,
                                            checked.timestamps or [None] * n,
                                            request.langs or [None] * n))
        except TooManyItems as exc:
            raise HTTPException(413, str(exc)) from exc
        except PredictError as exc:
            raise HTTPException(422, str(exc)) from exc
        return PredictResponse(bundle_version=predictor.version, results=results)

    return app
