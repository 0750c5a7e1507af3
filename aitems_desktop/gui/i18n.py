"""The language the app speaks: Qt's translators for its own texts and for Qt's dialogs.

English is the source language and needs no file. Another language is a compiled Qt
translation (``resources/translations/aitems_desktop_<lang>.qm``, built from the ``.ts`` of the
same name) plus Qt's own ``qtbase_<lang>.qm`` for the standard dialogs' buttons. The language
follows the system's unless Preferences pins one; the choice is kept with the window state
(QSettings). At start the choice and the translation files are read on a thread of their own
(:func:`read_translation`) and installed on the GUI thread before the first window; a
change is written on a thread of its own.
"""

from __future__ import annotations

import logging
import sys
import threading
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP
from aitems_desktop.gui.resources import resource_path
from aitems_desktop.gui.shell.window_state import open_settings, write_settings

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


def load_pinned_language() -> str:
    """The language Preferences pinned ("" for the system's); read before the first window,
    off the GUI thread (it reads the settings file)."""
    value = str(open_settings().value(SETTING, "") or "")
    return value if value in LANGUAGES else ""


def save_pinned_language_in_background(language: str) -> threading.Thread:
    """Keep ``language`` ("" to follow the system) on a thread of its own."""
    thread = threading.Thread(target=_save, args=(language,), name="aitems-preferences")
    thread.start()
    return thread


def _save(language: str) -> None:
    try:
        settings = open_settings()
    except OSError as exc:
        log.warning("the language was not saved: %s", exc)
        return
    settings.setValue(SETTING, language)
    write_settings(settings, "the language")


class Translation:
    """A language ready to install: its translators, read from disk, and its locale.

    Made by :func:`read_translation` on any thread (it reads the ``.qm`` files), installed
    by :meth:`Translators.install` on the GUI thread.
    """

    __slots__ = ("language", "locale", "pinned", "translators")

    def __init__(
        self, language: str, pinned: str, locale: QLocale, translators: list[QTranslator]
    ) -> None:
        self.language = language
        self.pinned = pinned
        self.locale = locale
        self.translators = translators


def read_translation(language: str) -> Translation:
    """``language`` ("" for the system's) read from disk, on whichever thread calls this.

    The translators end up belonging to the application's thread, which installs them.
    """
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    chosen = language if language in LANGUAGES else system_language()
    locale = QLocale.system() if not language else QLocale(chosen)
    if QLocale(locale.language()).name().split("_")[0] != chosen:
        locale = QLocale(chosen)
    translators: list[QTranslator] = []
    if chosen != SOURCE_LANGUAGE:
        own = resource_path(f"translations/aitems_desktop_{chosen}.qm")
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, path, directory in (
            ("qtbase", f"qtbase_{chosen}", qt_dir),
            ("app", str(own) if own else "", ""),
        ):
            translator = QTranslator()
            if path and translator.load(path, directory):
                translator.moveToThread(app.thread())
                translators.append(translator)
            else:
                log.warning("no %s translation for %s", name, chosen)
    return Translation(chosen, language if language in LANGUAGES else "", locale, translators)


class Translators:
    """The translators installed in the application, replaced as a whole on a change."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        #: The language spoken, and the one Preferences pinned ("" to follow the system).
        self.language = SOURCE_LANGUAGE
        self.pinned = ""

    def install(self, translation: Translation) -> str:
        """Speak ``translation``'s language (GUI thread); returns the language now spoken.

        Installing a translator sends every widget a ``LanguageChange`` event.
        """
        app = QCoreApplication.instance()
        assert app is not None, "a QApplication comes first"
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = translation.language
        self.pinned = translation.pinned
        QLocale.setDefault(translation.locale)
        # Nothing is cached before the module is first used (not before the first paint).
        format_module = sys.modules.get("aitems_desktop.gui.format")
        if format_module is not None:
            format_module.clear_caches()
        for translator in translation.translators:
            translator.setParent(app)
            app.installTranslator(translator)
            self._installed.append(translator)
        return translation.language

    def apply(self, language: str) -> str:
        """Read and install ``language`` ("" for the system's) at once (tests, tools)."""
        return self.install(read_translation(language))


#: The application's translators (one application, one set).
TRANSLATORS: Final = Translators()
