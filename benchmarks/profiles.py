"""Profiles: reading ``profiles.json`` grows linearly with the number of profiles.

The file is written with ``n`` and ``10 n`` profiles and read with ``ProfileStore.load()``
(parse, validate every profile, check the names are unique), the best of a few reads each.
Linear growth makes the larger read about 10 times the smaller; the duplicate-name check
used to compare every name with every other, which made it about 100 times.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from benchmarks.common import Result, Sizes, Workspace

#: 10 times the profiles may take at most this many times as long (linear: about 10).
TARGET_SCALING = 15.0
READS = 5


def _write(directory: Path, count: int) -> None:
    profiles = [
        {
            "name": f"profile-{i:06d}",
            "access_key": f"AK{i:018d}",
            "endpoint": "https://aitems.apigw.ntruss.com/api/v1",
        }
        for i in range(count)
    ]
    text = json.dumps({"version": 1, "default_profile": "profile-000000", "profiles": profiles})
    (directory / "profiles.json").write_text(text, encoding="utf-8")


def _best_read_s(count: int) -> float:
    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.profiles import ProfileStore

    with tempfile.TemporaryDirectory(prefix="aitems-bench-profiles-") as name:
        directory = Path(name)
        _write(directory, count)
        store = ProfileStore(CredentialStore(), directory)
        best = float("inf")
        for _ in range(READS):
            started = time.perf_counter()
            loaded = store.load()
            best = min(best, time.perf_counter() - started)
        assert len(loaded.profiles) == count
        return best


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    small, large = sizes.profiles, sizes.profiles * 10
    small_s, large_s = _best_read_s(small), _best_read_s(large)
    scaling = large_s / small_s
    return [
        Result(
            "profiles",
            f"{small_s * 1000:.1f} ms / {large_s * 1000:.1f} ms = {scaling:.1f}x",
            f"<= {TARGET_SCALING:g}x for 10x the profiles",
            scaling <= TARGET_SCALING,
            [
                f"profiles: best of {READS} reads of profiles.json with {small:,} and "
                f"{large:,} profiles"
            ],
        )
    ]
