"""Render the main window in its main states to PNG files.

    xvfb-run -a uv run python tools/screenshots.py            # as under a real X server
    QT_QPA_PLATFORM=offscreen uv run python tools/screenshots.py

Writes docs/screenshots/{empty,invalid,busy,result,result-trained,error}.png (or --out).
The window talks to the built-in sandbox, so the result and the error are what the app
really shows.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from aitems_desktop.core.connection import Connection
from aitems_desktop.gui.app_icon import app_icon
from aitems_desktop.gui.main_window import MainWindow
from aitems_desktop.sandbox import Fault, SandboxServer

ROOT = Path(__file__).resolve().parent.parent
SIZE = (900, 720)


def wait_until(app: QApplication, condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError("the window did not reach the expected state")
        app.processEvents()
        QTest.qWait(10)


def fresh_window(app: QApplication, server: SandboxServer) -> MainWindow:
    window = MainWindow(
        Connection(
            label="sandbox",
            base_url=server.base_url,
            access_key=server.access_key,
            secret_key=server.secret_key,
            is_sandbox=True,
            source="built-in, demo data",
        )
    )
    window.resize(*SIZE)
    window.show()
    QTest.qWaitForWindowExposed(window)
    return window


def save(app: QApplication, window: MainWindow, out: Path, name: str) -> None:
    for _ in range(5):
        app.processEvents()
        QTest.qWait(20)
    path = out / f"{name}.png"
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    # Settings of this run only: no remembered geometry from the person's own app.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp())
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())

    with SandboxServer(seed_demo=True) as server:
        window = fresh_window(app, server)
        save(app, window, args.out, "empty")

        QTest.keyClicks(window.form.name_edit, "9 lives")
        QTest.keyClicks(window.form.description_edit, "x" * 104)
        save(app, window, args.out, "invalid")
        window.close()

        window = fresh_window(app, server)
        server.latency_ms = 20_000
        QTest.keyClicks(window.form.name_edit, "shop_reco")
        QTest.keyClicks(window.form.description_edit, "Recommendations for the web shop")
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
        wait_until(app, window.form.is_busy)
        save(app, window, args.out, "busy")
        window.session.cancel()
        server.latency_ms = 0
        window.close()

        window = fresh_window(app, server)
        QTest.keyClicks(window.form.name_edit, "shop_reco")
        QTest.keyClicks(window.form.description_edit, "Recommendations for the web shop")
        done: list[str] = []
        window.answer_shown.connect(done.append)
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
        wait_until(app, lambda: bool(done))
        save(app, window, args.out, "result")
        # A trained demo service: datasets, every hpConfig option, infers.
        window.session.open_existing("movie_reco")
        wait_until(app, lambda: len(done) == 2)
        save(app, window, args.out, "result-trained")
        window.close()

        window = fresh_window(app, server)
        server.inject(
            Fault.GATEWAY_ERROR,
            status=401,
            code="210",
            message="Permission Denied",
            details="A subscription to the API is required.",
        )
        QTest.keyClicks(window.form.name_edit, "shop_reco")
        QTest.keyClicks(window.form.description_edit, "Recommendations for the web shop")
        QTest.mouseClick(window.form.create_button, Qt.MouseButton.LeftButton)
        wait_until(app, lambda: window.error_panel.isVisible() and not window.form.is_busy())
        save(app, window, args.out, "error")
        window.close()
        window.workers.shutdown(2000)
    return 0


if __name__ == "__main__":
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
