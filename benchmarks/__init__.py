"""The performance suite: ``python -m benchmarks`` prints each figure against its target.

Every figure is a ratio or a bound measured side by side in one run (see
docs/performance.md), so it holds on a noisy machine.
"""
