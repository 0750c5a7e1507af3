"""Process-wide hardening that holds whether or not Qt is loaded (standard library only).

A process that holds a secret key in memory must not leave it in a core dump: if it crashes,
the kernel (or a crash reporter such as systemd-coredump or apport) would write its memory to
disk, secret included. :func:`disable_core_dumps` turns that off for the calling process and
the children it starts afterwards.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from typing import Final

#: ``PR_SET_DUMPABLE`` from ``<linux/prctl.h>``.
_PR_SET_DUMPABLE: Final = 4


@dataclass(frozen=True)
class CoreDumpState:
    """What :func:`disable_core_dumps` managed to turn off."""

    #: The core-size limit is 0 (soft and hard): no core file can be written.
    rlimit_zero: bool
    #: Linux only: the process is not dumpable, so no crash handler reads its memory and no
    #: other process of the same user may attach to it (ptrace) without privileges.
    not_dumpable: bool


def disable_core_dumps() -> CoreDumpState:
    """Turn core dumps off for this process; never raises.

    Sets ``RLIMIT_CORE`` to 0 where the ``resource`` module exists (POSIX), and on Linux also
    ``prctl(PR_SET_DUMPABLE, 0)``, which a piped ``core_pattern`` (systemd-coredump, apport)
    does not bypass the way it bypasses the size limit. Windows writes no core files of its
    own (Windows Error Reporting keeps mini dumps only when configured to), so nothing is done
    there.
    """
    return CoreDumpState(rlimit_zero=_zero_rlimit(), not_dumpable=_not_dumpable())


def _zero_rlimit() -> bool:
    try:
        import resource
    except ImportError:  # Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        # A hard limit we may not lower is impossible (lowering is always allowed), but a
        # sandbox may refuse the call: still try the soft limit alone.
        with contextlib.suppress(OSError, ValueError):
            _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
            resource.setrlimit(resource.RLIMIT_CORE, (0, hard))
    try:
        soft, _hard = resource.getrlimit(resource.RLIMIT_CORE)
    except (OSError, ValueError):
        return False
    return soft == 0


def _not_dumpable() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False
