"""Models: per-target data, learners, Optuna tuning, out-of-fold stacking, calibration and the
event decision. Plain functions over arrays; the CLI does the file I/O."""
