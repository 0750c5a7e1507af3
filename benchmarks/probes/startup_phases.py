"""Where the app's start-up time goes, phase by phase, without a profiler.

Run by ``python -m benchmarks.profile startup``: prints one JSON object with the
milliseconds from interpreter start-up (this script's first line) to the end of each
phase of ``aitems_desktop.app.run``, up to the first paint.
"""

from __future__ import annotations

import time

T0 = time.monotonic()

import builtins  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

marks: dict[str, float] = {}


def mark(name: str) -> None:
    marks[name] = (time.monotonic() - T0) * 1000


def main() -> int:
    import aitems_desktop.app as app

    mark("import aitems_desktop.app")
    import PySide6.QtWidgets  # noqa: F401

    mark("import PySide6.QtWidgets")
    import aitems_desktop.gui.shell.workspace_window as workspace_window

    mark("import the window's modules")
    window_class: Any = workspace_window.WorkspaceWindow
    init, show = window_class.__init__, window_class.show

    def timed_init(self: Any, *args: Any, **kwargs: Any) -> None:
        mark("QApplication and the rest before WorkspaceWindow()")
        init(self, *args, **kwargs)
        mark("WorkspaceWindow()")

    def timed_show(self: Any) -> None:
        show(self)
        mark("show()")

    window_class.__init__, window_class.show = timed_init, timed_show
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
