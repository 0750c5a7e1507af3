"""A pytest plugin for the mutation run only: the fastest tests of a mutant run first.

mutmut runs each mutant against the tests that reach the mutated function, with ``-x``, in no
particular order. Most mutants are killed by their first failing test, so running the quickest
tests first (by the durations mutmut recorded in ``mutmut-stats.json``) ends a killed mutant in
a fraction of a second instead of after a two-second deadline test. Survivors run every test
either way. The normal suite never loads this plugin.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

_STATS = Path("mutmut-stats.json")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    try:
        durations = json.loads(_STATS.read_text(encoding="utf-8"))["duration_by_test"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    items.sort(key=lambda item: float(durations.get(item.nodeid, math.inf)))
