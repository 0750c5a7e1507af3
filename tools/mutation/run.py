"""The mutation run of the core: mutmut over the modules configured in pyproject.toml, the score
per module, then the fixed set of realistic-bug mutants (tools/mutation/fixed.py).

    uv run python tools/mutation/run.py            # go on from mutmut's cache in mutants/
    uv run python tools/mutation/run.py --fresh    # start over (remove mutants/ first)
    uv run python tools/mutation/run.py --score    # only print the score of the last run

    uv run python tools/mutation/run.py --describe NAME...   # a registry entry to fill in

Not part of .ci/run: a fresh run takes hours on two cores (docs/testing.md). The score of a
module is (killed + timed out) / (all - skipped - equivalent), the textbook mutation score:
an equivalent mutant is a survivor that no test can kill because no caller can tell it from
the original (``"UTF-8"`` for ``"utf-8"``). Each one is written down with its reason in
tools/mutation/equivalent.toml, together with the change (the line before and after); an entry
counts only while its mutant survives and makes exactly that change, so an entry left behind
by a change of the code counts for nothing (and is reported as stale). A mutant that no selected
test reaches ("no tests") or that was not run ("not checked") counts against the score.
Exit status: 0 when every module scores at least 90 % with nothing left unchecked and every
fixed mutant is killed.
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = Path(__file__).resolve().parent / "equivalent.toml"
THRESHOLD = 90.0
DETECTED = ("killed", "timeout")
NOT_COUNTED = ("skipped",)


@dataclass(frozen=True)
class Equivalent:
    name: str
    change: str
    why: str


def load_registry(path: Path = REGISTRY) -> dict[str, Equivalent]:
    """The equivalent mutants written down, by name."""
    data = tomllib.loads(path.read_text("utf-8")) if path.exists() else {}
    entries = [Equivalent(e["name"], e["change"].strip(), e["why"]) for e in data.get("mutant", [])]
    by_name = {e.name: e for e in entries}
    if len(by_name) != len(entries):
        raise SystemExit(f"{path}: a mutant is written down twice")
    return by_name


def _function(lines: list[str], name: str) -> list[str]:
    """The lines of ``def name(...)`` in a mutated file (each mutant is a function there)."""
    start = re.compile(rf"^(\s*)def {re.escape(name)}\(")
    for i, line in enumerate(lines):
        found = start.match(line)
        if found is None:
            continue
        indent = len(found.group(1))
        end = i + 1
        while end < len(lines):
            text = lines[end]
            outdented = text.strip() and len(text) - len(text.lstrip()) <= indent
            # (a signature over several lines closes with ``) -> ...:`` at the def's indent)
            if outdented and not text.lstrip().startswith(")"):
                break
            end += 1
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        # The def line too (a default value is part of it), without the mutant's own name.
        return [line.replace(name, "NAME", 1), *lines[i + 1 : end]]
    raise KeyError(name)


def change(name: str, root: Path = ROOT) -> str:
    """What the mutant changed: where (``@ line N``, the first changed line's place in its
    function, the ``def`` line being 1), then each line it removed (``- ``) and added (``+ ``),
    stripped. The place tells two identical lines of one function apart."""
    module, _, function = name.rpartition(".")
    while not (root / "mutants" / (module.replace(".", "/") + ".py")).exists():
        module, _, _ = module.rpartition(".")
        if not module:
            raise KeyError(name)
    lines = (root / "mutants" / (module.replace(".", "/") + ".py")).read_text("utf-8").splitlines()
    function = name[len(module) + 1 :]
    original = _function(lines, function.rpartition("__mutmut_")[0] + "__mutmut_orig")
    mutant = _function(lines, function)
    changed: list[str] = []
    place = 0
    at: int | None = None
    for line in difflib.ndiff(original, mutant):
        if line.startswith(("  ", "- ")):
            place += 1
        if line.startswith(("- ", "+ ")):
            if at is None:
                at = place if line.startswith("- ") else place + 1
            changed.append(f"{line[:2]}{line[2:].strip()}")
    return "\n".join([f"@ line {at}", *changed])


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


def score(statuses: dict[str, str], equivalent: int = 0) -> float:
    counts = Counter(statuses.values())
    counted = len(statuses) - sum(counts[s] for s in NOT_COUNTED) - equivalent
    return 100.0 * sum(counts[s] for s in DETECTED) / counted if counted else 0.0


def equivalents(
    statuses: dict[str, str], registry: dict[str, Equivalent], root: Path = ROOT
) -> tuple[set[str], list[str]]:
    """The survivors the registry explains, and its stale entries among ``statuses``.

    An entry is stale when its mutant is now killed (the entry can go) or survives making
    another change (the code moved under it). A mutant not run yet is neither.
    """
    explained: set[str] = set()
    stale: list[str] = []
    for name, entry in sorted(registry.items()):
        status = statuses.get(name)
        if status is None or status == "not checked":
            continue
        if status in DETECTED:
            stale.append(f"{name}: {status} now, so the entry can go")
            continue
        try:
            now: str | None = change(name, root)
        except KeyError:
            now = None
        if status == "survived" and now == entry.change:
            explained.add(name)
        else:
            stale.append(f"{name} ({status}): written down as {entry.change!r}, now {now!r}")
    return explained, stale


def report() -> bool:
    """Print the score and the survivors of each module; True when every module passes."""
    by_module = results()
    if not by_module:
        raise SystemExit(
            "no mutation results in mutants/: `uv run python tools/mutation/run.py` makes them "
            "(hours from nothing; see docs/testing.md)"
        )
    registry = load_registry()
    known_names = {name for statuses in by_module.values() for name in statuses}
    print(
        f"{'module':<12}{'mutants':>9}{'killed':>8}{'timed out':>11}{'survived':>10}"
        f"{'equivalent':>12}{'no tests':>10}{'not checked':>13}{'other':>7}{'score':>9}"
    )
    passed = True
    survivors: list[str] = []
    stale: list[str] = []
    for module in sorted(by_module):
        statuses = by_module[module]
        explained, module_stale = equivalents(statuses, registry)
        stale += module_stale
        counts = Counter(statuses.values())
        known = {"killed", "timeout", "survived", "no tests", "not checked"}
        other = sum(n for s, n in counts.items() if s not in known)
        value = score(statuses, len(explained))
        passed = passed and value >= THRESHOLD and not counts["not checked"]
        print(
            f"{module:<12}{len(statuses):>9}{counts['killed']:>8}{counts['timeout']:>11}"
            f"{counts['survived'] - len(explained):>10}{len(explained):>12}"
            f"{counts['no tests']:>10}{counts['not checked']:>13}{other:>7}{value:>8.1f}%"
        )
        survivors += [
            f"{name} ({status})"
            for name, status in sorted(statuses.items())
            if status not in DETECTED and name not in explained
        ]
    if survivors:
        print("\nnot killed and not written down as equivalent (see docs/testing.md):")
        print("\n".join(f"  {line}" for line in survivors))
    stale += [
        f"{name}: no such mutant (renumbered by a change of its function, or gone)"
        for name in sorted(registry)
        if name not in known_names
    ]
    if stale:
        print(f"\nstale entries of {REGISTRY.name} (not counted):")
        print("\n".join(f"  {line}" for line in stale))
    return passed


def describe(names: list[str]) -> None:
    """Print a registry entry for each mutant, its reason left to fill in."""
    for name in names:
        try:
            text = change(name)
        except KeyError:
            raise SystemExit(
                f"{name}: no such mutant in mutants/ (a name as `uv run mutmut results --all "
                "true` prints it; mutants/ comes from a run)"
            ) from None
        print(f'[[mutant]]\nname = "{name}"\nchange = {_toml_string(text)}\nwhy = ""\n')


def _toml_string(text: str) -> str:
    """A TOML literal string (no escapes: the source line as it is)."""
    if "\n" in text or "'" in text:
        return f"'''{text}'''"
    return f"'{text}'"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="remove mutmut's cache first")
    parser.add_argument("--score", action="store_true", help="only report the last run")
    parser.add_argument("--max-children", default="2", help="mutants tested at once")
    parser.add_argument("--describe", nargs="+", metavar="NAME", help="print registry entries")
    args = parser.parse_args(argv)
    if args.describe:
        describe(args.describe)
        return 0
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
