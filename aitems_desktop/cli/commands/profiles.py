"""``aitems profiles ...``: the same profiles and keyring entries as AiTEMS Desktop.

A secret key never comes from an argument (arguments show in ``ps`` and in shell history):
it is asked for without echo, or read from stdin with ``--secret-stdin``. A profile is saved
only when a usable keyring takes its secret: a secret kept for one command would be lost when
the command ends.
"""

from __future__ import annotations

import getpass
import os
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr, ValidationError

from aitems_desktop.cli import ncloud
from aitems_desktop.cli.context import CommandError, Context, UsageError
from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.core.process import disable_core_dumps
from aitems_desktop.core.profiles import (
    ENV_ACCESS_KEY,
    ENV_ENDPOINT,
    ENV_SECRET_KEY,
    Profile,
    ProfileError,
)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _profile(values: dict[str, Any]) -> Profile:
    try:
        return Profile.model_validate(values)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise UsageError(f"{where.replace('_', '-')}: {message}") from None


def _check_keyring(ctx: Context) -> None:
    availability = ctx.credentials.available()
    if not availability.usable:
        raise CommandError(
            ExitCode.AUTH,
            f"No usable keyring: {availability.reason} The secret would be lost when this "
            "command ends, so nothing was saved.",
            f"Unlock or install a system keyring, or give the keys to each command through "
            f"{ENV_ACCESS_KEY} and {ENV_SECRET_KEY} instead.",
        )


def _save(ctx: Context, profile: Profile, secret: str, *, replace: bool, default: bool) -> None:
    store = ctx.profiles
    try:
        settings = store.load()
    except ProfileError:
        settings = None  # unreadable as a whole: saving moves it aside and starts anew
    usable = settings is not None and settings.find(profile.name) is not None
    # An entry that cannot be used is still there: --replace replaces it.
    exists = usable or (settings is not None and settings.find_skipped(profile.name) is not None)
    if exists and not replace:
        raise UsageError(
            f"A profile called {profile.name!r} exists already.",
            "Add --replace to replace it, or choose another name.",
        )
    _check_keyring(ctx)
    store.save(profile, SecretStr(secret), previous_name=profile.name if usable else None)
    if default:
        store.set_default(profile.name)
    is_default = store.load().default_profile == profile.name
    ctx.note(
        f"saved profile {profile.name!r}{' (the default)' if is_default else ''}; its secret "
        f"key is in {ctx.credentials.backend_name()}."
    )


def _read_secret(ctx: Context, name: str, from_stdin: bool) -> str:
    if from_stdin:
        secret = ctx.stdin.readline().rstrip("\r\n")
    elif _isatty(ctx.stdin):
        secret = getpass.getpass(f"Secret key for profile {name!r} (not shown): ")
    else:
        raise UsageError(
            "There is no terminal to ask for the secret key.",
            "Pipe it in with --secret-stdin (never put it on the command line).",
        )
    if not secret.strip():
        raise UsageError("The secret key is empty; nothing was saved.")
    return secret.strip()


def add(ctx: Context) -> None:
    a = ctx.args
    disable_core_dumps()
    access_key = a.access_key
    if not access_key:
        if not _isatty(ctx.stdin) or a.secret_stdin:
            raise UsageError("Give the access key with --access-key.")
        access_key = input(f"Access key for profile {a.name!r}: ").strip()
    values: dict[str, Any] = {"name": a.name, "access_key": access_key}
    for key in ("endpoint", "proxy", "ca_bundle", "connect_timeout", "read_timeout"):
        value = getattr(a, key)
        if value is not None:
            values[key] = value
    if a.ca_bundle and not Path(a.ca_bundle).is_file():
        raise UsageError(f"--ca-bundle: there is no file {a.ca_bundle}.")
    profile = _profile(values)
    secret = _read_secret(ctx, a.name, a.secret_stdin)
    _save(ctx, profile, secret, replace=a.replace, default=a.default)


def list_profiles(ctx: Context) -> None:
    disable_core_dumps()
    store = ctx.profiles
    settings = store.load()
    skipped = settings.skipped_error()
    if skipped is not None:
        ctx.warn(f"{skipped.message} ({store.path})")
    # The default as the file names it: one left out is no one's (another is not used).
    default = settings.default_profile
    if default is None and settings.profiles:
        default = settings.profiles[0].name
    rows = []
    for profile in settings.profiles:
        stored = store.credentials.get(profile.name) is not None
        rows.append(
            {
                "name": profile.name,
                "default": profile.name == default,
                "access_key": profile.access_key,
                "endpoint": profile.endpoint,
                "proxy": profile.proxy,
                "ca_bundle": None if profile.ca_bundle is None else str(profile.ca_bundle),
                "connect_timeout": profile.connect_timeout,
                "read_timeout": profile.read_timeout,
                "secret": "stored" if stored else "missing",
            }
        )
    if ctx.output == "table" and not rows:
        ctx.note("no profiles yet; add one with 'aitems profiles add NAME'.")
    ctx.show(rows, kind="profiles")
    if ctx.env.get(ENV_ACCESS_KEY):
        ctx.note(f"{ENV_ACCESS_KEY} / {ENV_SECRET_KEY} are set: commands use those keys.")


def _require(ctx: Context, name: str) -> None:
    settings = ctx.profiles.load()
    if settings.find(name) is None and settings.find_skipped(name) is None:
        raise CommandError(
            ExitCode.NOT_FOUND,
            f"There is no profile {name!r}.",
            "See the profiles with 'aitems profiles list'.",
        )


def remove(ctx: Context) -> None:
    name = ctx.args.name
    _require(ctx, name)
    ctx.profiles.delete(name)
    ctx.note(f"removed profile {name!r} and its secret key")


def set_default(ctx: Context) -> None:
    name = ctx.args.name
    _require(ctx, name)
    ctx.profiles.set_default(name)
    ctx.note(f"{name!r} is the default profile now")


def test(ctx: Context) -> None:
    name = ctx.args.name
    if name is not None:
        # A named profile is tested with its own keys, whatever the environment says.
        ctx.profile_name = name
        ctx.env = {
            k: v
            for k, v in ctx.env.items()
            if k not in (ENV_ACCESS_KEY, ENV_SECRET_KEY, ENV_ENDPOINT)
        }
    connection = ctx.connection()
    started = time.monotonic()
    from aitems_desktop.core import catalogue as c
    from aitems_desktop.core.api import build
    from aitems_desktop.core.models import PageQuery

    result = ctx.call(c.SERVICES_LIST, query=build(PageQuery, offset=0, limit=1))
    if result is None:
        return
    elapsed_ms = (time.monotonic() - started) * 1000
    ctx.note(f"the keys of {connection.label!r} work ({connection.source})")
    ctx.show(
        {
            "profile": connection.label,
            "endpoint": connection.base_url,
            "access_key": connection.access_key,
            "source": connection.source,
            "ok": True,
            "milliseconds": round(elapsed_ms),
        }
    )


def import_ncloud(ctx: Context) -> None:
    a = ctx.args
    disable_core_dumps()
    path = Path(a.file).expanduser() if a.file else ncloud.default_path()
    try:
        keys = ncloud.read_keys(path, a.section)
    except ncloud.ConfigureFileError as exc:
        raise UsageError(
            str(exc), "Give the file with --file and the section with --section."
        ) from None
    name = a.name or ("ncloud" if a.section == ncloud.DEFAULT_SECTION else a.section)
    profile = _profile({"name": name, "access_key": keys.access_key})
    if not keys.public_site:
        ctx.warn(
            f"{ncloud.API_URL} in {path} is {keys.api_url}: AiTEMS is on the public site "
            "only, so the profile uses the public AiTEMS endpoint."
        )
    _save(ctx, profile, keys.secret_key, replace=a.replace, default=a.default)
    loose = os.name == "posix" and ncloud.readable_by_others(path)
    ctx.warn(
        f"{path} still holds the secret key in plain text"
        + (", readable by other users of this computer" if loose else "")
        + ". If nothing else needs it, delete the ncloud_secret_access_key line"
        + (f"; otherwise run 'chmod 600 {path}'." if loose else ".")
    )
