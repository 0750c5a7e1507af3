"""Composition root: arguments, logging, excepthook, QApplication, wiring, exec()."""

from __future__ import annotations


def run(argv: list[str]) -> int:
    raise SystemExit("the window is not built yet")
