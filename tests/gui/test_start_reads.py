"""What the app reads before its first frame, off the GUI thread: settings, translations,
and (Linux) fontconfig's configuration."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aitems_desktop.gui import font_warmup, start_reads
from aitems_desktop.gui.i18n import TRANSLATORS, Translation, read_translation
from aitems_desktop.gui.shell.window_state import APPLICATION, ORGANIZATION


@pytest.fixture
def restore_language() -> Iterator[None]:
    yield
    TRANSLATORS.apply("en")


def test_a_translation_read_on_another_thread_is_installed_on_the_gui_thread(
    qtbot: QtBot, restore_language: None
) -> None:
    read: list[Translation] = []
    thread = threading.Thread(target=lambda: read.append(read_translation("ko")))
    thread.start()
    thread.join(10)
    (translation,) = read
    assert translation.language == "ko"
    assert translation.pinned == "ko"
    translators = translation.translators
    assert len(translators) == 2  # Qt's own dialogs' words and the app's
    app = QCoreApplication.instance()
    assert app is not None
    # They belong to the GUI thread, which installs them and sends them events.
    assert all(t.thread() is app.thread() for t in translators)
    assert TRANSLATORS.install(translation) == "ko"
    assert QApplication.translate("WorkspaceWindow", "&File") == "파일(&F)"
    assert all(t.parent() is app for t in translators)


def test_start_reads_give_the_saved_state_and_the_pinned_language(
    qtbot: QtBot, restore_language: None
) -> None:
    settings = QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )
    settings.setValue("preferences/language", "ko")
    settings.setValue("workspace/kind", "datasets")
    settings.sync()
    reads = start_reads.StartReads()
    state, translation = reads.result()
    reads.thread.join(10)
    assert state.kind == "datasets"
    assert translation.language == "ko"
    assert translation.pinned == "ko"
    settings.remove("preferences/language")
    settings.remove("workspace/kind")
    settings.sync()


def test_unreadable_settings_start_with_defaults(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, qtbot: QtBot
) -> None:
    def broken() -> object:
        raise OSError("settings file unreadable")

    monkeypatch.setattr(start_reads, "load_state", broken)
    monkeypatch.setattr(start_reads, "load_pinned_language", broken)
    with caplog.at_level(logging.WARNING):
        state, translation = start_reads.StartReads().result()
    assert state.geometry is None
    assert state.kind == ""
    assert translation.pinned == ""  # the system's language
    assert "saved state could not be read" in caplog.text
    assert "pinned language could not be read" in caplog.text


def test_a_failed_read_is_raised_to_the_gui_thread_which_waits_for_it(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    def broken(language: str) -> object:
        raise FileNotFoundError("translations/aitems_desktop_ko.qm")

    monkeypatch.setattr(start_reads, "read_translation", broken)
    with pytest.raises(RuntimeError, match="could not be read") as raised:
        start_reads.StartReads().result()
    assert isinstance(raised.value.__cause__, FileNotFoundError)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fontconfig is Linux's")
def test_fontconfig_is_loaded_on_a_thread_of_its_own() -> None:
    thread = font_warmup.start_font_warmup()
    assert thread is not None
    assert thread.name == "aitems-fontconfig"
    assert thread.daemon
    thread.join(10)
    assert not thread.is_alive()


def test_without_fontconfig_the_warm_up_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setattr(font_warmup, "FONTCONFIG", str(tmp_path / "libfontconfig.so.1"))
    monkeypatch.setattr(sys, "platform", "linux")
    failures: list[object] = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    with caplog.at_level(logging.DEBUG, logger=font_warmup.__name__):
        thread = font_warmup.start_font_warmup()
        assert thread is not None
        thread.join(10)
    assert failures == []
    assert "fontconfig not warmed up" in caplog.text


def test_elsewhere_there_is_nothing_to_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert font_warmup.start_font_warmup() is None
