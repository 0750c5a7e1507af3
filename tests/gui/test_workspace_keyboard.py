"""The workspace window with the keyboard alone: lists, the filter box, the details tabs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTableWidget
from pytestqt.qtbot import QtBot
from screens import activate, connect, open_window

from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.list_model import ID_ROLE, NAME
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer

NAMES = ("alpha_recs", "beta_recs", "gamma_recs", "news_hourly", "shop_recs", "shop_search")

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def ids(sandbox: SandboxServer) -> dict[str, str]:
    """Six services; their ids by name."""
    return {name: str(sandbox.add_service(name)["serviceId"]) for name in NAMES}


@pytest.fixture
def window(qtbot: QtBot, sandbox: SandboxServer, ids: dict[str, str]) -> Iterator[WorkspaceWindow]:
    with open_window(qtbot) as made:
        connect(made, sandbox, qtbot)
        activate(qtbot, made)
        yield made


def services_table(window: WorkspaceWindow) -> Any:
    return window.navigator.tables[Kind.SERVICES]


def highlighted(window: WorkspaceWindow) -> list[str]:
    """The ids of the rows drawn selected in the list on screen."""
    table = window.navigator.current_table()
    return [str(i.data(ID_ROLE)) for i in table.selectionModel().selectedRows(NAME)]


def press_and_wait_details(
    window: WorkspaceWindow, qtbot: QtBot, widget: Any, key: Qt.Key, resource_id: str
) -> None:
    with qtbot.waitSignal(
        window.workspace.details_loaded,
        timeout=10_000,
        check_params_cb=lambda _, i, __: i == resource_id,
    ):
        qtbot.keyClick(widget, key)


def test_the_list_has_the_keys_at_start_and_the_first_down_picks_the_first_row(
    window: WorkspaceWindow, qtbot: QtBot, ids: dict[str, str]
) -> None:
    table = services_table(window)
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 0
    # A focus frame, not a selection: nothing is read for a row nobody moved to.
    assert highlighted(window) == []
    press_and_wait_details(window, qtbot, table, Qt.Key.Key_Down, ids["alpha_recs"])
    assert highlighted(window) == [ids["alpha_recs"]]
    assert window.selected() == (Kind.SERVICES, ids["alpha_recs"])
    press_and_wait_details(window, qtbot, table, Qt.Key.Key_Down, ids["beta_recs"])
    assert highlighted(window) == [ids["beta_recs"]]


def test_typing_a_name_jumps_to_it_even_after_another_column_was_current(
    window: WorkspaceWindow, qtbot: QtBot, ids: dict[str, str]
) -> None:
    from PySide6.QtCore import QItemSelectionModel

    table = services_table(window)
    # As after a click on the Status cell of the first row.
    table.selectionModel().setCurrentIndex(
        table.model().index(0, 1),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    with qtbot.waitSignal(
        window.workspace.details_loaded,
        timeout=10_000,
        check_params_cb=lambda _, i, __: i == ids["news_hourly"],
    ):
        qtbot.keyClicks(table, "news")
    assert highlighted(window) == [ids["news_hourly"]]


def test_after_ctrl_number_the_highlighted_row_and_the_details_agree(
    window: WorkspaceWindow, qtbot: QtBot, ids: dict[str, str]
) -> None:
    table = services_table(window)
    press_and_wait_details(window, qtbot, table, Qt.Key.Key_Down, ids["alpha_recs"])
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    datasets = window.navigator.tables[Kind.DATASETS]
    assert QApplication.focusWidget() is datasets
    assert window.details.shown is None
    assert highlighted(window) == []
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is table
    assert highlighted(window) == [ids["alpha_recs"]]
    assert window.details.shown == (Kind.SERVICES, ids["alpha_recs"])
    assert window.edit_action.isEnabled()


def test_tab_leaves_the_list_and_alt_numbers_pick_the_details_tabs(
    window: WorkspaceWindow, qtbot: QtBot, ids: dict[str, str]
) -> None:
    table = services_table(window)
    press_and_wait_details(window, qtbot, table, Qt.Key.Key_Down, ids["alpha_recs"])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not None
    assert window.details.isAncestorOf(focus)
    # Shift+Tab comes back to the list, not to another cell of it.
    qtbot.keyClick(focus, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is table
    assert highlighted(window) == [ids["alpha_recs"]]

    tabs = window.details.page(Kind.SERVICES).tabs
    qtbot.keyClick(window, Qt.Key.Key_2, ALT)
    assert tabs.currentWidget() is window.trainings_panel
    assert window.trainings_panel.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(window, Qt.Key.Key_3, ALT)
    assert tabs.currentWidget() is window.lookup_panel
    assert window.lookup_panel.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(window, Qt.Key.Key_1, ALT)
    assert tabs.currentIndex() == 0
    assert QApplication.focusWidget() is window.details.page(Kind.SERVICES).tree
    # Updates is a tab of periodic services only: no tab for this one.
    assert not window.updates_tab_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert tabs.currentWidget() is window.trainings_panel
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert tabs.currentWidget() is window.lookup_panel
    qtbot.keyClick(window, Qt.Key.Key_PageDown, CTRL)
    assert tabs.currentIndex() == 0
    qtbot.keyClick(window, Qt.Key.Key_PageUp, CTRL)
    assert tabs.currentWidget() is window.lookup_panel

    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog: Any = window.findChild(QDialog, "shortcutsDialog")
    shortcuts = dialog.findChild(QTableWidget, "shortcutsTable")
    rows = {
        shortcuts.item(r, 0).text(): shortcuts.item(r, 1).text()
        for r in range(shortcuts.rowCount())
    }
    assert rows["Overview Tab"] == "Alt+1"
    assert rows["Trainings Tab"] == "Alt+2"
    assert rows["Test Lookup Tab"] == "Alt+3"
    assert rows["Next Tab"] == "Ctrl+PgDown"
    assert rows["Previous Tab"] == "Ctrl+PgUp"
    dialog.close()


def _menu_when_shown(seen: dict[str, Any]) -> QTimer:
    """Once a context menu is up: what it offers and where, then close it."""
    timer = QTimer()

    def look() -> None:
        popup = QApplication.activePopupWidget()
        if isinstance(popup, QMenu):
            seen["texts"] = [a.text().replace("&", "") for a in popup.actions() if a.text()]
            seen["top_left"] = popup.geometry().topLeft()
            timer.stop()
            popup.close()

    timer.timeout.connect(look)
    timer.start(10)
    return timer


# A popup menu on the offscreen platform: it says what it cannot do.
@pytest.mark.qt_log_ignore(
    "This plugin does not support (grabbing the keyboard|raise|propagateSizeHints)"
)
@pytest.mark.parametrize("key", ["Shift+F10", "Menu"])
def test_the_keyboard_opens_the_selected_rows_menu_at_the_row(
    window: WorkspaceWindow, qtbot: QtBot, ids: dict[str, str], key: str
) -> None:
    table = services_table(window)
    press_and_wait_details(window, qtbot, table, Qt.Key.Key_Down, ids["alpha_recs"])
    press_and_wait_details(window, qtbot, table, Qt.Key.Key_Down, ids["beta_recs"])
    seen: dict[str, Any] = {}
    timer = _menu_when_shown(seen)
    try:
        with qtbot.waitSignal(window.navigator.context_menu_requested, timeout=5_000) as asked:
            if key == "Menu":
                # What Qt makes of the Menu key on X11 and Windows: a keyboard context menu event
                # for the focus widget, at the middle of the widget (where the menu used to open).
                middle = QPoint(table.width() // 2, table.height() // 2)
                event = QContextMenuEvent(
                    QContextMenuEvent.Reason.Keyboard, middle, table.mapToGlobal(middle)
                )
                QApplication.sendEvent(table, event)
            else:
                qtbot.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: "texts" in seen, timeout=5_000)
    finally:
        timer.stop()
    assert asked.args[:2] == ["services", ids["beta_recs"]]
    assert "Train…" in seen["texts"]
    assert "Copy ID" in seen["texts"]
    row = table.visualRect(table.model().index(1, NAME))
    top = table.viewport().mapToGlobal(row.topLeft())
    bottom = table.viewport().mapToGlobal(row.bottomLeft())
    menu_at: QPoint = seen["top_left"]
    assert top.y() <= menu_at.y() <= bottom.y() + 2
    assert menu_at.x() - top.x() < table.viewport().width() // 4


def test_the_filter_box_esc_down_and_zero_matches(
    window: WorkspaceWindow, qtbot: QtBot, ids: dict[str, str]
) -> None:
    navigator = window.navigator
    box = navigator.filter_edit
    table = services_table(window)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert box.hasFocus()
    qtbot.keyClicks(box, "shop")
    assert navigator.tabs.tabText(0) == "Services (2 of 6)"
    assert not table.empty_label.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is table
    assert [table.model().index(0, NAME).data()] == ["shop_recs"]
    assert highlighted(window) == [ids["shop_recs"]]

    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(box, "zzz")
    assert table.model().rowCount() == 0
    assert navigator.tabs.tabText(0) == "Services (0 of 6)"
    assert table.empty_label.isVisible()
    assert table.empty_label.text() == "No services match “zzz”"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert box.hasFocus()
    assert navigator.tabs.tabText(0) == "Services (6)"
    assert not table.empty_label.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is table


def test_actions_with_shortcuts_are_all_reachable_once(window: WorkspaceWindow) -> None:
    """No two actions of the window answer the same key."""
    taken: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in taken or taken[key] == action.objectName(), (
                f"{key}: {taken.get(key)} and {action.objectName()}"
            )
            taken[key] = action.objectName()
