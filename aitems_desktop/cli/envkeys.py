"""Keys from the environment, resolved without the profile models when no profile can apply.

:func:`aitems_desktop.core.profiles.resolve_credentials` decides where a command's keys come
from, and it loads pydantic (the profiles are pydantic models), which costs more than the rest
of a read-only command together. In the commonest scripted case that work changes nothing:
``NCLOUD_ACCESS_KEY`` and ``NCLOUD_SECRET_KEY`` are set, no ``--profile`` is given and there is
no ``profiles.json``, so no profile's endpoint, timeouts, proxy or CA bundle can apply.
:func:`environment_connection` returns the same :class:`Connection` in that case, and None in
every other (the caller then asks ``resolve_credentials``). The names and the directory
below are ``core.profiles``'s; ``tests/cli/test_cli_reads.py`` holds them and the outcome
equal to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from aitems_desktop.core.connection import DEFAULT_ENDPOINT, Connection

TYPE_CHECKING = False  # not typing's: see spec.py
if TYPE_CHECKING:
    from typing import Final

APP_NAME: Final = "aitems-desktop"
CONFIG_DIR_ENV: Final = "AITEMS_DESKTOP_CONFIG_DIR"
SETTINGS_FILE: Final = "profiles.json"
ENV_ACCESS_KEY: Final = "NCLOUD_ACCESS_KEY"
ENV_SECRET_KEY: Final = "NCLOUD_SECRET_KEY"  # noqa: S105 (a variable name, not a secret)
ENV_ENDPOINT: Final = "AITEMS_ENDPOINT"


def settings_file(env: Mapping[str, str]) -> Path:
    """Where ``profiles.json`` is (``core.profiles.config_dir`` / ``SETTINGS_FILE``)."""
    override = env.get(CONFIG_DIR_ENV)
    if override:
        return Path(override) / SETTINGS_FILE
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / SETTINGS_FILE


def environment_connection(profile_name: str | None, env: Mapping[str, str]) -> Connection | None:
    """The connection of keys from the environment when no profile can apply; else None."""
    access, secret = env.get(ENV_ACCESS_KEY, ""), env.get(ENV_SECRET_KEY, "")
    if profile_name is not None or not access or not secret:
        return None
    try:
        if settings_file(env).exists():
            return None
    except OSError:  # not readable: the profiles' own reader says what is wrong
        return None
    endpoint = env.get(ENV_ENDPOINT, "").strip().rstrip("/")
    return Connection(
        label="environment",
        base_url=endpoint or DEFAULT_ENDPOINT,
        access_key=access.strip(),
        secret_key=secret,
        source=f"keys from {ENV_ACCESS_KEY} / {ENV_SECRET_KEY}",
        from_environment=True,
    )
