"""The baseline: a bare PySide6 QMainWindow, shown and painted once.

Run as a script by the benchmarks. With ``--exit-after-first-paint`` it prints
``first-paint <time.monotonic()>`` once the first frame is painted and quits, exactly as
the app does under ``AITEMS_DESKTOP_EXIT_AFTER_FIRST_PAINT=1``. It imports nothing from
the project so that it measures PySide6 alone.
"""

import sys
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class FirstPaintReporter(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {time.monotonic():.6f}", flush=True)
        QCoreApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(900, 680)
    reporter = FirstPaintReporter(window)
    window.installEventFilter(reporter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
