"""What Enter does in the dialogs: one rule, so a person learns it once.

1. Enter on a focused button presses that button, as Space does (Qt's auto default).
2. Enter in a text field does the dialog's main action when that action only creates or
   saves what the person typed there (New Service, New Schema, Edit Service, a description,
   Attach Datasets, Credentials' Save, the dataset wizard's Next and Finish), and only once
   the form is valid; while it is not, Enter does nothing and the inline messages say why.
3. An action that cannot be undone or stopped (starting a training, a schedule) is never the
   Enter of a text field: only its own focused button or a click starts it. A typed delete
   confirmation is the one exception, because typing the exact name is the confirmation.
4. Enter never closes a dialog without doing what its button says: Cancel is never the
   default button, and Esc (never Enter) asks before typed edits are thrown away
   (:func:`~aitems_desktop.gui.dialogs.discard.confirm_discard`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent


def is_enter(event: QKeyEvent) -> bool:
    """Return, or Enter on the keypad."""
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
