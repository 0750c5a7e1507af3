"""The mutation run of the core: mutmut over the modules configured in pyproject.toml, the score
per module, then the fixed set of realistic-bug mutants (tools/mutation/fixed.py).

    uv run python tools/mutation/run.py            # go on from mutmut's cache in mutants/
    uv run python tools/mutation/run.py --fresh    # start over (remove mutants/ first)
    uv run python tools/mutation/run.py --score    # only print the score of the last run

Not part of .ci/run: a fresh run takes hours on two cores (docs/testing.md). The
score of a module is mutmut's own, (killed + timed out) / (all - skipped); a mutant that no
selected test reaches ("no tests") counts as a survivor. Exit status: 0 when every module
scores at least 90 % and every fixed mutant is killed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THRESHOLD = 90.0
DETECTED = ("killed", "timeout")
NOT_COUNTED = ("skipped",)


def _mutmut(*args: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mutmut", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=capture, text=True, check=False)


def results() -> dict[str, dict[str, str]]:
    """Every mutant's status, by module (``engine``, ``signing``...)."""
    listing = _mutmut("results", "--all", "true", capture=True)
    if listing.returncode != 0:
        raise SystemExit(listing.stderr or "mutmut results failed")
    by_module: dict[str, dict[str, str]] = defaultdict(dict)
    for line in listing.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name.startswith("aitems_desktop."):
            continue
        module = name.split(".")[2]
        by_module[module][name] = status
    return dict(by_module)


def score(statuses: dict[str, str]) -> float:
    counts = Counter(statuses.values())
    counted = len(statuses) - sum(counts[s] for s in NOT_COUNTED)
    return 100.0 * sum(counts[s] for s in DETECTED) / counted if counted else 0.0


def report() -> bool:
    """Print the score and the survivors of each module; True when every module passes."""
    by_module = results()
    if not by_module:
        raise SystemExit("no mutation results: run mutmut first")
    print(
        f"{'module':<12}{'mutants':>9}{'killed':>8}{'timeout':>9}{'survived':>10}"
        f"{'no tests':>10}{'other':>7}{'score':>9}"
    )
    passed = True
    survivors: list[str] = []
    for module in sorted(by_module):
        statuses = by_module[module]
        counts = Counter(statuses.values())
        known = {"killed", "timeout", "survived", "no tests"}
        other = sum(n for s, n in counts.items() if s not in known)
        value = score(statuses)
        passed = passed and value >= THRESHOLD and not counts["not checked"]
        print(
            f"{module:<12}{len(statuses):>9}{counts['killed']:>8}{counts['timeout']:>9}"
            f"{counts['survived']:>10}{counts['no tests']:>10}{other:>7}{value:>8.1f}%"
        )
        survivors += [
            f"{name} ({status})"
            for name, status in sorted(statuses.items())
            if status not in DETECTED
        ]
    if survivors:
        print("\nnot killed (see docs/testing.md for why each one is harmless):")
        print("\n".join(f"  {line}" for line in survivors))
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="remove mutmut's cache first")
    parser.add_argument("--score", action="store_true", help="only report the last run")
    parser.add_argument("--max-children", default="2", help="mutants tested at once")
    args = parser.parse_args(argv)
    if not args.score:
        if args.fresh:
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        run = _mutmut("run", "--max-children", args.max_children)
        if run.returncode != 0:
            return run.returncode
    passed = report()
    if args.score:
        return 0 if passed else 1
    print("\nthe fixed set of realistic-bug mutants:")
    fixed = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "mutation" / "fixed.py")], cwd=ROOT, check=False
    )
    return 0 if passed and fixed.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
