"""The language the app speaks: Qt's translators for its own texts and for Qt's dialogs.

English is the source language and needs no file. Another language is a compiled Qt
translation (``resources/translations/aitems_desktop_<lang>.qm``, built from the ``.ts`` of the
same name) plus Qt's own ``qtbase_<lang>.qm`` for the standard dialogs' buttons. The language
follows the system's unless Preferences pins one; the choice is kept with the window state
(QSettings), read once before the first window and written on a thread of its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP
from aitems_desktop.gui.resources import resource_path
from aitems_desktop.gui.shell.window_state import APPLICATION, ORGANIZATION

log = logging.getLogger(__name__)

SOURCE_LANGUAGE: Final = "en"
#: Every language the app speaks, with its name written in that language.
LANGUAGES: Final[dict[str, str]] = {"en": "English", "ko": "한국어"}
#: The settings key; an empty value (or none) follows the system.
SETTING: Final = "preferences/language"
SYSTEM_LABEL: Final = QT_TRANSLATE_NOOP("Preferences", "System language ({language})")


def system_language() -> str:
    """The first of the system's UI languages that the app speaks, else English."""
    for tag in QLocale.system().uiLanguages():
        code = tag.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def _settings() -> QSettings:
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


def load_pinned_language() -> str:
    """The language Preferences pinned ("" for the system's); read before the first window."""
    value = str(_settings().value(SETTING, "") or "")
    return value if value in LANGUAGES else ""


def save_pinned_language_in_background(language: str) -> threading.Thread:
    """Keep ``language`` ("" to follow the system) on a thread of its own."""
    thread = threading.Thread(target=_save, args=(language,), name="aitems-preferences")
    thread.start()
    return thread


def _save(language: str) -> None:
    settings = _settings()
    settings.setValue(SETTING, language)
    settings.sync()
    with contextlib.suppress(OSError):
        os.chmod(settings.fileName(), 0o600)


class Translators:
    """The translators installed in the application, replaced as a whole on a change."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        #: The language spoken, and the one Preferences pinned ("" to follow the system).
        self.language = SOURCE_LANGUAGE
        self.pinned = ""

    def apply(self, language: str) -> str:
        """Speak ``language`` ("" for the system's); returns the language now spoken.

        Installing a translator sends every widget a ``LanguageChange`` event.
        """
        app = QCoreApplication.instance()
        assert app is not None, "a QApplication comes first"
        chosen = language if language in LANGUAGES else system_language()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = chosen
        self.pinned = language if language in LANGUAGES else ""
        locale = QLocale.system() if not language else QLocale(chosen)
        if QLocale(locale.language()).name().split("_")[0] != chosen:
            locale = QLocale(chosen)
        QLocale.setDefault(locale)
        # Nothing is cached before the module is first used (not before the first paint).
        format_module = sys.modules.get("aitems_desktop.gui.format")
        if format_module is not None:
            format_module.clear_caches()
        if chosen == SOURCE_LANGUAGE:
            return chosen
        own = resource_path(f"translations/aitems_desktop_{chosen}.qm")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, path, directory in (
            ("qtbase", f"qtbase_{chosen}", qt_dir),
            ("app", str(own) if own else "", ""),
        ):
            translator = QTranslator(app)
            if path and translator.load(path, directory):
                app.installTranslator(translator)
                self._installed.append(translator)
            else:
                log.warning("no %s translation for %s", name, chosen)
        return chosen


#: The application's translators (one application, one set).
TRANSLATORS: Final = Translators()
