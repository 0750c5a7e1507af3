"""Where start-up time goes: one launch (app or bare window) under pyinstrument.

Run by ``python -m benchmarks.profile startup``. It also times every Python enum class PySide6
builds on first use of a Qt class (``enum.EnumType._create_``), because that is the
largest single item in the app's start-up, and says which line of the project asked.
"""

from __future__ import annotations

import contextlib
import enum
import sys
import time
from collections import defaultdict
from types import FrameType
from typing import Any

_create = enum.EnumType._create_  # type: ignore[attr-defined]
_by_site: dict[str, list[Any]] = defaultdict(lambda: [0.0, 0, []])


def _timed_create(cls: Any, class_name: Any, names: Any = None, **kwargs: Any) -> Any:
    """``EnumType._create_``, timed, with the project line that caused it."""
    start = time.perf_counter()
    made = _create(cls, class_name, names, **kwargs)
    elapsed = time.perf_counter() - start
    site = "PySide6 itself"
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if "aitems_desktop" in filename or "bare_window" in filename:
            site = "/".join(filename.rsplit("/", 2)[-2:]) + f":{frame.f_lineno}"
            break
        frame = frame.f_back
    entry = _by_site[site]
    entry[0] += elapsed
    entry[1] += 1
    entry[2].append(str(kwargs.get("qualname") or class_name))
    return made


def main() -> int:
    # --enums-only: no profiler, one line with the enum total (the profiler slows it).
    enums_only = sys.argv[1] == "--enums-only"
    if enums_only:
        del sys.argv[1]
    which = sys.argv[1]
    enum.EnumType._create_ = _timed_create  # type: ignore[attr-defined]
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    if not enums_only:
        profiler.start()
    if which == "app":
        from aitems_desktop.__main__ import main as app_main

        app_main([])
    else:
        import runpy

        sys.argv = sys.argv[2:]
        with contextlib.suppress(SystemExit):  # the script ends with sys.exit()
            runpy.run_path(sys.argv[0], run_name="__main__")
    total = sum(entry[0] for entry in _by_site.values())
    count = sum(entry[1] for entry in _by_site.values())
    if enums_only:
        print(f"enums {count} {total * 1000:.3f}")
        return 0
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    print(f"Python enum classes built by PySide6: {count}, {total * 1000:.1f} ms in all")
    for site, (seconds, n, names) in sorted(_by_site.items(), key=lambda kv: -kv[1][0])[:12]:
        shown = " ".join(names[:8]) + (" …" if len(names) > 8 else "")
        print(f"  {seconds * 1000:5.1f} ms {n:3d} enums  {site}: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
