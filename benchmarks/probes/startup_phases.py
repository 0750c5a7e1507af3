"""Where the app's start-up time goes, phase by phase, without a profiler.

Run by ``python -m benchmarks.profile startup``: prints one JSON object with the
milliseconds from interpreter start-up (this script's first line) to the end of each
phase of ``aitems_desktop.app.run``, up to the first paint.
"""

from __future__ import annotations

import time

T0 = time.monotonic()

import builtins  # noqa: E402
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

marks: dict[str, float] = {}


def mark(name: str) -> None:
    marks[name] = (time.monotonic() - T0) * 1000


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``patches[name](module)`` once module ``name`` has been executed: the probe
    patches the app's modules without importing them earlier than the app does (the app
    loads PySide6 after starting its fontconfig thread, and that order is measured)."""

    def __init__(self, patches: dict[str, Callable[[Any], None]]) -> None:
        self._patches = patches

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        patch = self._patches.pop(name, None)
        if patch is None:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        assert spec is not None
        assert spec.loader is not None
        execute = spec.loader.exec_module

        def exec_module(module: Any) -> None:
            execute(module)
            patch(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def _patch_start_reads(module: Any) -> None:
    reads_init = module.StartReads.__init__

    def timed_reads_init(self: Any) -> None:
        mark("PySide6 and the QApplication")
        reads_init(self)

    module.StartReads.__init__ = timed_reads_init


def _patch_i18n(module: Any) -> None:
    install = module.Translators.install

    def timed_install(self: Any, translation: Any) -> str:
        mark("the window's modules, Ctrl+C watcher, settings read")
        spoken: str = install(self, translation)
        mark("translation installed")
        return spoken

    module.Translators.install = timed_install


def _patch_window(module: Any) -> None:
    window_class = module.WorkspaceWindow
    init, show = window_class.__init__, window_class.show

    def timed_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        mark("WorkspaceWindow() (its frame)")

    def timed_show(self: Any) -> None:
        show(self)
        mark("show()")

    window_class.__init__, window_class.show = timed_init, timed_show


def main() -> int:
    sys.meta_path.insert(
        0,
        _AfterImport(
            {
                "aitems_desktop.gui.start_reads": _patch_start_reads,
                "aitems_desktop.gui.i18n": _patch_i18n,
                "aitems_desktop.gui.shell.workspace_window": _patch_window,
            }
        ),
    )
    import aitems_desktop.app as app

    mark("import aitems_desktop.app")
    real_print = builtins.print

    def first_paint(*args: Any, **kwargs: Any) -> None:
        mark("first frame painted")
        real_print(*args, **kwargs)

    builtins.print = first_paint
    app.run([])
    builtins.print = real_print
    print(json.dumps(marks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
