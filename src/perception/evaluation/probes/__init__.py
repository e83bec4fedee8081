"""Behavioural probes for the crisis model (data in crisis.yaml, runner in runner.py)."""

from perception.evaluation.probes.runner import (
    DEFAULT_MINIMUMS,
    DEFAULT_TOLERANCE,
    DirectionPair,
    InvarianceGroup,
    Minimums,
    Probe,
    ProbeFileError,
    ProbeSuite,
    default_path,
    load_probes,
    net_effect,
    run_probes,
)

__all__ = [
    "DEFAULT_MINIMUMS",
    "DEFAULT_TOLERANCE",
    "DirectionPair",
    "InvarianceGroup",
    "Minimums",
    "Probe",
    "ProbeFileError",
    "ProbeSuite",
    "default_path",
    "load_probes",
    "net_effect",
    "run_probes",
]
