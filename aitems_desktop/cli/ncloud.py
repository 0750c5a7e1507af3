"""NCP's own configure file (``~/.ncloud/configure``), as NCP's CLI and SDKs keep it.

``ncloud configure`` writes ``key = value`` lines, under ``[DEFAULT]`` and optional named
sections (profiles)::

    [DEFAULT]
    ncloud_access_key_id = ...
    ncloud_secret_access_key = ...
    ncloud_api_url = https://ncloud.apigw.ntruss.com

Hand-written files often have no section header at all; their lines count as ``DEFAULT``.
Sections do not inherit from ``DEFAULT`` here: a profile is what its own section says.
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

ACCESS_KEY: Final = "ncloud_access_key_id"
SECRET_KEY: Final = "ncloud_secret_access_key"  # noqa: S105 (a key name, not a secret)
API_URL: Final = "ncloud_api_url"
DEFAULT_SECTION: Final = "DEFAULT"
#: The public site's API gateway, which ``ncloud configure`` writes by default. AiTEMS is on
#: the public site only (no financial or government site).
PUBLIC_API_HOST: Final = "ncloud.apigw.ntruss.com"
#: The file is small; a larger one is not a configure file.
MAX_BYTES: Final = 1024 * 1024


class ConfigureFileError(Exception):
    """The file cannot be read or holds no keys in the asked section."""


@dataclass(frozen=True)
class NcloudKeys:
    section: str
    access_key: str
    secret_key: str = field(repr=False)
    api_url: str | None = None

    @property
    def public_site(self) -> bool:
        """True unless ``ncloud_api_url`` names another site (financial, government)."""
        if not self.api_url:
            return True
        try:
            host = urlsplit(self.api_url).hostname or ""
        except ValueError:
            return False
        return host == PUBLIC_API_HOST


def default_path() -> Path:
    """``~/.ncloud/configure`` (``%USERPROFILE%\\.ncloud\\configure`` on Windows)."""
    return Path.home() / ".ncloud" / "configure"


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def read_keys(path: Path, section: str = DEFAULT_SECTION) -> NcloudKeys:
    """The keys of ``section`` in the configure file at ``path``."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ConfigureFileError(f"There is no file {path}.") from None
    except OSError as exc:
        raise ConfigureFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > MAX_BYTES:
        raise ConfigureFileError(f"{path} is too large to be NCP's configure file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigureFileError(f"{path} is not UTF-8 text.") from None
    # A section name no file uses: DEFAULT becomes an ordinary section, so named sections do
    # not quietly take keys from it.
    parser = configparser.ConfigParser(interpolation=None, default_section="\x00")
    try:
        parser.read_string(text, source=str(path))
    except configparser.MissingSectionHeaderError:
        try:
            parser.read_string(f"[{DEFAULT_SECTION}]\n{text}", source=str(path))
        except configparser.Error as exc:
            raise ConfigureFileError(f"{path} cannot be read: {_first_line(exc)}") from None
    except configparser.Error as exc:
        raise ConfigureFileError(f"{path} cannot be read: {_first_line(exc)}") from None
    if not parser.has_section(section):
        found = ", ".join(parser.sections()) or "none"
        raise ConfigureFileError(f"{path} has no [{section}] section (sections: {found}).")
    values = parser[section]
    access = _unquote(values.get(ACCESS_KEY, ""))
    secret = _unquote(values.get(SECRET_KEY, ""))
    missing = [k for k, v in ((ACCESS_KEY, access), (SECRET_KEY, secret)) if not v]
    if missing:
        raise ConfigureFileError(f"[{section}] of {path} has no {' and no '.join(missing)}.")
    api_url = _unquote(values.get(API_URL, "")) or None
    return NcloudKeys(section, access, secret, api_url)


def _first_line(exc: configparser.Error) -> str:
    # configparser quotes the offending line, which may be the secret's: keep only its kind.
    return type(exc).__name__


def readable_by_others(path: Path) -> bool:
    """True when the file's mode lets the group or others read it (POSIX only)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o044)
