"""Keep the translations in step with the source: update the .ts files, compile the .qm files.

    uv run python tools/translations.py update    # pyside6-lupdate: new texts into every .ts
    uv run python tools/translations.py release   # pyside6-lrelease: every .ts to its .qm
    uv run python tools/translations.py check     # fail on a text without a finished
                                                  # translation or a .qm not built from its .ts

English is the source language. The .qm files are committed, so ``uv run aitems-desktop``
and every installer find them without a build step; ``check`` (run by the test suite) keeps
them honest by compiling each .ts to a temporary file and comparing the bytes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
#: Modules whose texts are never shown.
EXCLUDED: set[str] = set()


def sources() -> list[str]:
    """Every module whose texts a person may see: the GUI, and the core it shows."""
    found = [
        *(ROOT / "aitems_desktop" / "gui").rglob("*.py"),
        *(ROOT / "aitems_desktop" / "core").rglob("*.py"),
        ROOT / "aitems_desktop" / "app.py",
    ]
    names = {p.relative_to(ROOT).as_posix() for p in found}
    return sorted(names - EXCLUDED)


def ts_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("aitems_desktop_*.ts"))


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"pyside6-{name} not found next to {sys.executable}")
    return found


def lupdate(ts: Path) -> None:
    subprocess.run(
        [
            _tool("lupdate"),
            *("-silent", "-locations", "none", "-no-obsolete", *sources()),
            *("-source-language", "en", "-target-language", ts.stem.rsplit("_", 1)[-1]),
            *("-ts", str(ts)),
        ],
        cwd=ROOT,
        check=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [_tool("lrelease"), "-silent", "-removeidentical", str(ts), "-qm", str(qm)],
        cwd=ROOT,
        check=True,
    )


def unfinished(ts: Path) -> list[str]:
    """``context: source`` of every message without a finished translation."""
    missing = []
    root = ET.parse(ts).getroot()  # noqa: S314 - the project's own file, written by lupdate
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in {"unfinished", "vanished", "obsolete"}
                or not (translation.text or "").strip()
            ):
                missing.append(f"{name}: {message.findtext('source', '')}")
    return missing


def messages(ts: Path) -> list[tuple[str, str, str]]:
    """``(context, source, disambiguation)`` of every message: what a translation answers.

    Notes for translators (``#:`` comments lupdate copies in) are left out, so rewording a
    comment in the source does not make a complete translation "out of date".
    """
    root = ET.parse(ts).getroot()  # noqa: S314 - the project's own file, written by lupdate
    return sorted(
        (
            context.findtext("name", ""),
            message.findtext("source", ""),
            message.findtext("comment", ""),
        )
        for context in root.iter("context")
        for message in context.iter("message")
    )


def check() -> list[str]:
    """Everything wrong with the translations, one line each; empty when all is well."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="aitems-ts-") as tmp:
        for ts in ts_files():
            copy = Path(tmp) / ts.name
            shutil.copyfile(ts, copy)
            lupdate(copy)
            problems += [f"{ts.name}: not translated: {m}" for m in unfinished(copy)]
            if messages(copy) != messages(ts) and not unfinished(copy):
                problems.append(f"{ts.name}: out of date with the source (run update)")
            qm = ts.with_suffix(".qm")
            built = Path(tmp) / qm.name
            lrelease(ts, built)
            if not qm.is_file() or qm.read_bytes() != built.read_bytes():
                problems.append(f"{qm.name}: not compiled from {ts.name} (run release)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "release", "check", "sources"])
    args = parser.parse_args(argv)
    if args.command == "sources":
        print("\n".join(sources()))
    elif args.command == "update":
        for ts in ts_files():
            lupdate(ts)
    elif args.command == "release":
        for ts in ts_files():
            lrelease(ts, ts.with_suffix(".qm"))
    else:
        problems = check()
        print("\n".join(problems) or "translations complete and compiled")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
