"""The workspace window with large lists: showing them, filtering them, expanding a big tree.

- lists: 1,000 services, 1,000 datasets and 500 schemas arrive as the runner delivers them (the
  typed summaries, on the GUI thread); the clock stops once the navigator has taken them in and
  painted a frame. Target: within 100 ms of the answers arriving.
- filter: one keystroke in the filter box over the 1,000 services, to the painted frame.
  Target: at most 16 ms (one frame at 60 Hz), the median and the slowest of 20 keystrokes.
- expand all: View > Expand All on a service with 10,000 results and 1,000 datasets, to the
  painted frame. Target: under 100 ms.
"""

from __future__ import annotations

import os
import time
from typing import Any

from benchmarks.answers import service_answer
from benchmarks.common import BENCH_ACCESS_KEY, BENCH_SECRET_KEY, Result, Sizes, Workspace, median

LIST_TARGET_MS = 100.0
KEYSTROKE_TARGET_MS = 16.0
EXPAND_TARGET_MS = 100.0


def _summaries(count: int, kind: str) -> list[Any]:
    from aitems_desktop.core.models import DatasetSummary, SchemaSummary, ServiceSummary

    date = "2026-11-20T10:00:00.000"
    if kind == "services":
        return [
            ServiceSummary.from_json(
                {
                    "serviceId": f"s{n:010d}",
                    "name": f"service_{n:04d}",
                    "status": ("learnable", "learning", "datasetRequired")[n % 3],
                    "createdDate": date,
                    "updatedDate": date,
                    "actionName": "View/getServiceDetail",
                    "permission": "Allow",
                }
            )
            for n in range(count)
        ]
    if kind == "datasets":
        return [
            DatasetSummary.from_json(
                {
                    "datasetId": f"d{n:010d}",
                    "name": f"dataset_{n:04d}",
                    "type": ("user", "item", "interaction")[n % 3],
                    "status": "enable",
                    "createdDate": date,
                }
            )
            for n in range(count)
        ]
    return [
        SchemaSummary.from_json(
            {"name": f"schema_{n:04d}", "datasetType": "user", "createdDate": date}
        )
        for n in range(count)
    ]


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from aitems_desktop.core.connection import Connection
    from aitems_desktop.core.models import Service
    from aitems_desktop.gui.qt_messages import install_qt_message_handler
    from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
    from aitems_desktop.gui.workspace.rows import Kind

    install_qt_message_handler()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(workspace.root / "ws")
    )
    app = QApplication.instance() or QApplication([])
    window = WorkspaceWindow()
    window.resize(1200, 760)
    window.show()
    # A connection that is never called: the answers are handed over as the runner would.
    window.set_connection(
        Connection(
            label="bench",
            base_url="http://127.0.0.1:9/api/v1",
            access_key=BENCH_ACCESS_KEY,
            secret_key=BENCH_SECRET_KEY,
        )
    )
    window.runner.cancel_all()
    app.processEvents()

    scale = 1 if not sizes.quick else 100
    counts = {
        Kind.SERVICES: 1000 // scale,
        Kind.DATASETS: 1000 // scale,
        Kind.SCHEMAS: 500 // scale,
    }
    answers = {kind: _summaries(n, kind.value) for kind, n in counts.items()}
    for items in answers.values():
        for item in items[:1]:
            item.model_dump()

    list_times: list[float] = []
    reps = 1 if sizes.quick else 7
    for _ in range(reps):
        window.workspace.reset()
        app.processEvents()
        start = time.perf_counter()
        for kind, items in answers.items():
            window.workspace._list_read(kind, items)
        # The frame the answers asked for: Qt paints what changed, once.
        app.processEvents()
        list_times.append((time.perf_counter() - start) * 1000)
        if window.workspace.models[Kind.SERVICES].rowCount() != counts[Kind.SERVICES]:
            raise RuntimeError("the navigator did not take the services in")
    window.workspace.stop()

    keystrokes: list[float] = []
    edit = window.navigator.filter_edit
    window.navigator.show_kind(Kind.SERVICES)
    app.processEvents()
    text = "service_01"
    for _ in range(2):
        edit.clear()
        app.processEvents()
        for position in range(1, len(text) + 1):
            start = time.perf_counter()
            edit.setText(text[:position])
            app.processEvents()
            keystrokes.append((time.perf_counter() - start) * 1000)
    edit.clear()

    # A service has one dataset of each type; the results are what grows.
    n = sizes.tree_infers
    big = Service.from_json(service_answer(n, 3))
    page = window.details.page(Kind.SERVICES)
    window.workspace.put(Kind.SERVICES, big, user=False)
    window.navigator.select(Kind.SERVICES, big.service_id)
    # The tree is laid out on a worker; wait for it to be on screen.
    deadline = time.monotonic() + 60
    while page.model.rowCount() == 0 and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    expand: list[float] = []
    tree = window.details.page(Kind.SERVICES).tree
    for _ in range(1 if sizes.quick else 5):
        tree.collapseAll()
        app.processEvents()
        start = time.perf_counter()
        window.expand_action.trigger()
        app.processEvents()
        expand.append((time.perf_counter() - start) * 1000)
    window.workspace.stop()
    window.close()
    window.deleteLater()
    app.processEvents()

    lists_ms = median(list_times)
    key_median, key_max = median(keystrokes), max(keystrokes)
    expand_ms = median(expand)
    label = ", ".join(f"{n:,} {k.value}" for k, n in counts.items())
    return [
        Result(
            "workspace lists",
            f"{lists_ms:.1f} ms",
            f"<= {LIST_TARGET_MS:.0f} ms ({label})",
            lists_ms <= LIST_TARGET_MS,
            [f"workspace lists: median of {len(list_times)} loads into empty lists"],
        ),
        Result(
            "filter keystroke",
            f"{key_median:.1f} ms (slowest {key_max:.1f})",
            f"<= {KEYSTROKE_TARGET_MS:.0f} ms",
            key_max <= KEYSTROKE_TARGET_MS,
            [
                f"filter keystroke: {len(keystrokes)} keystrokes over "
                f"{counts[Kind.SERVICES]:,} services"
            ],
        ),
        Result(
            "expand all",
            f"{expand_ms:.1f} ms",
            f"< {EXPAND_TARGET_MS:.0f} ms ({n:,} results, 3 datasets)",
            expand_ms < EXPAND_TARGET_MS,
            [f"expand all: median of {len(expand)} expansions of the whole details tree"],
        ),
    ]
