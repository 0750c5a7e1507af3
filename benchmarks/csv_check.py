"""CSV check speed: check_file against a bare ``csv.reader`` loop over the same file.

The file is an interaction CSV generated in the workspace (1 GB in the full run), with the
four columns of the default interaction schema. Both sides run in this process, alternating
(the order flips every round, so neither always runs on a warm page cache), and the figure
is the ratio of their median CPU times. Peak RSS is read before and after all the runs
(``ru_maxrss``), so the growth either side causes is what is judged.
"""

from __future__ import annotations

import csv
import os
import resource
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import Result, Sizes, Workspace, median

SPEED_TARGET = 0.66
RSS_TARGET_MB = 50
FULL_BYTES = 1_000_000_000
QUICK_BYTES = 2_000_000
FULL_ROUNDS = 5
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


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    from aitems_desktop.core.csvfile import check_file

    path = workspace.root / "interactions.csv"
    rows = generate(path, QUICK_BYTES if sizes.quick else FULL_BYTES)
    size = path.stat().st_size
    rounds = 1 if sizes.quick else FULL_ROUNDS
    cpu: dict[str, list[float]] = {"bare": [], "check": []}
    wall: dict[str, list[float]] = {"bare": [], "check": []}

    def run_bare() -> None:
        assert bare(path) == rows

    def run_check() -> None:
        report = check_file(path, "interaction", FIELDS)
        assert report.ok, report.to_text()
        assert report.rows == rows

    sides: list[tuple[str, Callable[[], None]]] = [("bare", run_bare), ("check", run_check)]
    loads = [load_average()]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i in range(rounds):
        for name, run in sides if i % 2 == 0 else sides[::-1]:
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            run()
            cpu[name].append(time.process_time() - started_cpu)
            wall[name].append(time.perf_counter() - started_wall)
        loads.append(load_average())
    rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    path.unlink()
    bare_cpu, check_cpu = median(cpu["bare"]), median(cpu["check"])
    speed = bare_cpu / check_cpu
    ratios = sorted(b / c for b, c in zip(cpu["bare"], cpu["check"], strict=True))
    mb = size / 1e6
    return [
        Result(
            "csv check speed",
            f"{speed:.2f}x ({mb / check_cpu:.0f} MB/s vs {mb / bare_cpu:.0f} MB/s)",
            f">= {SPEED_TARGET}x csv.reader",
            speed >= SPEED_TARGET,
            [
                f"csv check speed: {mb:,.0f} MB, {rows:,} rows; median CPU time of {rounds} "
                f"alternating runs each: check {check_cpu:.1f} s, bare csv.reader "
                f"{bare_cpu:.1f} s; per-round ratios {', '.join(f'{r:.2f}' for r in ratios)}",
                f"csv check speed: wall time medians check {median(wall['check']):.1f} s, "
                f"bare {median(wall['bare']):.1f} s; load average (1/5/15 min) before and "
                f"after each round: {', '.join(loads)}",
            ],
        ),
        Result(
            "csv check memory",
            f"+{rss_growth_mb:.1f} MB peak RSS",
            f"< {RSS_TARGET_MB} MB",
            rss_growth_mb < RSS_TARGET_MB,
            [
                f"csv check memory: peak RSS {rss_before / 1024:.0f} MB before the runs, "
                f"{rss_before / 1024 + rss_growth_mb:.0f} MB after"
            ],
        ),
    ]
