"""The frozen command-line tool's entry script: PyInstaller runs this file as ``__main__``."""

from __future__ import annotations

import sys

from aitems_desktop.cli.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
