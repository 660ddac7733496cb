"""Rerunnable benchmarks (`evalbot bench ...`), run from a source checkout: they use tests/."""
