"""The real app, driven once: start, open New Service, type a name, click Create, wait for
the new service's details tree.

Run as a script by the benchmarks, with the keys and endpoint of a sandbox in the
environment (``NCLOUD_ACCESS_KEY``, ``NCLOUD_SECRET_KEY``, ``AITEMS_ENDPOINT``). It goes
through ``aitems_desktop.app.run`` exactly like ``aitems-desktop`` does and only adds the
driver: one second after the window is shown (a person takes longer to type a name), and
once the lists are read, Create is enabled and no start-up work runs, it starts a 10 ms timer
on the GUI thread, clicks Create, and records the longest gap between ticks until the new
service's tree is laid out in the details pane. It prints one JSON line and quits; the parent
reads the peak RSS of the whole process from wait4.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any

from aitems_desktop import app
from aitems_desktop.gui.shell import workspace_window

TICK_MS = 10
SETTLE_MS = 1000
#: How often, and how long at most, to look for the Create button to be usable.
READY_POLL_MS = 20
READY_LIMIT_S = 60


class Driver:
    def __init__(self, window: Any) -> None:
        from PySide6.QtCore import QTimer

        self.window = window
        self.ticks = 0
        self.max_gap = 0.0
        self.last = 0.0
        self.clicked = 0.0
        self.peak_before_click_kb = 0
        self.max_gap_at = 0.0
        self.busy_workers_at_click = 0
        self.typed_at = 0.0
        self.timer = QTimer(window)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.dialog: Any = None
        self.outcome = ""
        from aitems_desktop.gui.workspace.rows import Kind

        self.page = window.details.page(Kind.SERVICES)
        self.page.tree_ready.connect(self.laid_out)
        QTimer.singleShot(SETTLE_MS, self.click)

    def tick(self) -> None:
        now = time.perf_counter()
        if now - self.last > self.max_gap:
            self.max_gap = now - self.last
            self.max_gap_at = self.last - self.clicked
        self.last = now
        self.ticks += 1

    def click(self) -> None:
        from PySide6.QtCore import QTimer

        from aitems_desktop.gui.workspace.rows import Kind

        if self.dialog is None:
            # New Service opens once the window is connected and its lists are read.
            listed = all(self.window.workspace.is_loaded(kind) for kind in Kind)
            if self.window.connection() is None or not listed:
                if not self.typed_at:
                    self.typed_at = time.perf_counter()
                if time.perf_counter() - self.typed_at < READY_LIMIT_S:
                    QTimer.singleShot(READY_POLL_MS, self.click)
                    return
                self.finish({"error": f"the lists were not read after {READY_LIMIT_S} s"})
                return
            self.window.new_service_action.trigger()
            self.dialog = self.window.services.new_dialog
            self.dialog.created.connect(self.created)
            self.dialog.failed.connect(self.failed)
            self.typed_at = 0.0
        form = self.dialog.form
        if not self.typed_at:
            form.name_edit.setText(os.environ.get("AITEMS_BENCH_SERVICE_NAME", "bench_service"))
            form.description_edit.setText("made by the benchmarks")
            self.typed_at = time.perf_counter()
        # On a loaded machine the connection (resolved after the first paint) or the preload
        # may take longer than the settle time: click once they are done, as a person would
        # wait for the button, so the figure never includes start-up work.
        ready = (
            form.create_button.isEnabled()
            and not self.window.workers.running_count()
            and not self.window.runner.running()
        )
        if not ready:
            if time.perf_counter() - self.typed_at < READY_LIMIT_S:
                QTimer.singleShot(READY_POLL_MS, self.click)
                return
            message = form.name_message.text() or form.state_message.text()
            self.finish({"error": f"Create is still disabled after {READY_LIMIT_S} s: {message}"})
            return
        self.peak_before_click_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        # Still-running start-up work (the preload) would share the GIL with the click.
        self.busy_workers_at_click = self.window.workers.running_count()
        self.timer.start()
        self.last = self.clicked = time.perf_counter()
        form.create_button.click()

    def created(self, _service: Any, outcome: str) -> None:
        self.outcome = outcome

    def laid_out(self) -> None:
        if not self.outcome:
            return  # not the new service's tree
        self.tick()  # the gap up to the end of laying the answer out counts too
        self.finish(
            {
                "origin": self.outcome,
                "max_gap_ms": round(self.max_gap * 1000, 2),
                "max_gap_starts_ms_after_click": round(self.max_gap_at * 1000, 1),
                "busy_workers_at_click": self.busy_workers_at_click,
                "ticks": self.ticks,
                "wait_ms": round((time.perf_counter() - self.clicked) * 1000, 1),
                "peak_before_click_kb": self.peak_before_click_kb,
                "peak_after_answer_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )

    def failed(self, report: Any) -> None:
        self.finish({"error": getattr(report, "as_text", lambda: str(report))()})

    def finish(self, report: dict[str, Any]) -> None:
        self.timer.stop()
        print(json.dumps(report), flush=True)
        self.window.close()


def main() -> int:
    drivers: list[Driver] = []
    show = workspace_window.WorkspaceWindow.show

    def show_and_drive(window: Any) -> None:
        show(window)
        if drivers:
            return
        # The app completes its window right after the first paint: drive it from then on.
        if window.is_complete():
            drivers.append(Driver(window))
        else:
            window.completed.connect(lambda: drivers.append(Driver(window)))

    workspace_window.WorkspaceWindow.show = show_and_drive  # type: ignore[method-assign]
    return app.run([])


if __name__ == "__main__":
    sys.exit(main())
