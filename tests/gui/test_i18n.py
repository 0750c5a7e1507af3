"""The workspace app in Korean: every window and dialog, every visible text, walked.

Under Korean no English word may remain outside a short, reviewed allowlist (names NCP
itself leaves in English, raw API values, what the service or the person supplied); under
English no Korean may show. No label or button may be cut off at the default window size.
The translation files themselves are checked too: every source text has a finished Korean
translation, and each committed .qm is exactly what its .ts compiles to.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from credentials_doubles import MemoryKeyring, isolated_keyring
from PySide6.QtCore import QEvent, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot
from screens import connect, opened

from aitems_desktop.core.credentials import CredentialStore, describe_backend
from aitems_desktop.core.profiles import ProfileStore
from aitems_desktop.gui import labels
from aitems_desktop.gui.credentials_dialog import CredentialsDialog
from aitems_desktop.gui.exception_dialog import ExceptionDialog
from aitems_desktop.gui.i18n import LANGUAGES, TRANSLATORS
from aitems_desktop.gui.sandbox_launcher import sandbox_connection
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.gui.workspace.rows import Kind
from aitems_desktop.sandbox import SandboxServer
from aitems_desktop.sandbox.faults import Fault

ROOT = Path(__file__).resolve().parents[2]
#: What the service says when it refuses a create in the walk: its own words, shown as sent.
SERVER_MESSAGE = "Bad Request Exception"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
TOKEN = re.compile(r"[A-Za-z0-9_.\-/:@'’]+")

#: Words NCP's Korean documents and console leave in English, and technical names.
ALLOWED = {
    *("AiTEMS", "Desktop", "NAVER", "Cloud", "Platform", "NCP", "Object", "Storage"),
    *("Access", "Secret", "Key", "HPO", "Hyperparameter", "Optimization", "ID", "API"),
    *("CSV", "JSON", "cURL", "HTTP", "HTTPS", "URL", "UTF", "Excel", "CA", "S3", "KR"),
    *("KST", "UTC", "Qt", "PySide", "Python", "Apache", "License", "My", "Account"),
    *("Ctrl", "Shift", "Alt", "Del", "Esc", "Enter", "Delete", "PgUp", "PgDown", "F"),
    *("csv", "gz", "pem", "crt", "null", "true", "false", "default", "string", "int"),
    *("long", "boolean", "double", "Prefix", "English", "e.g", "Ins"),
    *("OS", "Linux", "Windows", "macOS", "NULL", "http", "https", "Gateway"),
}
#: The NCP console's menu names, quoted as the console shows them: the key-management path of
#: today's console is documented in Korean only (its English pages give the old portal's).
CONSOLE_MENUS = ("계정 및 보안 관리", "보안 관리", "접근 관리", "API 인증키 관리")
#: Qt's own texts that qtbase_ko leaves in English: the licence terms in About Qt.
QT_OWN = {"QMessageBox / QLabel qt_msgbox_informativelabel"}
#: The profile the walk saves in the Credentials dialog: a name the person typed.
PROFILE = "work"
#: Raw API values, shown beside their Korean label as NCP's tables do.
RAW_VALUES = {
    key
    for table in vars(labels).values()
    if isinstance(table, dict)
    for key in table
    if isinstance(key, str)
} | {"suspended", "USER_ID", "ITEM_ID", "batch", "interval"}


def _english_words(text: str, data: set[str]) -> list[str]:
    text = re.sub(r"<[^>]+>|&nbsp;", " ", text)
    text = re.sub(r"\(&?[A-Za-z]\)", "", text).replace("&", "")  # mnemonics: 파일(&F)
    found = []
    for token in TOKEN.findall(text):
        token = token.strip(".:'’-/")
        if (
            not token
            or not token.isalpha()  # ids, versions, paths, keys: digits, _, dots, slashes
            or token in ALLOWED
            or token in RAW_VALUES
            or token in data
            or re.search(r"[a-z][A-Z]", token)  # camelCase: an API value
        ):
            continue
        found.append(token)
    return found


def visible_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a person reads in ``top``: titles, labels, buttons,
    menus and actions, tooltips, placeholders, tabs, headers, combo items."""
    yield f"{top.objectName()} title", top.windowTitle()
    if isinstance(top, QMainWindow):
        yield "status bar message", top.statusBar().currentMessage()
    widgets = [top, *top.findChildren(QWidget)]
    for w in widgets:
        if w is not top and not w.isVisibleTo(top):
            continue
        where = f"{type(w).__name__} {w.objectName()}".strip()
        yield f"{where} tooltip", w.toolTip()
        if isinstance(w, QLabel | QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QLineEdit | QPlainTextEdit):
            yield f"{where} placeholder", w.placeholderText()
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                yield f"{where} tab", w.tabText(i)
        elif isinstance(w, QComboBox) and w.isEditable() is False:
            for i in range(w.count()):
                yield f"{where} item", w.itemText(i)
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                yield f"{where} item", w.item(i).text()
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for column in range(model.columnCount(QModelIndex())):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    yield f"{where} header", header
    for action in top.findChildren(QAction):
        if action.isVisible() and action.text():
            yield f"action {action.objectName()}", action.text()
            yield f"action {action.objectName()} tip", action.toolTip()


def clipped(top: QWidget) -> list[str]:
    """Labels and buttons narrower than their text needs (cut off or elided), and wrapped
    labels shorter than their lines need at their width (cut off at the bottom)."""
    # As a person sees it: once the layouts have taken the last change of text in.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    found = []
    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.wordWrap() and w.text():
            lines = w.heightForWidth(w.width())
            if w.height() < lines:
                found.append(f"QLabel {w.text()!r}: {w.height()} high < {lines} for its lines")
            continue
        plain_label = isinstance(w, QLabel) and not w.wordWrap() and w.pixmap().isNull()
        if not (plain_label or isinstance(w, QAbstractButton)) or not w.text():
            continue
        need = w.minimumSizeHint().width()
        if w.width() < need:
            found.append(f"{type(w).__name__} {w.text()!r}: {w.width()} < {need}")
    return found


@pytest.fixture
def language() -> Iterator[Callable[[str], None]]:
    def speak(code: str) -> None:
        TRANSLATORS.apply(code)

    yield speak
    TRANSLATORS.apply("en")
    QLocale.setDefault(QLocale.c())


#: QMessageBox.exec as Qt has it: the suite answers every box at once (conftest), the walk
#: shows them (see :func:`modal`).
SHOWN_EXEC = QMessageBox.exec
#: Looks at a screen: what the test checks on each one the walk shows.
Look = Callable[[QWidget], None]


def modal(qtbot: QtBot, trigger: Callable[[], None], look: Look) -> QWidget:
    """Run ``trigger``, which shows a modal box and waits for its answer there (``exec``);
    look at the box while it is up, then press Esc on it, as a person would."""
    seen: list[QWidget] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if seen or not isinstance(box, QMessageBox | QInputDialog) or not box.isVisible():
            return
        seen.append(box)
        try:
            look(box)
        finally:
            QTest.keyClick(box, Qt.Key.Key_Escape)

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)
    answered_at_once = QMessageBox.exec
    setattr(QMessageBox, "exec", SHOWN_EXEC)  # noqa: B010 - undone below
    try:
        trigger()
    finally:
        setattr(QMessageBox, "exec", answered_at_once)  # noqa: B010
        timer.stop()
    assert seen, "no box was shown"
    return seen[0]


def escape(widget: QWidget) -> Callable[[], None]:
    return lambda: QTest.keyClick(widget, Qt.Key.Key_Escape)


def credentials_screens(window: WorkspaceWindow, qtbot: QtBot, look: Look) -> Iterator[QWidget]:
    """The Credentials dialog at first launch, with every field's message, with a profile
    saved, and the questions it asks (discard, rename, delete)."""
    credentials = CredentialStore(timeout=10)
    try:
        dialog = CredentialsDialog(
            ProfileStore(credentials), credentials, window, first_launch=True
        )
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.is_busy())
        yield dialog
        form = dialog.form
        form.name_edit.setText(" work")
        form.endpoint_edit.setText("ftp://x")
        form.proxy_edit.setText("ftp://y")
        assert form.problem()
        dialog.save_button.click()  # the first problem in the verdict too
        yield dialog
        modal(qtbot, escape(dialog), look)  # typed text: discard it? Esc keeps editing
        assert dialog.isVisible()
        dialog.add_button.click()
        qtbot.keyClicks(form.name_edit, PROFILE)
        qtbot.keyClicks(form.access_key_edit, "AKIA0000EXAMPLE")
        qtbot.keyClicks(form.secret_field.edit, "not-a-real-secret")
        dialog.save_button.click()
        qtbot.waitUntil(
            lambda: not dialog.is_busy() and dialog.verdict.text().startswith("✔"),
            timeout=10_000,
        )
        yield dialog
        modal(qtbot, dialog.rename_button.click, look)
        modal(qtbot, dialog.delete_button.click, look)
        assert dialog.profile_list.count() == 1
        dialog.done(0)
    finally:
        credentials.close()


def every_screen(
    window: WorkspaceWindow, sandbox: SandboxServer, qtbot: QtBot, look: Look
) -> Iterator[QWidget]:
    """The window on each of its screens, then each dialog it opens (closed after use), and
    the questions they ask; ``look`` sees those while they wait for an answer."""
    # A second item dataset, so that the Attach dialog has another one to choose.
    sandbox.add_dataset("item", "walk_items_2", "demo_items")
    connect(window, sandbox, qtbot, sandbox_connection(sandbox))  # as --sandbox connects
    services = window.workspace.models[Kind.SERVICES].rows()
    trained = next(r for r in services if r.status == "learnable")
    page = window.details.page(Kind.SERVICES)
    window.navigator.select(Kind.SERVICES, trained.id)
    qtbot.waitUntil(lambda: page.title.text() == trained.name and page.model.rowCount() > 0)
    yield window
    page.tabs.setCurrentWidget(window.trainings_panel)
    qtbot.waitUntil(lambda: window.trainings_panel.model.rowCount() > 0, timeout=10_000)
    yield window
    page.tabs.setCurrentWidget(window.updates_panel)
    yield window
    page.tabs.setCurrentWidget(window.lookup_panel)
    yield window
    page.tabs.setCurrentIndex(0)
    window.activity_action.trigger()
    yield window
    window.activity_action.trigger()
    for kind in (Kind.DATASETS, Kind.SCHEMAS):
        window.navigator.show_kind(kind)
        first = window.workspace.models[kind].rows()[0]
        window.navigator.select(kind, first.id)
        qtbot.waitUntil(lambda k=kind: window.details.page(k).model.rowCount() > 0)
        yield window
    window.navigator.show_kind(Kind.DATASETS)
    first = window.workspace.models[Kind.DATASETS].rows()[0]
    window.navigator.select(Kind.DATASETS, first.id)
    dialog = opened(qtbot, window.edit_action.trigger, "descriptionDialog")
    yield dialog
    qtbot.keyClicks(dialog.edit, " more")
    modal(qtbot, escape(dialog), look)  # the default question
    dialog.done(0)
    window.navigator.show_kind(Kind.SERVICES)
    window.navigator.select(Kind.SERVICES, trained.id)
    new = opened(qtbot, window.new_service_action.trigger, "newServiceDialog")
    yield new
    qtbot.keyClicks(new.form.name_edit, "1bad name")
    yield new
    # The service refuses the create: its report above the form, with the server's words.
    new.form.name_edit.clear()
    qtbot.keyClicks(new.form.name_edit, "walkrefused")
    sandbox.inject(
        Fault.GATEWAY_ERROR,
        method="POST",
        path="/services",
        status=400,
        code="100",
        message=SERVER_MESSAGE,
    )
    assert new.form.create_button.isEnabled()
    new.form.create_button.click()
    qtbot.waitUntil(new.error_panel.isVisible, timeout=10_000)
    yield new
    modal(qtbot, escape(new), look)
    new.reject_without_asking()
    for action, name in (
        (window.edit_action, "editServiceDialog"),
        (window.attach_action, "attachDatasetsDialog"),
        (window.train_action, "trainDialog"),
        (window.delete_action, "confirmDeleteDialog"),
        (window.new_schema_action, "schemaEditorDialog"),
        (window.new_dataset_action, "datasetWizard"),
        (window.about_action, "aboutDialog"),
        (window.shortcuts_action, "shortcutsDialog"),
        (window.preferences_action, "preferencesDialog"),
    ):
        dialog = opened(qtbot, action.trigger, name)
        yield dialog
        if name == "trainDialog":
            dialog.hpo.enabled_box.setChecked(True)
            yield dialog
            modal(qtbot, escape(dialog), look)
        if name == "attachDatasetsDialog":
            # Another dataset chosen, then Esc: the question names what would be lost.
            combo = next(c for c in dialog.combos.values() if c.isEnabled() and c.count() > 1)
            combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())
            yield dialog
            modal(qtbot, escape(dialog), look)
        dialog.done(0)
    yield from credentials_screens(window, qtbot, look)
    modal(qtbot, window.about_qt_action.trigger, look)
    # What the app shows for an exception nobody expected (from its excepthook).
    crash = ExceptionDialog(
        "Traceback (most recent call last):\nRuntimeError: boom", "/tmp/aitems.log", window
    )
    crash.show()
    yield crash
    crash.close()
    crash.deleteLater()


@pytest.fixture
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    yield from isolated_keyring(tmp_path, monkeypatch)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[WorkspaceWindow]:
    made = WorkspaceWindow()
    qtbot.addWidget(made)
    made.show()
    with qtbot.waitSignal(made.runner.core_ready, timeout=30_000):
        made.runner.load_core()
    yield made
    made.close()
    assert made.workers.shutdown(5000)
    if made.state_writer is not None:
        made.state_writer.join(5)


def _data_words(window: WorkspaceWindow) -> set[str]:
    """Words of what the service supplied (names, descriptions): shown as they came."""
    words: set[str] = set()
    for kind in Kind:
        for row in window.workspace.models[kind].rows():
            for value in row:
                if isinstance(value, str):
                    words |= set(TOKEN.findall(value))
    return words


@pytest.mark.slow
def test_korean_shows_no_english_and_nothing_cut_off(
    language: Callable[[str], None],
    qtbot: QtBot,
    demo_sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
) -> None:
    language("ko")
    window = WorkspaceWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.runner.core_ready, timeout=30_000):
        window.runner.load_core()
    english: list[str] = []
    cut: list[str] = []
    screens = 0
    # What the person typed, and the keyring's own name (here the test double's).
    supplied = {
        PROFILE,
        *TOKEN.findall(describe_backend(memory_keyring)[0]),
        *TOKEN.findall(SERVER_MESSAGE),
    }

    def look(screen: QWidget) -> None:
        nonlocal screens
        screens += 1
        data = _data_words(window) | supplied
        name = screen.objectName() or type(screen).__name__
        for where, text in visible_texts(screen):
            words = _english_words(text, data)
            if words and f"{name} / {where}" not in QT_OWN:
                english.append(f"{name} / {where}: {text!r} {words}")
        cut.extend(f"{name} / {c}" for c in clipped(screen))

    try:
        for screen in every_screen(window, demo_sandbox, qtbot, look):
            look(screen)
    finally:
        window.close()
        assert window.workers.shutdown(5000)
        if window.state_writer is not None:
            window.state_writer.join(5)
    assert screens >= 30
    assert not sorted(set(english)), "\n".join(sorted(set(english)))
    assert not sorted(set(cut)), "\n".join(sorted(set(cut)))


@pytest.mark.slow
def test_english_shows_no_korean(
    language: Callable[[str], None],
    qtbot: QtBot,
    demo_sandbox: SandboxServer,
    memory_keyring: MemoryKeyring,
) -> None:
    language("en")
    window = WorkspaceWindow()
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.runner.core_ready, timeout=30_000):
        window.runner.load_core()
    korean: list[str] = []

    def look(screen: QWidget) -> None:
        name = screen.objectName() or type(screen).__name__
        for where, text in visible_texts(screen):
            shown = text
            for menu in CONSOLE_MENUS:
                shown = shown.replace(menu, "")
            if HANGUL.search(shown) and text not in LANGUAGES.values():
                korean.append(f"{name} / {where}: {text!r}")

    try:
        for screen in every_screen(window, demo_sandbox, qtbot, look):
            look(screen)
    finally:
        window.close()
        assert window.workers.shutdown(5000)
        if window.state_writer is not None:
            window.state_writer.join(5)
    assert not korean, "\n".join(korean)


def test_the_system_locale_chooses_korean_and_qt_dialogs_speak_it(
    language: Callable[[str], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    language("ko")
    assert TRANSLATORS.language == "ko"
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Cancel)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "취소"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    assert buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "확인"
    assert QApplication.translate("labels", "Training") == "학습 중"
    assert labels.with_raw(labels.SERVICE_STATUS, "learning") == "학습 중 (learning)"
    assert QLocale().language() == QLocale.Language.Korean
    language("en")
    assert labels.with_raw(labels.SERVICE_STATUS, "learning") == "Training (learning)"


def test_a_pinned_language_is_kept_for_the_next_start(
    language: Callable[[str], None], qtbot: QtBot
) -> None:
    from aitems_desktop.gui.dialogs.preferences import PreferencesDialog
    from aitems_desktop.gui.i18n import load_pinned_language

    language("en")
    assert load_pinned_language() == ""
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    assert not dialog.note.text()
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("ko"))
    assert "starts again" in dialog.note.text()
    dialog.accept()
    assert dialog.writer is not None
    dialog.writer.join(10)
    assert load_pinned_language() == "ko"
    assert TRANSLATORS.apply(load_pinned_language()) == "ko"
    assert QApplication.translate("WorkspaceWindow", "&File") == "파일(&F)"


def test_every_text_has_a_finished_korean_translation_and_the_qm_is_built_from_it() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "check"],
        capture_output=True,
        text=True,
        timeout=110,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_core_messages_and_hints_show_in_korean(language: Callable[[str], None]) -> None:
    from aitems_desktop.core import errors
    from aitems_desktop.gui.error_report import report_for

    language("ko")
    report = report_for(errors.CancelledError("The request was cancelled."))
    assert report.title == "취소됨"
    assert report.message == "요청을 취소했습니다."
    # The default hint, marked in core without Qt, found by the GUI in the same context.
    report = report_for(errors.NotFoundError("no such thing"))
    assert (
        report.hint
        == "이 프로필의 엔드포인트 URL을 확인해 주십시오. 리소스가 삭제되었을 수 있습니다."
    )
    assert report.message == "no such thing"  # a message with no translation shows as it is


@pytest.mark.parametrize("module", ["keyring.backends.fail", "keyring.backends.null"])
def test_the_session_only_keyring_banner_is_korean_throughout(
    language: Callable[[str], None], qtbot: QtBot, module: str
) -> None:
    import importlib

    from aitems_desktop.core.credentials import Availability, describe_backend
    from aitems_desktop.gui.keyring_notice import KeyringNotice

    language("ko")
    backend = importlib.import_module(module).Keyring()
    name, reason = describe_backend(backend)
    assert reason is not None
    notice = KeyringNotice()
    qtbot.addWidget(notice)
    notice.set_state(name, Availability(False, reason))
    assert notice.session_only
    # Only product names and the environment variable's name stay as they are.
    english = set(_english_words(notice.text(), {"Secret", "Service", "null"}))
    english |= set(_english_words(notice.toolTip(), set()))
    assert not english, (notice.text(), notice.toolTip())
