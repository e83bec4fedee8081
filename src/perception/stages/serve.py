"""`perception serve`: the HTTP service."""

from __future__ import annotations

from pathlib import Path

import typer

from perception.config import load_params
from perception.stages.common import ParamsOption
from perception.stages.predict import (
    AllowUnacceptedOption,
    AllowUnsignedOption,
    BundleOption,
    load_predictor,
)


def serve(bundle_dir: Path = BundleOption, params: Path = ParamsOption,
          host: str = typer.Option(None, help="Default: serve.host."),
          port: int = typer.Option(None, help="Default: serve.port."),
          allow_unaccepted: bool = AllowUnacceptedOption,
          allow_unsigned: bool = AllowUnsignedOption) -> None:
    """The HTTP service (FastAPI + uvicorn): GET /health, POST /predict, /docs."""
    import uvicorn

    from perception.serve.http import create_app

    loaded = load_params(params)
    predictor = load_predictor(loaded, bundle_dir, allow_unaccepted, allow_unsigned)
    app_ = create_app(predictor, loaded.serve.max_texts, loaded.serve.max_chars,
                      gather_requests=loaded.serve.gather_requests,
                      max_history=loaded.serve.max_history)
    uvicorn.run(app_, host=host or loaded.serve.host, port=port or loaded.serve.port,
                log_level="info")
