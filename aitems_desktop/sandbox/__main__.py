"""``aitems-sandbox``: run the local AiTEMS emulator."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    raise SystemExit("the sandbox is not built yet")


if __name__ == "__main__":
    sys.exit(main())
