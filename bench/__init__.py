"""Benchmarks; each sub-package says what it measures and how to rerun it."""
