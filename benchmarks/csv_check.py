"""CSV check speed: check_file against a bare ``csv.reader`` loop over the same file.

The file is an interaction CSV generated in the workspace (1 GB in the full run), with the
four columns of the default interaction schema. Both sides run in this process, alternating,
and the figure is the ratio of their best CPU times; peak RSS is read before and after the
checks (``ru_maxrss``) so the growth the check causes is what is judged.
"""

from __future__ import annotations

import csv
import resource
import time
from pathlib import Path

from benchmarks.common import Result, Sizes, Workspace

SPEED_TARGET = 0.66
RSS_TARGET_MB = 50
FULL_BYTES = 1_000_000_000
QUICK_BYTES = 2_000_000
FIELDS = [
    ("USER_ID", ["string"]),
    ("ITEM_ID", ["string"]),
    ("TIMESTAMP", ["long"]),
    ("EVENT_TYPE", ["string", "null"]),
]


def generate(path: Path, size: int) -> int:
    """Write an interaction file of about ``size`` bytes; return its row count."""
    events = ("view", "click", "cart", "purchase", "")
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\n")
        written = 0
        n = 0
        while written < size:
            lines = []
            for _ in range(20_000):
                lines.append(
                    f"user{(n * 7919) % 5_000_000:07d},item-{(n * 104_729) % 300_000:06d},"
                    f"{1_700_000_000 + n // 3},{events[n % 5]}\n"
                )
                n += 1
            chunk = "".join(lines)
            out.write(chunk)
            written += len(chunk)
            rows += len(lines)
    return rows


def bare(path: Path) -> int:
    rows = 0
    with open(path, encoding="utf-8", newline="") as f:
        for _row in csv.reader(f):
            rows += 1
    return rows - 1


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    from aitems_desktop.core.csvfile import check_file

    path = workspace.root / "interactions.csv"
    rows = generate(path, QUICK_BYTES if sizes.quick else FULL_BYTES)
    size = path.stat().st_size
    rounds = 1 if sizes.quick else 2
    times: dict[str, list[float]] = {"bare": [], "check": []}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(rounds):
        start = time.process_time()
        assert bare(path) == rows
        times["bare"].append(time.process_time() - start)
        start = time.process_time()
        report = check_file(path, "interaction", FIELDS)
        times["check"].append(time.process_time() - start)
        assert report.ok, report.to_text()
        assert report.rows == rows
    rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    path.unlink()
    best_bare, best_check = min(times["bare"]), min(times["check"])
    speed = best_bare / best_check
    mb = size / 1e6
    return [
        Result(
            "csv check speed",
            f"{speed:.2f}x ({mb / best_check:.0f} MB/s vs {mb / best_bare:.0f} MB/s)",
            f">= {SPEED_TARGET}x csv.reader",
            speed >= SPEED_TARGET,
            [
                f"csv check speed: {mb:,.0f} MB, {rows:,} rows; best CPU time of {rounds} "
                f"alternating runs: check {best_check:.1f} s, bare csv.reader {best_bare:.1f} s"
            ],
        ),
        Result(
            "csv check memory",
            f"+{rss_growth_mb:.1f} MB peak RSS",
            f"< {RSS_TARGET_MB} MB",
            rss_growth_mb < RSS_TARGET_MB,
        ),
    ]
