"""Qt-free core of aitems-desktop: rules, signing, models, the HTTP client, errors.

Nothing in this package imports PySide6 or :mod:`aitems_desktop.gui`; an import-linter
contract in ``pyproject.toml`` and a test keep it that way.
"""
