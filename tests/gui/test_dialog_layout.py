"""Every dialog, in English and in Korean: its Alt+ letters are unique, and it fits a small
screen (800x500 logical pixels: 1600x1000 at a scale factor of 2) with its buttons in reach."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from credentials_doubles import MemoryKeyring, isolated_keyring
from PySide6.QtCore import QLocale, QRect, QSize
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from screens import connect, open_window, opened, select

from aitems_desktop.core.credentials import CredentialStore
from aitems_desktop.core.profiles import ProfileStore
from aitems_desktop.gui.credentials_dialog import CredentialsDialog
from aitems_desktop.gui.i18n import TRANSLATORS
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer

#: The screen the dialogs must fit, in logical pixels, less a panel of 30.
SMALL_SCREEN = QSize(800, 470)


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    yield from isolated_keyring(tmp_path, monkeypatch)


@pytest.fixture(params=["en", "ko"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    TRANSLATORS.apply(request.param)
    yield request.param
    TRANSLATORS.apply("en")
    QLocale.setDefault(QLocale.c())


def every_dialog(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot
) -> Iterator[tuple[str, QDialog]]:
    """Each dialog of the app, shown, then closed; each page of the wizard in turn."""
    connect(window, sandbox, qtbot)
    rows = {r.name: r for r in window.workspace.models[Kind.SERVICES].rows()}
    credentials = CredentialStore(timeout=10)
    try:
        dialog = CredentialsDialog(
            ProfileStore(credentials), credentials, window, first_launch=True
        )
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.is_busy())
        yield "credentialsDialog", dialog
        # Every field's message shown, as after a Save with every field wrong.
        dialog.form.name_edit.setText(" work")
        dialog.form.endpoint_edit.setText("ftp://x")
        dialog.form.proxy_edit.setText("ftp://y")
        assert dialog.form.problem()
        yield "credentialsDialog (every message)", dialog
        dialog.done(0)
    finally:
        credentials.close()
    for service, actions in (
        ("movie_reco", ("editServiceDialog", "attachDatasetsDialog", "trainDialog")),
        ("news_hourly", ("trainDialog",)),
        ("new_service", ("confirmDeleteDialog",)),
    ):
        select(window, qtbot, Kind.SERVICES, rows[service].id)
        for name in actions:
            action = {
                "editServiceDialog": window.edit_action,
                "attachDatasetsDialog": window.attach_action,
                "trainDialog": window.train_action,
                "confirmDeleteDialog": window.delete_action,
            }[name]
            dialog = opened(qtbot, action.trigger, name)
            yield f"{name} ({service})", dialog
            if name == "trainDialog":
                dialog.hpo.enabled_box.setChecked(True)
                yield f"{name} ({service}, HPO on)", dialog
            dialog.done(0)
    dataset = window.workspace.models[Kind.DATASETS].rows()[0]
    window.navigator.show_kind(Kind.DATASETS)
    select(window, qtbot, Kind.DATASETS, dataset.id)
    dialog = opened(qtbot, window.edit_action.trigger, "descriptionDialog")
    yield "descriptionDialog", dialog
    dialog.done(0)
    for action, name in (
        (window.new_service_action, "newServiceDialog"),
        (window.new_schema_action, "schemaEditorDialog"),
        (window.about_action, "aboutDialog"),
        (window.shortcuts_action, "shortcutsDialog"),
        (window.preferences_action, "preferencesDialog"),
    ):
        dialog = opened(qtbot, action.trigger, name)
        yield name, dialog
        dialog.done(0)
    wizard = opened(qtbot, window.new_dataset_action.trigger, "datasetWizard")
    for page_id in wizard.pageIds():
        wizard.setStartId(page_id)
        wizard.restart()
        yield f"datasetWizard page {page_id}", wizard
    wizard.done(0)


def mnemonics(dialog: QDialog) -> dict[str, list[str]]:
    """Alt+ letter -> the texts that claim it, among what the dialog shows."""
    texts: list[str] = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
    found: dict[str, list[str]] = {}
    for text in texts:
        key = QKeySequence.mnemonic(text).toString()
        if key:
            found.setdefault(key.upper(), []).append(text)
    return found


def test_every_dialogs_alt_letters_are_unique(
    language: str, qtbot: QtBot, demo_sandbox: SandboxServer
) -> None:
    clashes: list[str] = []
    seen = 0
    with open_window(qtbot) as window:
        for where, dialog in every_dialog(window, demo_sandbox, qtbot):
            seen += 1
            for key, texts in mnemonics(dialog).items():
                if len(texts) > 1:
                    clashes.append(f"{where}: {key} {texts}")
    assert seen >= 15
    assert not clashes, "\n".join(clashes)


def test_every_dialog_fits_a_small_screen_with_its_buttons_in_reach(
    language: str, qtbot: QtBot, demo_sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = QRect(0, 0, SMALL_SCREEN.width(), SMALL_SCREEN.height())
    screen = QApplication.primaryScreen()
    monkeypatch.setattr(type(screen), "availableGeometry", lambda self: small)
    too_big: list[str] = []
    with open_window(qtbot) as window:
        window.resize(780, 460)
        for where, dialog in every_dialog(window, demo_sandbox, qtbot):
            minimum = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
            size = dialog.size()
            frame = dialog.frameGeometry()
            if (
                minimum.width() > small.width()
                or minimum.height() > small.height()
                or size.width() > small.width()
                or size.height() > small.height()
            ):
                too_big.append(f"{where}: size {size.toTuple()} minimum {minimum.toTuple()}")
            buttons = [
                b
                for b in dialog.findChildren(QAbstractButton)
                if b.isVisible() and isinstance(b.parent(), QWidget)
            ]
            for button in buttons:
                corner = button.mapTo(dialog, button.rect().bottomRight())
                if corner.x() > dialog.width() or corner.y() > dialog.height():
                    too_big.append(f"{where}: {button.text()!r} outside the dialog")
            del frame
    assert not too_big, "\n".join(too_big)


def test_a_report_shown_in_an_open_dialog_leaves_every_wrapped_line_in_view(
    language: str, qtbot: QtBot
) -> None:
    from aitems_desktop.gui.error_report import ErrorReport
    from aitems_desktop.gui.services.new_service_dialog import NewServiceDialog
    from aitems_desktop.gui.shell.runner import Runner
    from aitems_desktop.gui.worker import WorkerRegistry

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = NewServiceDialog(Runner(WorkerRegistry(parent), parent), parent)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.size()
    dialog.error_panel.show_report(
        ErrorReport(
            title="Bad request",
            message="The gateway rejected the request as malformed. " * 3,
            hint="Check what you typed and try again.",
        )
    )
    QApplication.sendPostedEvents(None, 0)
    QApplication.processEvents()
    assert dialog.width() == before.width()  # the person's width is kept
    assert dialog.height() > before.height()
    for label in dialog.findChildren(QLabel):
        if label.isVisibleTo(dialog) and label.wordWrap() and label.text():
            assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_the_preferences_note_is_shown_whole(language: str, qtbot: QtBot) -> None:
    from aitems_desktop.gui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    other = next(
        i
        for i in range(dialog.language_combo.count())
        if dialog.language_combo.itemData(i) not in ("", TRANSLATORS.pinned)
    )
    dialog.language_combo.setCurrentIndex(other)
    QApplication.processEvents()
    assert dialog.note.text()
    assert dialog.note.height() >= dialog.note.heightForWidth(dialog.note.width())
