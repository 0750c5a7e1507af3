"""The first paint does without PySide6's Qt namespace; the app builds it right after."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QSplitter
from pytestqt.qtbot import QtBot

from aitems_desktop.gui.connection_problems import show_connection_problem
from aitems_desktop.gui.details.tree_model import PATH_ROLE, RAW_ROLE, DetailsTreeModel
from aitems_desktop.gui.details.tree_view import DetailsTree
from aitems_desktop.gui.error_report import ErrorReport
from aitems_desktop.gui.qt_enums import set_enum_property
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow


# What the app does up to its first frame, then whether Qt was built at that moment and
# once the work after the first paint has run.
def test_the_details_roles_are_past_qts_own() -> None:
    assert Qt.ItemDataRole.UserRole + 1 == PATH_ROLE
    assert Qt.ItemDataRole.UserRole + 2 == RAW_ROLE


def test_enum_properties_are_set_by_key_and_typos_refused(qapp: object) -> None:
    splitter = QSplitter()
    set_enum_property(splitter, "orientation", "Vertical")
    assert splitter.orientation() == Qt.Orientation.Vertical
    with pytest.raises(ValueError, match="Vertikal"):
        set_enum_property(splitter, "orientation", "Vertikal")
    with pytest.raises(ValueError, match="orientatio"):
        set_enum_property(splitter, "orientatio", "Horizontal")


def test_the_tree_header_shows_the_models_column_titles(qtbot: QtBot) -> None:
    model = DetailsTreeModel()
    view = DetailsTree(model)
    qtbot.addWidget(view)
    header = view.header()
    titles = [header.model().headerData(i, Qt.Orientation.Horizontal) for i in range(2)]
    assert titles == ["Field", "Value"]
    assert header.count() == model.columnCount() == 2


def test_the_error_panel_is_made_when_first_needed(qtbot: QtBot) -> None:
    window = WorkspaceWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.findChild(QFrame, "errorPanel") is None
    show_connection_problem(window, ErrorReport(title="Not connected", message="refused"))
    panel = window.findChild(QFrame, "errorPanel")
    assert panel is window.error_panel
    assert panel.isVisible()
    # Above the details pane, as when it was built with the window.
    assert panel.geometry().bottom() < window.details.geometry().top()
    window.close()
    assert window.workers.shutdown(5000)
    if window.state_writer is not None:
        window.state_writer.join(5)
