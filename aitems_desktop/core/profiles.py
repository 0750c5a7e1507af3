"""Connection profiles: everything but the secret, in a settings file under the config dir.

A :class:`Profile` names an access key, an endpoint and the transport options. The profiles
live in ``profiles.json`` under ``platformdirs.user_config_dir("aitems-desktop")`` (or the
directory in ``AITEMS_DESKTOP_CONFIG_DIR``), written atomically with owner-only permissions.
The secret key of each profile lives in the keyring (:mod:`aitems_desktop.core.credentials`),
never in this file.

:func:`resolve_credentials` turns ``--profile NAME`` plus the environment into the
:class:`Connection` the client needs; ``NCLOUD_ACCESS_KEY``/``NCLOUD_SECRET_KEY`` override any
stored profile, for scripts and CI.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from aitems_desktop.core.connection import (
    DEFAULT_CONNECT_TIMEOUT_S,
    DEFAULT_ENDPOINT,
    DEFAULT_READ_TIMEOUT_S,
    Connection,
)
from aitems_desktop.core.credentials import (
    CredentialError,
    CredentialStore,
    SecretLocation,
)
from aitems_desktop.core.errors import AitemsError
from aitems_desktop.core.files import set_aside_path, write_private_file

APP_NAME: Final = "aitems-desktop"
CONFIG_DIR_ENV: Final = "AITEMS_DESKTOP_CONFIG_DIR"
SETTINGS_FILE: Final = "profiles.json"
ENV_ACCESS_KEY: Final = "NCLOUD_ACCESS_KEY"
#: With keys from the environment, the endpoint may come from there too (else the profile's).
ENV_ENDPOINT: Final = "AITEMS_ENDPOINT"
ENV_SECRET_KEY: Final = "NCLOUD_SECRET_KEY"  # noqa: S105 (a variable name, not a secret)
PROFILE_NAME_MAX_LENGTH: Final = 64


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """Return the directory of the settings file: ``$AITEMS_DESKTOP_CONFIG_DIR`` or the
    platform's per-user config directory for the app."""
    env = os.environ if env is None else env
    override = env.get(CONFIG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def check_profile_name(name: str) -> str | None:
    """Return what is wrong with ``name`` as a profile name, or ``None`` when it is fine.

    The keyring stores the secret under this name, so it must be printable and unambiguous.
    """
    if not name:
        return "A profile needs a name."
    if name != name.strip():
        return "A profile name cannot start or end with a space."
    if len(name) > PROFILE_NAME_MAX_LENGTH:
        return f"A profile name has at most {PROFILE_NAME_MAX_LENGTH} characters."
    if not name.isprintable():
        return "A profile name cannot contain control characters."
    return None


def _check_url(value: str, what: str, schemes: tuple[str, ...]) -> str:
    from urllib.parse import urlsplit

    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        raise ValueError(f"{what} is not a valid URL") from exc
    if parts.scheme not in schemes or not parts.hostname:
        raise ValueError(f"{what} must be a URL starting with {' or '.join(schemes)}://")
    return value


class Profile(BaseModel):
    """One set of connection settings. The secret key is not here: it is in the keyring."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str
    access_key: str = Field(min_length=1, max_length=256)
    endpoint: str = DEFAULT_ENDPOINT
    proxy: str | None = None
    ca_bundle: Path | None = None
    connect_timeout: float = Field(default=DEFAULT_CONNECT_TIMEOUT_S, gt=0, le=600)
    read_timeout: float = Field(default=DEFAULT_READ_TIMEOUT_S, gt=0, le=3600)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        problem = check_profile_name(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("access_key")
    @classmethod
    def _access_key(cls, value: str) -> str:
        value = value.strip()
        if not value or not value.isprintable() or " " in value:
            raise ValueError("The access key must be one word of printable characters.")
        return value

    @field_validator("endpoint")
    @classmethod
    def _endpoint(cls, value: str) -> str:
        return _check_url(value, "The endpoint", ("https", "http")).rstrip("/")

    @field_validator("proxy")
    @classmethod
    def _proxy(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _check_url(value, "The proxy", ("http", "https", "socks5", "socks5h"))

    @field_validator("ca_bundle", mode="before")
    @classmethod
    def _ca_bundle(cls, value: object) -> object:
        return None if value in ("", None) else value

    @property
    def timeout(self) -> tuple[float, float]:
        """``(connect, read)`` timeouts in seconds, as ``requests`` takes them."""
        return (self.connect_timeout, self.read_timeout)


def duplicate_names(names: Iterable[str]) -> list[str]:
    """The names that occur more than once, sorted: one pass, one set lookup per name."""
    seen: set[str] = set()
    twice: set[str] = set()
    for name in names:
        if name in seen:
            twice.add(name)
        else:
            seen.add(name)
    return sorted(twice)


@dataclass(frozen=True)
class SkippedProfile:
    """An entry of ``profiles.json`` that is not a usable profile, kept in the file as it is."""

    #: Its place in the file's list, from 0.
    index: int
    #: Its name, when it has one that is text.
    name: str | None
    #: What is wrong, without its content (which may hold a key).
    problem: str
    #: The entry as the file holds it, written back unchanged.
    raw: Any = field(repr=False)

    def describe(self) -> str:
        """``profile 2 (“work”): read_timeout: ...``, for a message."""
        named = f" (“{self.name}”)" if self.name else ""
        return f"profile {self.index + 1}{named}: {self.problem}"


class ProfileSettings(BaseModel):
    """The content of ``profiles.json``."""

    model_config = ConfigDict(extra="ignore")

    version: Literal[1] = 1
    default_profile: str | None = None
    profiles: list[Profile] = Field(default_factory=list)
    #: Entries of the file that are not usable profiles: reported, left out of ``profiles``,
    #: and kept in the file when it is written.
    skipped: list[SkippedProfile] = Field(default_factory=list, exclude=True)

    @field_validator("profiles")
    @classmethod
    def _unique(cls, profiles: list[Profile]) -> list[Profile]:
        duplicates = duplicate_names(p.name for p in profiles)
        if duplicates:
            raise ValueError(f"duplicate profile names: {', '.join(duplicates)}")
        return profiles

    def find(self, name: str) -> Profile | None:
        """The profile called ``name``, or ``None``."""
        return next((p for p in self.profiles if p.name == name), None)

    def find_skipped(self, name: str) -> SkippedProfile | None:
        """The unusable entry called ``name``, or ``None``."""
        return next((s for s in self.skipped if s.name == name), None)

    def skipped_error(self) -> ProfileError | None:
        """The entries left out, as one error to report (``None``: there are none)."""
        if not self.skipped:
            return None
        listed = "; ".join(s.describe() for s in self.skipped[:5])
        more = f"; and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
        what = "profile was" if len(self.skipped) == 1 else "profiles were"
        return ProfileError(
            f"{len(self.skipped)} {what} left out, as they cannot be used ({listed}{more}). "
            "The others are listed.",
            "Save the profile again with correct values, or delete it; the file keeps it "
            "until then.",
        )


class ProfileError(AitemsError):
    """A profile operation failed (duplicate name, unreadable or unwritable file...).

    Not a :class:`~aitems_desktop.core.credentials.CredentialError`: the settings file is not
    the keyring, and the person is told to look at the file, not to unlock a keyring.
    """

    default_hint = "Open Credentials to check the profiles."

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)


class UnknownProfileError(ProfileError):
    """There is no profile with that name (``--profile NAME``, a rename, a delete...)."""

    def __init__(self, name: str, hint: str | None = None) -> None:
        super().__init__(f"There is no profile “{name}”.", hint)
        self.name = name


class ProfileStore:
    """The profiles file plus the keyring entries that go with it.

    Methods that touch the keyring can block (see :meth:`CredentialStore.call`); the GUI runs
    them off its thread. Every change is written at once, atomically.
    """

    def __init__(self, credentials: CredentialStore, directory: Path | None = None) -> None:
        self.credentials = credentials
        self.directory = config_dir() if directory is None else directory
        self._lock = threading.RLock()

    @property
    def path(self) -> Path:
        """The settings file."""
        return self.directory / SETTINGS_FILE

    def load(self) -> ProfileSettings:
        """Read the settings file; a missing one means no profiles yet. Reading never
        changes or moves the file.

        An entry that is not a usable profile (a bad value, a second one of a name) is left
        out and listed in :attr:`ProfileSettings.skipped`; the others load. A file that
        cannot be read as a whole (not JSON, not a profiles file) raises
        :class:`ProfileError`; the first change saved moves it aside then (see
        :meth:`_load_for_change`).
        """
        # No lock: writes replace the file atomically, so a read sees a whole file, and the
        # GUI thread must never wait behind a writer that waits on the keyring.
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return ProfileSettings()
        except OSError as exc:
            raise ProfileError(
                f"Could not read {self.path}: {exc.strerror or exc}.",
                "Check the file's permissions.",
            ) from None
        try:
            return _parse(raw)
        except _UnreadableError as exc:
            raise ProfileError(
                f"The profiles file could not be read ({exc.problem}).",
                f"Fix or remove {self.path}. It is left as it is until a profile is saved, "
                f"which moves it aside to {self.path.name}.corrupt-<time> first.",
            ) from None

    def _load_for_change(self) -> ProfileSettings:
        """:meth:`load` for a change: a file unreadable as a whole is moved aside to
        ``profiles.json.corrupt-<time>`` (never overwritten), and the change starts from no
        profiles."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return ProfileSettings()
        except OSError:
            return self.load()  # raises what load() says of it
        try:
            return _parse(raw)
        except _UnreadableError:
            pass
        backup = set_aside_path(self.path)
        try:
            os.replace(self.path, backup)
        except FileNotFoundError:
            pass  # moved aside by another writer already
        except OSError as exc:
            raise ProfileError(
                f"The profiles file could not be read nor moved aside ({exc.strerror or exc}).",
                f"Fix or remove {self.path}; it will not be overwritten meanwhile.",
            ) from None
        return ProfileSettings()

    def profiles(self) -> list[Profile]:
        """All profiles, in file order."""
        return self.load().profiles

    def get(self, name: str) -> Profile | None:
        """The profile called ``name``, or ``None``. Raises :class:`ProfileError` when the
        file has an entry of that name that cannot be used."""
        settings = self.load()
        found = settings.find(name)
        if found is None:
            _refuse_skipped(settings, name)
        return found

    def default(self) -> Profile | None:
        """The default profile, or ``None`` when there are no profiles. Raises
        :class:`ProfileError` when the default is an entry that cannot be used: another
        profile's keys are never used in its place."""
        settings = self.load()
        if settings.default_profile is not None:
            found = settings.find(settings.default_profile)
            if found is not None:
                return found
            _refuse_skipped(settings, settings.default_profile)
        return settings.profiles[0] if settings.profiles else None

    def save(
        self,
        profile: Profile,
        secret: SecretStr | None = None,
        *,
        previous_name: str | None = None,
    ) -> SecretLocation | None:
        """Add ``profile``, or replace the one called ``previous_name`` (a rename when the
        names differ, which moves its secret). Store ``secret`` when given.

        The keyring is written before the file, so a keyring failure leaves the file as it
        was. Returns where the secret went, or ``None`` when no secret was given. The first
        profile becomes the default.
        """
        with self._lock:
            settings = self._load_for_change()
            adding = previous_name is None
            if not adding and settings.find(str(previous_name)) is None:
                raise UnknownProfileError(str(previous_name))
            renamed = not adding and previous_name != profile.name
            if (adding or renamed) and settings.find(profile.name) is not None:
                raise ProfileError(
                    f"A profile called “{profile.name}” already exists.", "Choose another name."
                )
            old = profile.name if previous_name is None else previous_name
            location = None
            if secret is not None:
                location = self.credentials.set(profile.name, secret)
            elif renamed:
                self.credentials.move(old, profile.name)
            profiles = [profile if p.name == old else p for p in settings.profiles]
            if adding:
                profiles.append(profile)
            default = settings.default_profile
            if default is None or default == old:
                default = profile.name
            try:
                self._write(
                    ProfileSettings(
                        default_profile=default,
                        profiles=profiles,
                        # Saving a profile of that name replaces an unusable entry of it.
                        skipped=_without(settings.skipped, {old, profile.name}),
                    )
                )
            except ProfileError:
                if renamed and secret is None:
                    self.credentials.move(profile.name, old)  # the file still has the old name
                raise
            if secret is not None and renamed:
                self.credentials.delete(old)
            return location

    def rename(self, old: str, new: str) -> Profile:
        """Rename profile ``old`` to ``new``, moving its keyring entry with it."""
        with self._lock:
            profile = self.get(old)
            if profile is None:
                raise UnknownProfileError(old)
            problem = check_profile_name(new)
            if problem:
                raise ProfileError(problem)
            renamed = profile.model_copy(update={"name": new})
            self.save(renamed, previous_name=old)
            return renamed

    def delete(self, name: str) -> None:
        """Delete profile ``name`` and its keyring entry."""
        with self._lock:
            settings = self._load_for_change()
            if settings.find(name) is None and settings.find_skipped(name) is None:
                raise UnknownProfileError(name)
            self.credentials.delete(name)
            profiles = [p for p in settings.profiles if p.name != name]
            default = settings.default_profile
            if default == name:
                default = profiles[0].name if profiles else None
            self._write(
                ProfileSettings(
                    default_profile=default,
                    profiles=profiles,
                    skipped=_without(settings.skipped, {name}),
                )
            )

    def set_default(self, name: str) -> None:
        """Make ``name`` the profile used when no ``--profile`` is given."""
        with self._lock:
            settings = self._load_for_change()
            if settings.find(name) is None:
                _refuse_skipped(settings, name)
                raise UnknownProfileError(name)
            self._write(settings.model_copy(update={"default_profile": name}))

    def _write(self, settings: ProfileSettings) -> None:
        """Write atomically and owner-only (see :func:`write_private_file`)."""
        content = settings.model_dump(mode="json")
        # Unusable entries stay as they were, for the person to fix (or a newer version of
        # the app to read).
        content["profiles"].extend(s.raw for s in settings.skipped)
        data = json.dumps(content, indent=2, ensure_ascii=False)
        try:
            write_private_file(self.path, data + "\n")
        except OSError as exc:
            raise ProfileError(
                f"Could not write {self.path}: {exc.strerror or exc}.",
                "Check the free space and permissions of the directory.",
            ) from None


class _UnreadableError(Exception):
    """The file is not a profiles file as a whole."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def _parse(raw: bytes) -> ProfileSettings:
    """The profiles file's content: each entry checked on its own, so one bad entry leaves
    out that entry only. Raises :class:`_UnreadableError` for a file unreadable as a whole."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise _UnreadableError("not valid JSON") from None
    if not isinstance(data, dict):
        raise _UnreadableError("not a JSON object")
    entries = data.get("profiles", [])
    if not isinstance(entries, list):
        raise _UnreadableError("profiles: not a list")
    try:
        settings = ProfileSettings.model_validate({**data, "profiles": []})
    except ValidationError as exc:
        raise _UnreadableError(_first_problem(exc)) from None
    profiles: list[Profile] = []
    skipped: list[SkippedProfile] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        name = entry.get("name") if isinstance(entry, dict) else None
        name = name if isinstance(name, str) else None
        try:
            profile = Profile.model_validate(entry)
        except ValidationError as exc:
            skipped.append(SkippedProfile(index, name, _first_problem(exc), entry))
            continue
        if profile.name in seen:
            skipped.append(SkippedProfile(index, name, "a second profile of this name", entry))
            continue
        seen.add(profile.name)
        profiles.append(profile)
    return settings.model_copy(update={"profiles": profiles, "skipped": skipped})


def _without(skipped: list[SkippedProfile], names: set[str]) -> list[SkippedProfile]:
    return [s for s in skipped if s.name not in names]


def _refuse_skipped(settings: ProfileSettings, name: str) -> None:
    """Raise :class:`ProfileError` when ``name`` is an entry that cannot be used."""
    entry = settings.find_skipped(name)
    if entry is not None:
        raise ProfileError(
            f"Profile “{name}” cannot be used: {entry.problem}.",
            "Save it again with correct values (the file keeps it as it is until then).",
        )


def _first_problem(exc: ValidationError) -> str:
    """A short description of what is wrong in the file, without echoing its content."""
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    if not errors:
        return "invalid content"
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" and {len(errors) - 1} more" if len(errors) > 1 else ""
    return f"{where + ': ' if where else ''}{first['msg']}{more}"


def resolve_credentials(
    profile_name: str | None,
    env: Mapping[str, str] | None = None,
    *,
    profiles: ProfileStore,
) -> Connection | None:
    """Return the connection to use for ``--profile profile_name`` (``None``: the default).

    ``NCLOUD_ACCESS_KEY`` and ``NCLOUD_SECRET_KEY`` together override the stored keys; the
    endpoint comes from ``AITEMS_ENDPOINT`` if set, and it and the timeouts otherwise from
    the chosen profile when there is one. Returns
    ``None`` when nothing is configured at all (first launch). Raises
    :class:`~aitems_desktop.core.credentials.CredentialError` for a half-set environment or a
    profile whose secret is not stored, :class:`UnknownProfileError` for an unknown profile
    and :class:`ProfileError` for an unreadable settings file. Reads the keyring: may block.
    """
    env = os.environ if env is None else env
    access, secret = env.get(ENV_ACCESS_KEY, ""), env.get(ENV_SECRET_KEY, "")
    if bool(access) != bool(secret):
        present, missing = (
            (ENV_ACCESS_KEY, ENV_SECRET_KEY) if access else (ENV_SECRET_KEY, ENV_ACCESS_KEY)
        )
        raise CredentialError(
            f"{present} is set but {missing} is not.",
            "Set both to use keys from the environment, or neither to use a stored profile.",
        )
    if profile_name is not None:
        profile = profiles.get(profile_name)
        if profile is None:
            raise UnknownProfileError(
                profile_name, "Choose one of the profiles in Credentials, or run without --profile."
            )
    else:
        profile = profiles.default()
    if access:
        endpoint = env.get(ENV_ENDPOINT, "").strip().rstrip("/")
        return Connection(
            label=profile.name if profile is not None else "environment",
            base_url=endpoint or (profile.endpoint if profile else DEFAULT_ENDPOINT),
            access_key=access.strip(),
            secret_key=secret,
            source=f"keys from {ENV_ACCESS_KEY} / {ENV_SECRET_KEY}",
            from_environment=True,
            **_transport(profile),
        )
    if profile is None:
        return None
    store = profiles.credentials
    stored = store.get(profile.name)
    if stored is None:
        raise CredentialError(
            f"No secret key is stored for profile “{profile.name}”.",
            "Open Credentials and enter the secret key.",
        )
    session_only = not store.persistent
    return profile_connection(
        profile,
        stored,
        source=(
            "secret for this session only" if session_only else f"secret in {store.backend_name()}"
        ),
        session_only=session_only,
    )


def profile_connection(
    profile: Profile, secret: SecretStr, *, source: str = "", session_only: bool = False
) -> Connection:
    """The connection ``profile`` describes, signed with ``secret``: its endpoint, access key,
    timeouts, proxy and CA bundle. The one place a profile becomes a connection."""
    return Connection(
        label=profile.name,
        base_url=profile.endpoint,
        access_key=profile.access_key,
        secret_key=secret.get_secret_value(),
        source=source,
        session_only=session_only,
        **_transport(profile),
    )


def _transport(profile: Profile | None) -> dict[str, Any]:
    """A profile's timeouts, proxy and CA bundle, as :class:`Connection` fields."""
    if profile is None:
        return {}
    return {
        "timeout": profile.timeout,
        "proxy": profile.proxy,
        "ca_bundle": None if profile.ca_bundle is None else str(profile.ca_bundle),
    }
