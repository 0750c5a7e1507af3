"""A translation marker that core can use without importing Qt.

Core stays free of Qt (an import-linter contract), yet its messages and hints are shown in the
GUI, which speaks the person's language. So core keeps its English text as the message id and
marks each fixed text with :func:`QT_TRANSLATE_NOOP` in the context :data:`CONTEXT`.
``pyside6-lupdate`` finds the marker by its name (it reads the source, not the import), so the
text lands in the ``.ts`` file; at display time the GUI looks the very same English text up in
that context (``QCoreApplication.translate(CONTEXT, error.message)``) and falls back to it when
no translation exists (a server's own words, a message with values in it). The command-line
tool prints the English as it is.
"""

from __future__ import annotations

from typing import Final

#: The translation context of every text core marks.
CONTEXT: Final = "aitems"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``text`` for translation in ``context``; return it unchanged."""
    return text
