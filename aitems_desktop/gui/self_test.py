"""``--self-test``: drive the real window against the built-in sandbox and report.

It types a name, clicks Create, waits for the tree, and checks that the service, its
datasets, hpConfig and infers are shown; then it opens a demo service that has datasets
and infers (when the sandbox seeded one) and checks those rows too, since a fresh service
only has the empty-list rows. It prints one JSON line with what it saw and exits 0, or
exits 1 with the reason. It works offscreen and on the frozen app.
"""

from __future__ import annotations

import json
import secrets
import sys
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, QTimer, Slot
from PySide6.QtTest import QTest

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.main_window import MainWindow
from aitems_desktop.gui.result_tree import ResultTree
from aitems_desktop.gui.sandbox_launcher import SandboxLauncher
from aitems_desktop.gui.service_tree_model import (
    PLACEHOLDER_ROLE,
    RAW_VALUE_ROLE,
    ServiceTreeModel,
)


def _text(model: ServiceTreeModel, index: QModelIndex, column: int = 1) -> str:
    return str(index.siblingAtColumn(column).data(Qt.ItemDataRole.DisplayRole) or "")


def _list_rows(
    model: ServiceTreeModel, view: ResultTree, key: str, problems: list[str]
) -> dict[str, Any]:
    index = model.index_for_path(key)
    if not index.isValid():
        problems.append(f"no {key} row")
        return {}
    if not view.isExpanded(index):
        problems.append(f"{key} is not expanded")
    rows = model.rowCount(index)
    first = model.index(0, 0, index) if rows else QModelIndex()
    if rows == 1 and first.data(PLACEHOLDER_ROLE):
        return {"rows": 0, "shown_as": _text(model, first, 0)}
    seen: dict[str, Any] = {"rows": rows}
    if first.isValid():
        fields = {
            str(model.index(r, 0, first).data(Qt.ItemDataRole.DisplayRole)): _text(
                model, model.index(r, 0, first)
            )
            for r in range(model.rowCount(first))
        }
        if not fields:
            problems.append(f"the first of {key} shows no fields")
        seen["first"] = fields
    return seen


def inspect_answer(
    model: ServiceTreeModel, view: ResultTree, expected: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """What the tree shows for the answer, and what disagrees with ``expected``."""
    problems: list[str] = []
    seen: dict[str, Any] = {}
    for key in ("serviceId", "name", "status", "type", "createdDate"):
        index = model.index_for_path(key)
        if not index.isValid():
            problems.append(f"no {key} row")
            continue
        raw = index.siblingAtColumn(1).data(RAW_VALUE_ROLE)
        seen[key] = _text(model, index)
        if key in expected and raw != expected[key]:
            problems.append(f"{key} shows {raw!r}, the service sent {expected[key]!r}")
    hp = model.index_for_path("hpConfig")
    if hp.isValid():
        seen["hpConfig"] = {
            str(model.index(r, 0, hp).data()): _text(model, model.index(r, 0, hp))
            for r in range(model.rowCount(hp))
        }
        if not model.index_for_path("hpConfig.is_enabled").isValid():
            problems.append("hpConfig has no is_enabled row")
    else:
        problems.append("no hpConfig row")
    seen["datasets"] = _list_rows(model, view, "datasets", problems)
    seen["infers"] = _list_rows(model, view, "infers", problems)
    for key in ("datasets", "infers"):
        want = expected.get(key)
        if isinstance(want, list) and seen[key].get("rows") != len(want):
            problems.append(f"{key}: {seen[key].get('rows')} rows for {len(want)} sent")
    return seen, problems


class SelfTest(QObject):
    """Runs once; :attr:`exit_code` is set when it ends and the app is asked to quit."""

    def __init__(
        self, window: MainWindow, launcher: SandboxLauncher, timeout_s: float = 30.0
    ) -> None:
        super().__init__(window)
        self._window = window
        self._launcher = launcher
        self._timeout_ms = int(timeout_s * 1000)
        self._started = time.monotonic()
        self._name = f"selftest_{secrets.token_hex(4)}"
        self._report: dict[str, Any] = {"ok": False}
        self._stage = "starting the sandbox"
        self._demo_name = ""
        self.exit_code: int | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)

    def start(self) -> None:
        self._launcher.started.connect(self._connected)
        self._launcher.failed.connect(self._sandbox_failed)
        self._window.answer_shown.connect(self._answer_shown)
        self._window.session.failed.connect(self._call_failed)
        self._timer.start(self._timeout_ms)
        self._launcher.start()

    @Slot(object)
    def _connected(self, connection: Connection) -> None:
        self._window.set_connection(connection)
        self._stage = "typing the form"
        form = self._window.form
        form.name_edit.setFocus()
        QTest.keyClicks(form.name_edit, self._name)
        QTest.keyClicks(form.description_edit, "made by aitems-desktop --self-test")
        if not form.create_button.isEnabled():
            self._fail(
                f"Create is disabled after typing {self._name!r}: {form.name_message.text()}"
            )
            return
        self._stage = "creating the service"
        QTest.mouseClick(form.create_button, Qt.MouseButton.LeftButton)

    @Slot(str)
    def _answer_shown(self, origin: str) -> None:
        model, view = self._window.model, self._window.tree
        answer = dict(model.answer() or {})
        seen, problems = inspect_answer(model, view, answer)
        if origin == "created":
            if answer.get("name") != self._name:
                problems.append(f"created {answer.get('name')!r}, typed {self._name!r}")
            self._report["created"] = seen
            if problems:
                self._fail("; ".join(problems))
                return
            self._open_demo_service()
        elif origin == "opened":
            self._report["demo_service"] = seen
            if not seen["datasets"].get("rows") or not seen["infers"].get("rows"):
                problems.append(f"demo service {self._demo_name} shows no datasets or infers")
            if problems:
                self._fail("; ".join(problems))
                return
            self._pass()

    def _open_demo_service(self) -> None:
        """Open a seeded service with datasets and infers, if the sandbox has one."""
        name = self._demo_service_name()
        if not name:
            self._report["demo_service"] = None
            self._pass()
            return
        self._demo_name = name
        self._stage = f"opening the demo service {name}"
        self._window.session.open_existing(name)

    def _demo_service_name(self) -> str:
        server = self._launcher.server
        try:
            services = list(server.services())
        except Exception:
            return ""
        for service in services:
            data = service if isinstance(service, dict) else getattr(service, "raw", {})
            if data.get("datasets") and data.get("infers"):
                return str(data.get("name", ""))
        return ""

    @Slot(object)
    def _call_failed(self, report: object) -> None:
        text = getattr(report, "as_text", lambda: str(report))()
        self._fail(f"{self._stage}: {text}".replace("\n", " | "))

    @Slot(str)
    def _sandbox_failed(self, message: str) -> None:
        self._fail(f"the sandbox did not start: {message}")

    @Slot()
    def _timed_out(self) -> None:
        self._fail(f"timed out after {self._timeout_ms / 1000:.0f} s while {self._stage}")

    def _pass(self) -> None:
        self._report["ok"] = True
        self._end(0)

    def _fail(self, reason: str) -> None:
        self._report["ok"] = False
        self._report["reason"] = reason
        self._end(1)

    def _end(self, code: int) -> None:
        if self.exit_code is not None:
            return
        self.exit_code = code
        self._timer.stop()
        self._report["elapsed_ms"] = int((time.monotonic() - self._started) * 1000)
        print(json.dumps(self._report, ensure_ascii=False), flush=True)
        if code:
            print(f"self-test failed: {self._report['reason']}", file=sys.stderr, flush=True)
        self._window.close()
        QCoreApplication.exit(code)
