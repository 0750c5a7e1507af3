"""``python -m benchmarks [--quick]``: run every figure and print the table.

The full run judges each figure against its target and exits 1 if any is missed;
``--quick`` runs each figure once with tiny sizes to check the suite still works, prints
the same table, and exits 0 whatever the figures (CI runs it, timings there mean nothing).
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
import traceback
from collections.abc import Callable

from benchmarks import (
    cli,
    client_overhead,
    csv_check,
    profiles,
    startup,
    upload,
    window,
    workspace,
)
from benchmarks.common import FULL, QUICK, Result, Sizes, Workspace

#: In this order: the figures that start fresh processes first, the in-process ones last.
FIGURES: list[tuple[str, Callable[[Sizes, Workspace], list[Result]]]] = [
    ("startup", startup.measure),
    ("command-line tool", cli.measure),
    ("responsiveness and memory", window.measure),
    ("client overhead", client_overhead.measure),
    ("profiles", profiles.measure),
    ("workspace", workspace.measure),
    ("csv check", csv_check.measure),
    ("upload", upload.measure),
]


def format_table(results: list[Result]) -> str:
    rows = [("figure", "measured", "target", "result")]
    rows += [(r.figure, r.measured, r.target, "pass" if r.passed else "MISS") for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes, one run each: check the suite works"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=[name for name, _ in FIGURES],
        help="measure only this group of figures (may be given more than once)",
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    # The quick run leaves the checkout as it found it (CI forbids bytecode files).
    workspace = Workspace(write_bytecode=not args.quick)
    results: list[Result] = []
    failed = False
    started = time.monotonic()
    try:
        for name, measure in FIGURES:
            if args.only and name not in args.only:
                continue
            print(f"measuring {name}…", file=sys.stderr, flush=True)
            try:
                results.extend(measure(sizes, workspace))
            except Exception:
                traceback.print_exc()
                failed = True
    finally:
        workspace.close()
    mode = "quick (figures not judged)" if args.quick else "full"
    print(
        f"aitems-desktop benchmarks, {mode}: Python {platform.python_version()}, "
        f"{platform.machine()}, {time.monotonic() - started:.0f} s"
    )
    print(format_table(results))
    for result in results:
        for line in result.details:
            print(f"  {line}")
    if failed:
        return 2
    if args.quick:
        return 0
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
