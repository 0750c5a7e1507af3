"""The form, driven like a person would: typing, pasting, Enter, double clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitems_desktop.gui.service_form import ServiceForm


@pytest.fixture
def form(qtbot: QtBot) -> ServiceForm:
    widget = ServiceForm()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_valid_name_enables_create(form: ServiceForm) -> None:
    assert not form.create_button.isEnabled()
    assert form.name_message.text() == ""  # an untouched form is not scolded
    QTest.keyClicks(form.name_edit, "shop_reco")
    assert form.name_edit.hasAcceptableInput()
    assert form.name_message.text() == ""
    assert form.create_button.isEnabled()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9lives", "must start with a letter or _"),
        ("ab", "3 to 20 characters"),
        ("abcdefghijklmnopqrstu", "3 to 20 characters"),
        ("shop reco", "only letters, digits, _ and -"),
        ("shop.reco", "only letters, digits, _ and -"),
    ],
)
def test_invalid_typing_shows_what_is_wrong(form: ServiceForm, typed: str, message: str) -> None:
    QTest.keyClicks(form.name_edit, typed)
    assert form.name_edit.text() == typed  # nothing typed is swallowed
    assert form.name_message.text() == message
    assert form.name_message.isVisible()
    assert not form.create_button.isEnabled()


def test_emptying_the_name_says_it_is_required(form: ServiceForm) -> None:
    QTest.keyClicks(form.name_edit, "ab")
    QTest.keyClick(form.name_edit, Qt.Key.Key_Backspace)
    QTest.keyClick(form.name_edit, Qt.Key.Key_Backspace)
    assert form.name_message.text() == "a name is required"


def test_description_counter_and_limit(form: ServiceForm) -> None:
    QTest.keyClicks(form.name_edit, "shop_reco")
    assert form.description_counter.text() == "0/100"
    QTest.keyClicks(form.description_edit, "x" * 100)
    assert form.description_counter.text() == "100/100"
    assert form.create_button.isEnabled()
    QTest.keyClicks(form.description_edit, "y")
    assert form.description_counter.text() == "101/100"
    assert form.description_message.text() == "at most 100 characters"
    assert not form.create_button.isEnabled()


def test_enter_submits_once(form: ServiceForm, qtbot: QtBot) -> None:
    QTest.keyClicks(form.name_edit, "shop_reco")
    QTest.keyClicks(form.description_edit, "for the shop")
    with qtbot.waitSignal(form.create_requested) as blocker:
        QTest.keyClick(form.description_edit, Qt.Key.Key_Return)
    assert blocker.args == ["shop_reco", "for the shop", "batch"]
    assert form.is_busy()
    assert not form.create_button.isEnabled()


def test_enter_on_an_invalid_name_does_nothing(form: ServiceForm, qtbot: QtBot) -> None:
    QTest.keyClicks(form.name_edit, "9lives")
    with qtbot.assertNotEmitted(form.create_requested):
        QTest.keyClick(form.name_edit, Qt.Key.Key_Return)


def test_held_enter_creates_once(form: ServiceForm, qtbot: QtBot) -> None:
    QTest.keyClicks(form.name_edit, "shop_reco")
    emitted: list[tuple[str, str, str]] = []
    form.create_requested.connect(lambda *args: emitted.append(args))
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(form.name_edit, press)
    # The call fails fast while the key is still down (Create is enabled again); the
    # key's repeats are not new intentions.
    form.set_busy(False)
    assert form.create_button.isEnabled()
    for _ in range(10):
        repeat = QKeyEvent(
            QEvent.Type.KeyPress,
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.NoModifier,
            "\r",
            True,  # autorepeat
        )
        QApplication.sendEvent(form.name_edit, repeat)
    assert len(emitted) == 1


def test_double_click_creates_once(form: ServiceForm) -> None:
    QTest.keyClicks(form.name_edit, "shop_reco")
    emitted: list[tuple[str, str, str]] = []
    form.create_requested.connect(lambda *args: emitted.append(args))
    QTest.mouseDClick(form.create_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    assert len(emitted) == 1


def test_after_a_create_the_same_values_cannot_be_sent_again(form: ServiceForm) -> None:
    QTest.keyClicks(form.name_edit, "shop_reco")
    form.submit()
    form.set_busy(False)
    form.mark_created()
    assert not form.create_button.isEnabled()
    QTest.keyClicks(form.name_edit, "2")
    assert form.create_button.isEnabled()


def test_paste_is_handled_as_typed_text(form: ServiceForm, qtbot: QtBot) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("shop reco")
    form.name_edit.setFocus()
    form.name_edit.paste()
    assert form.name_edit.text() == "shop reco"
    assert form.name_message.text() == "only letters, digits, _ and -"
    assert not form.create_button.isEnabled()

    form.name_edit.clear()
    clipboard.setText("  shop_reco\n")
    QTest.keySequence(form.name_edit, "Ctrl+V")
    # Surrounding whitespace from a copied line is dropped when Enter confirms it.
    with qtbot.waitSignal(form.create_requested) as blocker:
        QTest.keyClick(form.name_edit, Qt.Key.Key_Return)
    assert blocker.args[0] == "shop_reco"


def test_type_combo_offers_both_types(form: ServiceForm, qtbot: QtBot) -> None:
    assert [form.type_combo.itemData(i) for i in range(form.type_combo.count())] == [
        "batch",
        "interval",
    ]
    QTest.keyClicks(form.name_edit, "shop_reco")
    form.type_combo.setCurrentIndex(1)
    with qtbot.waitSignal(form.create_requested) as blocker:
        QTest.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    assert blocker.args[2] == "interval"


def test_busy_shows_the_indicator_and_enables_cancel(form: ServiceForm, qtbot: QtBot) -> None:
    QTest.keyClicks(form.name_edit, "shop_reco")
    form.submit()
    assert form.busy_indicator.isVisible()
    assert form.cancel_button.isEnabled()
    with qtbot.waitSignal(form.cancel_requested):
        QTest.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)


def test_widgets_are_reachable_by_object_name(form: ServiceForm) -> None:
    from PySide6.QtWidgets import QWidget

    for name in ("nameEdit", "descriptionEdit", "typeCombo", "createButton", "cancelButton"):
        assert form.findChild(QWidget, name) is not None, name
