"""``--self-test``: drive the whole road through the real window, against the built-in sandbox.

Schemas, datasets from the demo CSV files (checked, uploaded, created, followed to ``enable``),
a service, its datasets attached, a training followed to the end, a lookup of each type, then
every delete, each through the window's own dialogs and buttons. It prints one JSON line with
every step (``ok``, milliseconds, what was seen) and ``"ok": true``, and exits 0; or exits 1
with the step that failed and why. It works offscreen and in the frozen app.

The steps are a generator: each ``yield`` names a signal to wait for (and a test of its
arguments), so the event loop runs freely between steps and nothing blocks the GUI thread.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

from aitems_desktop.gui.workspace.rows import Kind

#: How long one wait may take before the self-test gives up.
STEP_TIMEOUT_MS = 60_000


@dataclass
class Wait:
    """Resume when ``signal`` is emitted with arguments that ``accept`` likes."""

    signal: Any
    accept: Callable[..., bool] = field(default=lambda *args: True)
    what: str = ""


Steps = Generator[Wait, tuple[Any, ...], None]


def demo_file(name: str) -> Path:
    from aitems_desktop.gui.resources import resource_path

    path = resource_path(f"demo/{name}")
    if path is None:
        raise AssertionError(f"the demo file {name} is not installed")
    return path


class SelfTest(QObject):
    """Runs the steps on ``window``; ``start`` after the window is connected to a sandbox.

    ``finished`` carries the report: ``{"ok": bool, "steps": [...], "reason": str}``.
    """

    finished = Signal(dict)

    def __init__(self, window: Any, sandbox: Any) -> None:
        super().__init__(window)
        self.window = window
        self.sandbox = sandbox
        self.steps: list[dict[str, Any]] = []
        self._step = ""
        self._started = 0.0
        self._gen: Steps | None = None
        self._wait: Wait | None = None
        self._connected: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        self.suffix = secrets.token_hex(3)
        self.seen: dict[str, Any] = {}

    # --- the driver ------------------------------------------------------------------------

    def start(self) -> None:
        self._gen = self._road()
        self._advance(())

    def _advance(self, args: tuple[Any, ...]) -> None:
        assert self._gen is not None
        try:
            wait = self._gen.send(args) if self._wait is not None else next(self._gen)
        except StopIteration:
            self._finish(ok=True)
            return
        except Exception as exc:  # a failed check: report it, as the self-test's answer
            self._finish(ok=False, reason=f"{type(exc).__name__}: {exc}")
            return
        self._wait = wait
        self._connected = self._resume
        wait.signal.connect(self._connected)
        self._timer.start(STEP_TIMEOUT_MS)

    @Slot()
    def _resume(self, *args: Any) -> None:
        wait = self._wait
        if wait is None or not wait.accept(*args):
            return
        self._timer.stop()
        wait.signal.disconnect(self._connected)
        self._connected = None
        QTimer.singleShot(0, self, lambda: self._advance(args))

    @Slot()
    def _timed_out(self) -> None:
        what = self._wait.what if self._wait is not None else ""
        self._finish(ok=False, reason=f"timed out waiting for {what}")

    def begin(self, step: str) -> None:
        if self._step:
            self.end()
        self._step = step
        self._started = time.monotonic()

    def end(self, **seen: Any) -> None:
        self.steps.append(
            {
                "step": self._step,
                "ok": True,
                "ms": round((time.monotonic() - self._started) * 1000),
                **seen,
            }
        )
        self._step = ""

    def _finish(self, *, ok: bool, reason: str = "") -> None:
        if ok and self._step:
            self.end()
        elif not ok and self._step:
            self.steps.append({"step": self._step, "ok": False, "reason": reason})
        self._timer.stop()
        if self._wait is not None and self._connected is not None:
            # A failed check or a timeout leaves its wait connected: nothing resumes a
            # finished road.
            self._wait.signal.disconnect(self._connected)
        self._connected = None
        self._wait = None
        report: dict[str, Any] = {"ok": ok, "steps": self.steps}
        if not ok:
            report["reason"] = reason
        self.finished.emit(report)

    # --- helpers the steps use ----------------------------------------------------------------

    def dialog(self, name: str) -> Any:
        for widget in QApplication.topLevelWidgets():
            found = widget if widget.objectName() == name else widget.findChild(QDialog, name)
            if found is not None and found.isVisible():
                return found
        raise AssertionError(f"the {name} dialog is not open")

    def click(self, widget: QWidget, name: str) -> None:
        button = widget.findChild(QPushButton, name)
        if button is None:
            raise AssertionError(f"no button {name}")
        if not button.isEnabled():
            raise AssertionError(f"{name} is not enabled")
        button.click()

    def details(self, kind: Kind, resource_id: str) -> Wait:
        return Wait(
            self.window.workspace.details_loaded,
            lambda k, i, _obj: k == kind.value and i == resource_id,
            f"{kind.value} {resource_id}",
        )

    # --- the road ----------------------------------------------------------------------------

    def _road(self) -> Steps:
        w = self.window
        s = self.suffix
        yield from self._schemas(s)
        yield from self._datasets(s)

        self.begin("service")
        w.new_service_action.trigger()
        dialog = self.dialog("newServiceDialog")
        dialog.form.name_edit.setText(f"selftest_{s}")
        dialog.form.description_edit.setText("self-test")
        dialog.form.submit()
        _, service_id, service = yield Wait(
            w.workspace.details_loaded, lambda k, i, o: k == "services", "the new service"
        )
        self.service_id = service_id
        self.end(status=service.status)

        self.begin("attach")
        w.navigator.select(Kind.SERVICES, service_id)
        yield self.details(Kind.SERVICES, service_id)
        w.attach_action.trigger()
        dialog = self.dialog("attachDatasetsDialog")
        for dataset_type, combo in dialog.combos.items():
            position = combo.findData(self.datasets[dataset_type])
            if position < 0:
                raise AssertionError(f"the {dataset_type} dataset is not offered")
            combo.setCurrentIndex(position)
        self.click(dialog, "attachSaveButton")
        _, _, service = yield Wait(
            w.workspace.details_loaded,
            lambda k, i, o: k == "services" and i == service_id and len(o.datasets) == 3,
            "the service with its datasets",
        )
        self.end(status=service.status)

        self.begin("train")
        w.train_action.trigger()
        dialog = self.dialog("trainDialog")
        dialog.types.select(["personalRecommend", "relatedItem", "pop"])
        self.click(dialog, "trainStartButton")
        yield Wait(
            w.workspace.details_loaded,
            lambda k, i, o: k == "services" and i == service_id,
            "the training request",
        )
        _, _, service = yield Wait(
            w.workspace.details_loaded,
            lambda k, i, o: k == "services" and i == service_id and o.status == "learnable",
            "the end of the training",
        )
        panel = w.trainings_panel
        panel.refresh()
        (trainings,) = yield Wait(panel.trainings_loaded, what="the trainings")
        statuses = sorted({t.status for t in trainings})
        if statuses != ["completed"]:
            raise AssertionError(f"the trainings ended as {statuses}")
        self.end(trainings=len(trainings), status=service.status)

        self.begin("lookup")
        seen: dict[str, int] = {}
        targets = {"personalRecommend": "u0001", "relatedItem": "i001", "pop": ""}
        lookup = w.lookup_panel
        for train_type, target in targets.items():
            lookup.type_combo.setCurrentIndex(lookup.type_combo.findData(train_type))
            lookup.target_edit.setText(target)
            lookup.lookup()
            yield Wait(lookup.model.rowsInserted, what=f"a {train_type} lookup")
            seen[train_type] = lookup.model.rowCount()
        if not all(seen.values()):
            raise AssertionError(f"a lookup found nothing: {seen}")
        self.end(results=seen)

        yield from self._deletes()

    def _schemas(self, s: str) -> Steps:
        from aitems_desktop.core.rules import SchemaField

        w = self.window
        self.begin("schemas")
        fields = {
            "user": [
                SchemaField("USER_ID", ("string",)),
                SchemaField("AGE", ("int",)),
                SchemaField("GENDER", ("string",), True),
            ],
            "item": [
                SchemaField("ITEM_ID", ("string",)),
                SchemaField("ITEM_NAME", ("string",)),
                SchemaField("CATEGORY", ("string",), True),
                SchemaField("PRICE", ("int",)),
                SchemaField("CREATION_TIMESTAMP", ("long",)),
            ],
            "interaction": [
                SchemaField("USER_ID", ("string",)),
                SchemaField("ITEM_ID", ("string",)),
                SchemaField("TIMESTAMP", ("long",)),
                SchemaField("EVENT_TYPE", ("string",), True),
            ],
        }
        self.schemas: dict[str, str] = {}
        for dataset_type, schema_fields in fields.items():
            w.new_schema_action.trigger()
            dialog = self.dialog("schemaEditorDialog")
            dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(dataset_type))
            name = f"st_{dataset_type[:5]}_{s}"
            dialog.name_edit.setText(name)
            dialog.apply_proposal(schema_fields)
            self.click(dialog, "schemaCreateButton")
            yield Wait(
                w.workspace.details_loaded,
                lambda k, i, o, n=name: k == "schemas" and i == n,
                f"the schema {name}",
            )
            self.schemas[dataset_type] = name
        self.end(schemas=list(self.schemas.values()))

    def _datasets(self, s: str) -> Steps:
        w = self.window
        self.begin("datasets")
        files = {"user": "users.csv", "item": "items.csv", "interaction": "interactions.csv"}
        self.datasets: dict[str, str] = {}
        for dataset_type, file_name in files.items():
            w.new_dataset_action.trigger()
            wizard = self.dialog("datasetWizard")
            page = wizard.file_page
            page.path_edit.setText(str(demo_file(file_name)))
            page.type_combo.setCurrentIndex(page.type_combo.findData(dataset_type))
            page.schema_combo.setCurrentIndex(
                page.schema_combo.findData(self.schemas[dataset_type])
            )
            wizard.next()
            check = wizard.check_page
            if check.report is None:
                yield Wait(check.completeChanged, lambda c=check: c.report is not None, "the check")
            if not check.report.ok:
                raise AssertionError(
                    f"the demo {file_name} failed its check: {check.report.to_text()}"
                )
            wizard.next()
            upload = wizard.upload_page
            if upload.bucket_combo.count() == 0:
                yield Wait(upload.bucket_combo.currentIndexChanged, what="the buckets")
            upload.key_edit.setText(f"selftest/{s}/{file_name}")
            upload.key_edit.setModified(True)  # as typed: a late listing keeps it
            upload.upload()
            yield Wait(upload.completeChanged, lambda u=upload: u.isComplete(), "the upload")
            wizard.next()
            page4 = wizard.dataset_page
            page4.name_edit.setText(f"st_{dataset_type[:5]}_{s}")
            page4.create_dataset()
            _, dataset_id, dataset = yield Wait(
                w.workspace.details_loaded,
                lambda k, i, o: k == "datasets" and o.status in ("enable", "upload_failed"),
                "the dataset to be read",
            )
            if dataset.status != "enable":
                raise AssertionError(f"the {dataset_type} dataset ended {dataset.status}")
            self.datasets[dataset_type] = dataset_id
            wizard.accept()
        self.end(datasets=len(self.datasets))

    def _deletes(self) -> Steps:
        w = self.window
        self.begin("deletes")
        targets = [(Kind.SERVICES, self.service_id, f"selftest_{self.suffix}")]
        targets += [
            (Kind.DATASETS, dataset_id, f"st_{t[:5]}_{self.suffix}")
            for t, dataset_id in self.datasets.items()
        ]
        targets += [(Kind.SCHEMAS, name, name) for name in self.schemas.values()]
        for kind, resource_id, name in targets:
            w.navigator.select(kind, resource_id)
            w.delete_action.trigger()
            dialog = self.dialog("confirmDeleteDialog")
            dialog.name_edit.setText(name)
            dialog.delete_button.click()
            yield Wait(
                w.workspace.removed,
                lambda k, i, kk=kind, ii=resource_id: k == kk.value and i == ii,
                f"{name} to be deleted",
            )
        self.end(deleted=len(targets))


def run_self_test(window: Any, sandbox: Any) -> SelfTest:
    """Start the road on the next turn of the event loop; print the report and quit at its end."""
    test = SelfTest(window, sandbox)

    def report(result: dict[str, Any]) -> None:
        print(json.dumps(result, ensure_ascii=False), flush=True)
        QCoreApplication.exit(0 if result["ok"] else 1)

    test.finished.connect(report)
    QTimer.singleShot(0, test.start)
    return test


def not_started(reason: str) -> None:
    """The road could not begin (the sandbox did not start): say why, as a report, and quit."""
    print(json.dumps({"ok": False, "steps": [], "reason": reason}, ensure_ascii=False), flush=True)
    QCoreApplication.exit(1)
