"""Synthetic data: a fictional county of any size, valid and deterministic, for benchmarks and scale tests."""
