"""Evaluation: metrics, slices, acceptance gates and plots, on rows the model never saw."""
