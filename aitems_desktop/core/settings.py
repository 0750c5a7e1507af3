"""The app's own settings (not the profiles, not the window geometry): ``settings.json``.

Kept beside ``profiles.json`` in the config directory, written atomically and readable by its
owner only. Today it remembers one choice: to start in the built-in sandbox, made with "Try
the sandbox" on the first launch, until a profile is added.

Reading and writing touch the disk: the GUI runs them on a worker thread.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.files import set_aside_path, write_private_file
from aitems_desktop.core.profiles import config_dir

log = logging.getLogger(__name__)

SETTINGS_FILE: Final = "settings.json"


class AppSettings(BaseModel):
    """The content of ``settings.json``; unknown keys (from a newer version) are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    version: Literal[1] = 1
    #: "Try the sandbox" was chosen on the first launch: start there while no profile exists.
    start_in_sandbox: bool = False


class SettingsError(AitemsError):
    """``settings.json`` could not be written."""

    default_hint = "Check the free space and permissions of the configuration directory."


class SettingsStore:
    """Loads and saves :class:`AppSettings`."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = config_dir() if directory is None else directory

    @property
    def path(self) -> Path:
        """The settings file."""
        return self.directory / SETTINGS_FILE

    def load(self) -> AppSettings:
        """The settings; the defaults when the file is missing or unreadable.

        An unreadable file is moved aside to ``settings.json.corrupt-<time>`` (and logged), so
        the next save does not overwrite what someone may want to look at.
        """
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return AppSettings()
        except OSError as exc:
            log.warning("could not read %s (%s); using the defaults", self.path, exc)
            return AppSettings()
        try:
            return AppSettings.model_validate_json(raw)
        except ValidationError:
            backup = set_aside_path(self.path)
            try:
                os.replace(self.path, backup)
            except OSError as exc:
                log.warning("%s is unreadable and could not be moved aside: %s", self.path, exc)
            else:
                log.warning("%s was unreadable; moved to %s", self.path, backup)
            return AppSettings()

    def save(self, settings: AppSettings) -> None:
        """Write ``settings`` atomically, owner-only; :class:`SettingsError` on failure."""
        text = json.dumps(settings.model_dump(mode="json"), indent=2) + "\n"
        try:
            write_private_file(self.path, text)
        except OSError as exc:
            raise SettingsError(f"Could not write {self.path}: {exc.strerror or exc}.") from None

    def remember_sandbox(self, start_in_sandbox: bool) -> AppSettings:
        """Load, set ``start_in_sandbox``, save; return what was saved."""
        settings = self.load().model_copy(update={"start_in_sandbox": start_in_sandbox})
        self.save(settings)
        return settings
