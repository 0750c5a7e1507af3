"""Render every screen and dialog of the workspace window to PNG files, light and dark.

    xvfb-run -a uv run python tools/screenshots.py              # as under a real X server
    QT_QPA_PLATFORM=offscreen uv run python tools/screenshots.py
    uv run python tools/screenshots.py --palette dark --lang ko --scale 2 --only workspace

Writes docs/screenshots/<palette>[-<lang>][-<scale>x]/<screen>.png (or under --out). The
window talks to the built-in sandbox with its demo data, trained, so every screen shows what
the app really shows.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _palette(name: str) -> Any:
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    if name == "dark":
        roles = {
            QPalette.ColorRole.Window: "#202124",
            QPalette.ColorRole.WindowText: "#e8eaed",
            QPalette.ColorRole.Base: "#17181a",
            QPalette.ColorRole.AlternateBase: "#26272a",
            QPalette.ColorRole.ToolTipBase: "#303134",
            QPalette.ColorRole.ToolTipText: "#e8eaed",
            QPalette.ColorRole.PlaceholderText: "#9aa0a6",
            QPalette.ColorRole.Text: "#e8eaed",
            QPalette.ColorRole.Button: "#2d2e31",
            QPalette.ColorRole.ButtonText: "#e8eaed",
            QPalette.ColorRole.BrightText: "#ffffff",
            QPalette.ColorRole.Highlight: "#8ab4f8",
            QPalette.ColorRole.HighlightedText: "#202124",
            QPalette.ColorRole.Link: "#8ab4f8",
        }
        for role, color in roles.items():
            palette.setColor(role, QColor(color))
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6f7378"))
        palette.setColor(
            QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6f7378")
        )
    return palette


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--palette", choices=["light", "dark", "both"], default="both")
    parser.add_argument("--lang", default="", help="ko for Korean (default: the system's)")
    parser.add_argument("--scale", type=int, default=1, help="device pixel ratio")
    parser.add_argument("--only", default="", help="comma-separated screen names")
    args = parser.parse_args(argv)
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    if args.lang:
        os.environ["LANGUAGE"] = args.lang
        os.environ["LANG"] = f"{args.lang}_KR.UTF-8" if args.lang == "ko" else f"{args.lang}.UTF-8"
    with tempfile.TemporaryDirectory(prefix="aitems-shots-") as home:
        os.environ["AITEMS_DESKTOP_DATA_DIR"] = str(Path(home) / "data")
        os.environ["AITEMS_DESKTOP_LOG_DIR"] = str(Path(home) / "logs")
        palettes = ["light", "dark"] if args.palette == "both" else [args.palette]
        for palette in palettes:
            suffix = (
                palette
                + (f"-{args.lang}" if args.lang else "")
                + (f"-{args.scale}x" if args.scale != 1 else "")
            )
            _render(args.out / suffix, palette, set(filter(None, args.only.split(","))))
    return 0


def _render(out: Path, palette: str, only: set[str]) -> None:
    from PySide6.QtCore import QDeadlineTimer, QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from aitems_desktop.core.connection import Connection
    from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
    from aitems_desktop.gui.workspace.rows import Kind
    from aitems_desktop.sandbox import SandboxServer

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setPalette(_palette(palette))
    app.setApplicationDisplayName("AiTEMS Desktop")
    from aitems_desktop.gui.i18n import TRANSLATORS

    TRANSLATORS.apply("")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        os.environ["AITEMS_DESKTOP_DATA_DIR"],
    )

    def wait(condition: Callable[[], bool], timeout_ms: int = 20_000) -> None:
        deadline = QDeadlineTimer(timeout_ms)
        while not condition():
            if deadline.hasExpired():
                raise TimeoutError("the window did not reach the expected state")
            app.processEvents()
            QTest.qWait(10)

    def shot(widget: QWidget, name: str) -> None:
        if only and name not in only:
            return
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    def dialog(name: str) -> Any:
        found: Any = None

        def present() -> bool:
            nonlocal found
            for top in QApplication.topLevelWidgets():
                candidate = top if top.objectName() == name else top.findChild(QDialog, name)
                if candidate is not None and candidate.isVisible():
                    found = candidate
                    return True
            return False

        wait(present)
        return found

    with SandboxServer(seed_demo=True, time_scale=1.0) as sandbox:
        sandbox.advance(3600)
        window = WorkspaceWindow()
        window.resize(1200, 760)
        window.show()
        QTest.qWaitForWindowExposed(window)
        window.runner.load_core()
        wait(lambda: window.runner.is_core_ready)
        window.set_connection(
            Connection(
                label="sandbox",
                base_url=sandbox.base_url,
                access_key=sandbox.access_key,
                secret_key=sandbox.secret_key,
                is_sandbox=True,
                source="built-in, demo data",
                object_storage_url=sandbox.object_storage_url,
            )
        )
        wait(lambda: all(window.workspace.is_loaded(k) for k in Kind))
        services = window.workspace.models[Kind.SERVICES].rows()
        trained = next(
            (r for r in services if r.status == "learnable" and r.name.startswith("shop")),
            services[0],
        )
        page = window.details.page(Kind.SERVICES)
        window.navigator.select(Kind.SERVICES, trained.id)
        wait(lambda: page.title.text() == trained.name and page.model.rowCount() > 0)
        shot(window, "workspace")
        window.expand_action.trigger()
        shot(window, "workspace-expanded")
        page.tabs.setCurrentWidget(window.trainings_panel)
        wait(lambda: window.trainings_panel.model.rowCount() > 0)
        shot(window, "trainings")
        page.tabs.setCurrentWidget(window.lookup_panel)
        window.lookup_panel.type_combo.setCurrentIndex(
            window.lookup_panel.type_combo.findData("personalRecommend")
        )
        window.lookup_panel.target_edit.setText("u0001")
        window.lookup_panel.lookup()
        wait(lambda: window.lookup_panel.model.rowCount() > 0)
        shot(window, "lookup")
        page.tabs.setCurrentIndex(0)

        window.activity_action.trigger()
        shot(window, "activity")
        window.activity_action.trigger()

        for kind, name in ((Kind.DATASETS, "datasets"), (Kind.SCHEMAS, "schemas")):
            window.navigator.show_kind(kind)
            first = window.workspace.models[kind].rows()[0]
            window.navigator.select(kind, first.id)
            wait(lambda k=kind: window.details.page(k).model.rowCount() > 0)
            shot(window, name)
        window.navigator.show_kind(Kind.SERVICES)
        window.navigator.select(Kind.SERVICES, trained.id)

        def dialog_shot(trigger: Callable[[], None], object_name: str, name: str) -> Any:
            trigger()
            found = dialog(object_name)
            shot(found, name)
            return found

        new = dialog_shot(window.new_service_action.trigger, "newServiceDialog", "new-service")
        QTest.keyClicks(new.form.name_edit, "1bad name")
        shot(new, "new-service-invalid")
        new.reject_without_asking()
        edit = dialog_shot(window.edit_action.trigger, "editServiceDialog", "edit-service")
        edit.done(0)
        attach = dialog_shot(window.attach_action.trigger, "attachDatasetsDialog", "attach")
        attach.done(0)
        train = dialog_shot(window.train_action.trigger, "trainDialog", "train")
        train.hpo.enabled_box.setChecked(True)
        shot(train, "train-hpo")
        train.done(0)
        delete = dialog_shot(window.delete_action.trigger, "confirmDeleteDialog", "delete")
        delete.done(0)
        schema = dialog_shot(window.new_schema_action.trigger, "schemaEditorDialog", "schema-new")
        schema.done(0)
        wizard = dialog_shot(window.new_dataset_action.trigger, "datasetWizard", "dataset-file")
        wizard.done(0)
        about = dialog_shot(window.about_action.trigger, "aboutDialog", "about")
        about.done(0)
        keys = dialog_shot(window.shortcuts_action.trigger, "shortcutsDialog", "shortcuts")
        keys.done(0)

        window.close()
        window.workers.shutdown(5000)
        if window.state_writer is not None:
            window.state_writer.join(5)


if __name__ == "__main__":
    sys.exit(main())
