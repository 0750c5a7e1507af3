"""Files only their owner may read, written so that a crash never leaves half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path


def write_private_file(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically, readable by its owner only.

    A temporary file (created 0600) in the same directory is written, flushed to disk and
    renamed over ``path``, so a crash leaves either the old or the new file; the directory is
    created 0700. Raises ``OSError`` as it comes; the temporary file never stays behind.
    """
    directory = path.parent
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not ours to change, e.g. on some network mounts
        os.chmod(directory, 0o700)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def set_aside_path(path: Path) -> Path:
    """A name beside ``path`` for keeping an unreadable copy of it, used by no earlier one:
    ``<name>.corrupt-<time>``, then ``-1``, ``-2``..."""
    stem = f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"
    candidate = path.with_name(stem)
    counter = 1
    while candidate.exists():
        candidate = path.with_name(f"{stem}-{counter}")
        counter += 1
    return candidate
