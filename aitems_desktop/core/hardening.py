"""Keep the process's memory out of core dumps: the secret key is in it, in clear.

A crash with core dumps enabled wrote the whole process (over 100 MB, the secret key among
it) to disk. :func:`disable_core_dumps` is called first thing by ``aitems-desktop`` and
``aitems``: it sets the core file size limit to 0 (Linux, macOS, the BSDs) and, on Linux,
marks the process not dumpable, which also covers a ``core_pattern`` that pipes cores to a
collector (systemd-coredump, apport), since those ignore the size limit.

On Windows a crash dump is written only where an administrator configured Windows Error
Reporting's LocalDumps; the process cannot opt out without changing the registry, which the
app does not do.

``AITEMS_DESKTOP_ALLOW_CORE_DUMPS=1`` leaves core dumps as they are, for someone debugging a
crash on purpose. Being not dumpable also keeps debuggers and profilers of the same user
from attaching to the process, as for ssh-agent.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Final

log = logging.getLogger(__name__)

ALLOW_CORE_DUMPS_ENV: Final = "AITEMS_DESKTOP_ALLOW_CORE_DUMPS"
#: From <linux/prctl.h>.
PR_SET_DUMPABLE: Final = 4
PR_GET_DUMPABLE: Final = 3


def disable_core_dumps() -> list[str]:
    """Turn core dumps off for this process; return what was done, in words, for the log.

    Never raises: a step the system does not offer is skipped and said so.
    """
    if os.environ.get(ALLOW_CORE_DUMPS_ENV):
        return [f"core dumps left as they are ({ALLOW_CORE_DUMPS_ENV} is set)"]
    done: list[str] = []
    if sys.platform != "win32":
        import resource

        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (ValueError, OSError) as exc:
            done.append(f"core size limit not set: {exc}")
        else:
            done.append("core size limit 0")
    if sys.platform.startswith("linux"):
        done.append(_not_dumpable())
    return done


def _not_dumpable() -> str:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
            return f"not made undumpable: {os.strerror(ctypes.get_errno())}"
    except (OSError, AttributeError) as exc:
        return f"not made undumpable: {exc}"
    return "not dumpable"


def is_dumpable() -> bool | None:
    """Linux: whether this process may dump core (``prctl(PR_GET_DUMPABLE)``); else None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
