"""The schema editor and the schema actions of the workspace window, against a sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from credentials_doubles import MessageBoxAnswers
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
)
from pytestqt.qtbot import QtBot
from screens import activate, connect, dialog, open_window, select, wait_for

from aitems_desktop.gui.schemas.editor import (
    CATEGORICAL_COLUMN,
    NAME_COLUMN,
    TYPE_COLUMNS,
    field_problems,
)
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer
from aitems_desktop.sandbox import rules as sandbox_rules


@pytest.fixture
def window(qtbot: QtBot, demo_sandbox: SandboxServer) -> Iterator[WorkspaceWindow]:
    with open_window(qtbot) as made:
        connect(made, demo_sandbox, qtbot)
        yield made


def open_editor(window: WorkspaceWindow, qtbot: QtBot, sandbox: SandboxServer, kind: str) -> Any:
    activate(qtbot, window)
    before = len(sandbox.requests)
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = dialog(window, "schemaEditorDialog", qtbot)
    editor.type_combo.setCurrentIndex(editor.type_combo.findData(kind))
    wait_for(
        qtbot,
        lambda: any(
            r.target.endswith(f"/schemas/default?datasetType={kind}")
            for r in sandbox.requests[before:]
        ),
    )
    qtbot.waitUntil(lambda: not window.runner.is_running(f"schema-default:{kind}"))
    return editor


def mnemonics(widget: Any) -> list[str]:
    """The Alt+ letters of the visible buttons and labels of a dialog."""
    texts = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisible()]
    texts += [x.text() for x in widget.findChildren(QLabel) if x.isVisible() and x.buddy()]
    return [QKeySequence.mnemonic(t).toString().removeprefix("Alt+") for t in texts if "&" in t]


def names(editor: Any) -> list[str]:
    return [f.name for f in editor.fields()]


def type_name(qtbot: QtBot, editor: Any, row: int, text: str) -> None:
    """Type into a field's name cell as a person would (F2, keys, Enter)."""
    table = editor.table
    if not isinstance(QApplication.focusWidget(), QLineEdit):
        table.setFocus()
        table.setCurrentCell(row, NAME_COLUMN)
        qtbot.keyClick(table, Qt.Key.Key_F2)
    cell_editor = QApplication.focusWidget()
    assert isinstance(cell_editor, QLineEdit)
    assert table.currentRow() == row
    cell_editor.selectAll()
    qtbot.keyClicks(cell_editor, text)
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_the_required_fields_come_from_the_service_and_are_locked(
    window: WorkspaceWindow,
    demo_sandbox: SandboxServer,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # This service asks more of a user schema than the documents say: the editor follows it.
    monkeypatch.setitem(
        sandbox_rules.REQUIRED_FIELDS, "user", (("USER_ID", "string"), ("REGION", "string"))
    )
    editor = open_editor(window, qtbot, demo_sandbox, "user")
    assert names(editor) == ["USER_ID", "REGION"]
    table = editor.table
    for row in range(2):
        assert table.is_locked(row)
        name_item = table.item(row, NAME_COLUMN)
        assert not name_item.flags() & Qt.ItemFlag.ItemIsEditable
        for column in range(1, 1 + len(TYPE_COLUMNS)):
            assert not table.item(row, column).flags() & Qt.ItemFlag.ItemIsUserCheckable
        table.setCurrentCell(row, NAME_COLUMN)
        assert not editor.remove_button.isEnabled()
    # Another type lays out its own required fields; the person's own fields stay.
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    type_name(qtbot, editor, 2, "AGE")
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("interaction"))
    assert names(editor) == ["USER_ID", "ITEM_ID", "TIMESTAMP", "AGE"]
    answers = MessageBoxAnswers(monkeypatch, "Discard")
    editor.reject()
    assert len(answers.asked) == 1


# A popup menu on the offscreen platform: it cannot grab the keyboard nor raise, and says so.
@pytest.mark.qt_log_ignore(
    "This plugin does not support (grabbing the keyboard|raise|propagateSizeHints)"
)
def test_reserved_keywords_are_offered_for_the_type_and_fields_reorder(
    window: WorkspaceWindow, demo_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    editor = open_editor(window, qtbot, demo_sandbox, "item")
    offered: list[tuple[str, bool]] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, pick)
            return
        offered.extend((a.text(), a.isEnabled()) for a in menu.actions())
        menu.actions()[0].trigger()
        menu.close()

    QTimer.singleShot(0, pick)
    # By keyboard: Alt+V is the button's mnemonic (no other in the dialog has it).
    assert mnemonics(editor).count("V") == 1
    qtbot.keyClick(editor.reserved_button, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    # A mnemonic clicks the button as an animation does: a moment later.
    wait_for(qtbot, lambda: bool(offered))
    assert offered == [("CATEGORY (string)", True), ("CREATION_TIMESTAMP (long)", True)]
    assert names(editor) == ["ITEM_ID", "CATEGORY"]
    activate(qtbot, editor)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    type_name(qtbot, editor, 2, "PRICE")
    assert names(editor) == ["ITEM_ID", "CATEGORY", "PRICE"]
    # Ctrl+Up moves the chosen field; the lock and the types go with it.
    editor.table.setFocus()
    editor.table.setCurrentCell(2, CATEGORICAL_COLUMN)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(editor) == ["ITEM_ID", "PRICE", "CATEGORY"]
    assert editor.table.currentRow() == 1
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert names(editor) == ["PRICE", "ITEM_ID", "CATEGORY"]
    assert [editor.table.is_locked(r) for r in range(3)] == [False, True, False]
    # Every Alt+ letter of the editor opens one thing only.
    assert len(set(mnemonics(editor))) == len(mnemonics(editor)), mnemonics(editor)


def test_a_bad_field_name_is_refused_in_its_cell(
    window: WorkspaceWindow, demo_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    editor = open_editor(window, qtbot, demo_sandbox, "user")
    qtbot.keyClicks(editor.name_edit, "my_users")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    # A field name starts with a letter or _ and holds letters, digits and _: what breaks
    # the rule does not get in.
    type_name(qtbot, editor, 1, "9 AGE-years")
    assert names(editor) == ["USER_ID", "AGEyears"]
    assert not editor.problems.isVisible()
    assert editor.create_button.isEnabled()


def test_check_asks_the_service_and_create_stores_the_schema(
    window: WorkspaceWindow, demo_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    editor = open_editor(window, qtbot, demo_sandbox, "user")
    assert not editor.check_button.isEnabled()
    qtbot.keyClicks(editor.name_edit, "my_users")
    qtbot.keyClicks(editor.description_edit, "people")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    type_name(qtbot, editor, 1, "AGE")
    before = len(demo_sandbox.requests)
    assert mnemonics(editor).count("C") == 1
    qtbot.keyClick(editor.check_button, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    wait_for(qtbot, lambda: editor.check_result.text() == "The service accepts this schema.")
    sent = [(r.method, r.target) for r in demo_sandbox.requests[before:]]
    assert sent == [("POST", "/api/v1/schemas/validation-check")]
    assert "my_users" not in {s["name"] for s in demo_sandbox.schemas()}
    # Enter in a form field creates, as in New Service: once, the schema being valid.
    with qtbot.waitSignal(editor.created, timeout=10_000):
        qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    sent = [(r.method, r.target) for r in demo_sandbox.requests[before:]]
    assert sent.count(("POST", "/api/v1/schemas")) == 1
    stored = {s["name"]: s for s in demo_sandbox.schemas()}["my_users"]
    assert [f["name"] for f in stored["fields"]] == ["USER_ID", "AGE"]
    assert stored["description"] == "people"
    assert window.navigator.selected_id() == "my_users"


def test_check_shows_why_the_service_refuses(
    window: WorkspaceWindow, demo_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    editor = open_editor(window, qtbot, demo_sandbox, "user")
    # The name is taken: only the service knows.
    qtbot.keyClicks(editor.name_edit, "demo_users")
    qtbot.mouseClick(editor.check_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: editor.error_panel.isVisible())
    assert editor.check_result.text() == "The service does not accept this schema."
    assert editor.name_edit.text() == "demo_users"
    assert editor.check_button.isEnabled()


def test_duplicate_edit_description_and_delete_a_schema(
    window: WorkspaceWindow, demo_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    window.navigator.show_kind(Kind.SCHEMAS)
    source = select(window, qtbot, Kind.SCHEMAS, "demo_items")
    window.duplicate_schema_action.trigger()
    editor = dialog(window, "schemaEditorDialog")
    assert editor.name_edit.text() == "demo_items_copy"
    assert not editor.type_combo.isEnabled()
    assert editor.dataset_type() == "item"
    assert names(editor) == [f.name for f in source.fields]
    assert editor.table.is_locked(0)
    with qtbot.waitSignal(editor.created, timeout=10_000):
        qtbot.mouseClick(editor.create_button, Qt.MouseButton.LeftButton)
    copied = {s["name"]: s for s in demo_sandbox.schemas()}["demo_items_copy"]
    assert [f["name"] for f in copied["fields"]] == [f.name for f in source.fields]

    # F2 on a schema edits its description.
    select(window, qtbot, Kind.SCHEMAS, "demo_items_copy")
    activate(qtbot, window)
    qtbot.keyClick(window.navigator.current_table(), Qt.Key.Key_F2)
    describe = dialog(window, "descriptionDialog", qtbot)
    describe.edit.selectAll()
    qtbot.keyClicks(describe.edit, "a copy")
    with qtbot.waitSignal(window.workspace.details_loaded, timeout=10_000):
        qtbot.keyClick(describe.edit, Qt.Key.Key_Return)
    assert {s["name"]: s for s in demo_sandbox.schemas()}["demo_items_copy"]["description"] == (
        "a copy"
    )

    # Delete asks for the exact name.
    activate(qtbot, window)
    qtbot.keyClick(window.navigator.current_table(), Qt.Key.Key_Delete)
    confirm = dialog(window, "confirmDeleteDialog")
    qtbot.keyClicks(confirm.name_edit, "demo_items")
    assert not confirm.delete_button.isEnabled()
    qtbot.keyClicks(confirm.name_edit, "_copy")
    with qtbot.waitSignal(window.workspace.removed, timeout=10_000):
        qtbot.mouseClick(confirm.delete_button, Qt.MouseButton.LeftButton)
    assert "demo_items_copy" not in {s["name"] for s in demo_sandbox.schemas()}
    assert window.navigator.selected_id() != "demo_items_copy"


def test_a_missing_required_field_is_named_without_an_article() -> None:
    problems = field_problems("item", [])
    assert "Dataset type item: the schema needs the field ITEM_ID." in problems


def test_tab_leaves_the_fields_table_for_the_buttons_under_it(
    window: WorkspaceWindow, demo_sandbox: SandboxServer, qtbot: QtBot
) -> None:
    editor = open_editor(window, qtbot, demo_sandbox, "item")
    table = editor.table
    table.setFocus()
    table.setCurrentCell(0, NAME_COLUMN)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    # The next control in the dialog, not the next cell of the table.
    assert QApplication.focusWidget() is editor.add_button
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is table
    assert table.currentRow() == 0
    # Arrows still move between the cells, and Space ticks a type.
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentColumn() == 1
    editor.reject()
