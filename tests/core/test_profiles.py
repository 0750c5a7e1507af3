"""Profiles: the settings file, its keyring entries, and resolving the active connection."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from keyring_doubles import MemoryKeyring
from pydantic import SecretStr, ValidationError

from aitems_desktop.core.connection import DEFAULT_ENDPOINT
from aitems_desktop.core.credentials import (
    SERVICE_NAME,
    CredentialError,
    CredentialStore,
    SecretLocation,
)
from aitems_desktop.core.profiles import (
    Profile,
    ProfileError,
    ProfileStore,
    config_dir,
    duplicate_names,
    resolve_credentials,
)

SECRET = "very-secret-key-0123"


@pytest.fixture
def store(tmp_path: Path) -> ProfileStore:
    return ProfileStore(CredentialStore(), tmp_path / "config")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_profile_defaults_and_validation() -> None:
    profile = Profile(name="work", access_key=" AK1 ", proxy="", ca_bundle="")
    assert profile.endpoint == DEFAULT_ENDPOINT
    assert profile.access_key == "AK1"
    assert profile.proxy is None
    assert profile.ca_bundle is None
    assert profile.timeout == (10.0, 60.0)
    assert Profile(name="x", access_key="a", endpoint="http://127.0.0.1:8080/api/v1/").endpoint == (
        "http://127.0.0.1:8080/api/v1"
    )
    for bad in [
        {"name": "", "access_key": "a"},
        {"name": " padded", "access_key": "a"},
        {"name": "tab\there", "access_key": "a"},
        {"name": "x" * 65, "access_key": "a"},
        {"name": "w", "access_key": ""},
        {"name": "w", "access_key": "two words"},
        {"name": "w", "access_key": "a", "endpoint": "ftp://example.com"},
        {"name": "w", "access_key": "a", "endpoint": "not a url"},
        {"name": "w", "access_key": "a", "proxy": "example.com:3128"},
        {"name": "w", "access_key": "a", "connect_timeout": 0},
    ]:
        with pytest.raises(ValidationError):
            Profile.model_validate(bad)


def test_config_dir_follows_the_override_and_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config_dir({"AITEMS_DESKTOP_CONFIG_DIR": "/somewhere"}) == Path("/somewhere")
    monkeypatch.delenv("AITEMS_DESKTOP_CONFIG_DIR")
    # conftest points XDG_CONFIG_HOME into tmp_path; platformdirs follows it on Linux.
    assert config_dir() == Path(os.environ["XDG_CONFIG_HOME"]) / "aitems-desktop"


def test_save_writes_an_owner_only_file_without_the_secret(
    store: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    location = store.save(Profile(name="work", access_key="AK1"), SecretStr(SECRET))
    assert location is SecretLocation.KEYRING
    assert memory_keyring.passwords == {(SERVICE_NAME, "work"): SECRET}
    assert mode(store.path) == 0o600
    assert mode(store.directory) == 0o700
    text = store.path.read_text(encoding="utf-8")
    assert SECRET not in text
    assert json.loads(text)["profiles"][0]["access_key"] == "AK1"
    assert [p.name for p in ProfileStore(CredentialStore(), store.directory).profiles()] == ["work"]
    assert sorted(p.name for p in store.directory.iterdir()) == ["profiles.json"]  # no temp left


def test_the_first_profile_is_the_default(store: ProfileStore) -> None:
    assert store.default() is None
    store.save(Profile(name="one", access_key="a"), SecretStr("s1"))
    store.save(Profile(name="two", access_key="b"), SecretStr("s2"))
    assert store.load().default_profile == "one"
    store.set_default("two")
    assert store.default() == store.get("two")
    store.delete("two")
    assert store.load().default_profile == "one"
    with pytest.raises(ProfileError):
        store.set_default("missing")


def test_adding_an_existing_name_fails(store: ProfileStore) -> None:
    store.save(Profile(name="work", access_key="a"), SecretStr("s"))
    with pytest.raises(ProfileError, match="already exists"):
        store.save(Profile(name="work", access_key="b"), SecretStr("t"))
    assert store.get("work") == Profile(name="work", access_key="a")


def test_rename_moves_the_keyring_entry(store: ProfileStore, memory_keyring: MemoryKeyring) -> None:
    store.save(Profile(name="old", access_key="a"), SecretStr("s"))
    store.save(Profile(name="other", access_key="b"), SecretStr("t"))
    store.rename("old", "new")
    assert [p.name for p in store.profiles()] == ["new", "other"]
    assert store.load().default_profile == "new"
    assert memory_keyring.passwords == {(SERVICE_NAME, "new"): "s", (SERVICE_NAME, "other"): "t"}
    with pytest.raises(ProfileError, match="already exists"):
        store.rename("new", "other")
    with pytest.raises(ProfileError):
        store.rename("new", " bad")
    assert memory_keyring.passwords[(SERVICE_NAME, "new")] == "s"


def test_edit_with_a_new_name_and_secret(
    store: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    store.save(Profile(name="old", access_key="a"), SecretStr("s"))
    store.save(Profile(name="new", access_key="b"), SecretStr("t"), previous_name="old")
    assert store.profiles() == [Profile(name="new", access_key="b")]
    assert memory_keyring.passwords == {(SERVICE_NAME, "new"): "t"}
    with pytest.raises(ProfileError, match="no profile"):
        store.save(Profile(name="x", access_key="b"), previous_name="missing")


def test_delete_removes_the_keyring_entry(
    store: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    store.save(Profile(name="work", access_key="a"), SecretStr("s"))
    store.delete("work")
    assert store.profiles() == []
    assert store.load().default_profile is None
    assert memory_keyring.passwords == {}
    with pytest.raises(ProfileError):
        store.delete("work")


def test_a_failed_write_keeps_the_old_file(
    store: ProfileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(Profile(name="work", access_key="a"), SecretStr("s"))
    before = store.path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ProfileError, match="No space left"):
        store.save(Profile(name="two", access_key="b"), SecretStr("t"))
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.directory.iterdir()) == ["profiles.json"]


@pytest.mark.parametrize(
    "content", [b"{not json", b'{"profiles": {}}', b"[]", b"\xff\xfe", b'{"version": 2}']
)
def test_an_unreadable_file_is_reported_left_alone_and_moved_aside_by_a_save(
    store: ProfileStore, content: bytes
) -> None:
    store.directory.mkdir(parents=True)
    store.path.write_bytes(content)
    for _ in range(2):  # reading never changes the file
        with pytest.raises(ProfileError, match="could not be read"):
            store.load()
        with pytest.raises(ProfileError):
            store.profiles()
    assert store.path.read_bytes() == content
    assert not list(store.directory.glob("profiles.json.corrupt-*"))
    store.save(Profile(name="work", access_key="a"), SecretStr("s"))
    backups = list(store.directory.glob("profiles.json.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == content
    assert [p.name for p in store.profiles()] == ["work"]
    # A second corruption (same second or not) gets its own backup.
    store.path.write_bytes(content)
    store.save(Profile(name="two", access_key="b"), SecretStr("t"))
    assert len(list(store.directory.glob("profiles.json.corrupt-*"))) == 2


def _file_with_bad_entries(store: ProfileStore) -> dict[str, Any]:
    content: dict[str, Any] = {
        "version": 1,
        "default_profile": "good",
        "profiles": [
            {"name": "good", "access_key": "AK1"},
            {"name": "huge", "access_key": "AK2", "read_timeout": 1e308},
            {"name": "badkey", "access_key": "A K"},
            {"name": "good", "access_key": "AK3"},
            "not an object",
            {"name": "other", "access_key": "AK4"},
        ],
    }
    store.directory.mkdir(parents=True)
    store.path.write_text(json.dumps(content), encoding="utf-8")
    return content


def test_a_bad_profile_is_skipped_and_the_others_kept(store: ProfileStore) -> None:
    content = _file_with_bad_entries(store)
    before = store.path.read_bytes()
    settings = store.load()
    assert [p.name for p in settings.profiles] == ["good", "other"]
    assert [(s.index, s.name) for s in settings.skipped] == [
        (1, "huge"),
        (2, "badkey"),
        (3, "good"),
        (4, None),
    ]
    assert "read_timeout" in settings.skipped[0].problem
    error = settings.skipped_error()
    assert error is not None
    assert "4 profiles were left out" in error.message
    assert "AK2" not in error.message
    assert "A K" not in error.message
    assert store.get("other") is not None
    assert store.default() is not None
    with pytest.raises(ProfileError, match="“huge” cannot be used"):
        store.get("huge")
    assert store.path.read_bytes() == before
    assert not list(store.directory.glob("profiles.json.corrupt-*"))
    # A change keeps the unusable entries as they were; saving one of them replaces it.
    store.save(Profile(name="huge", access_key="AK5"), SecretStr("s"))
    written = json.loads(store.path.read_text(encoding="utf-8"))
    assert [p["name"] for p in written["profiles"][:3]] == ["good", "other", "huge"]
    assert written["profiles"][2]["access_key"] == "AK5"
    assert written["profiles"][3:] == content["profiles"][2:5]
    store.delete("badkey")
    assert [s.name for s in store.load().skipped] == ["good", None]


def test_a_default_that_cannot_be_used_is_not_replaced_by_another(store: ProfileStore) -> None:
    _file_with_bad_entries(store)
    content = json.loads(store.path.read_text(encoding="utf-8"))
    content["default_profile"] = "huge"
    store.path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(ProfileError, match="“huge” cannot be used"):
        store.default()
    with pytest.raises(ProfileError, match="“huge” cannot be used"):
        resolve_credentials(None, {}, profiles=store)


def test_the_environment_overrides_the_profile(store: ProfileStore) -> None:
    store.save(
        Profile(name="work", access_key="AK", endpoint="http://127.0.0.1:9/api/v1"),
        SecretStr("s"),
    )
    env = {"NCLOUD_ACCESS_KEY": "ENVAK", "NCLOUD_SECRET_KEY": "envsecret"}
    connection = resolve_credentials(None, env, profiles=store)
    assert connection is not None
    assert connection.access_key == "ENVAK"
    assert connection.secret_key == "envsecret"
    assert connection.base_url == "http://127.0.0.1:9/api/v1"  # still the profile's endpoint
    assert connection.source == "keys from NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY"
    assert connection.label == "work"
    assert connection.from_environment
    assert "envsecret" not in repr(connection)
    # Without any profile the environment alone is enough.
    bare = resolve_credentials(
        None, env, profiles=ProfileStore(CredentialStore(), store.directory / "x")
    )
    assert bare is not None
    assert bare.base_url == DEFAULT_ENDPOINT
    assert bare.label == "environment"
    elsewhere = resolve_credentials(
        None, {**env, "AITEMS_ENDPOINT": "http://127.0.0.1:8/api/v1/"}, profiles=store
    )
    assert elsewhere is not None
    assert elsewhere.base_url == "http://127.0.0.1:8/api/v1"


@pytest.mark.parametrize("present", ["NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"])
def test_a_half_set_environment_is_an_error(store: ProfileStore, present: str) -> None:
    with pytest.raises(CredentialError, match=f"{present} is set but"):
        resolve_credentials(None, {present: "x"}, profiles=store)


def test_resolving_a_stored_profile(store: ProfileStore) -> None:
    assert resolve_credentials(None, {}, profiles=store) is None  # first launch
    store.save(Profile(name="one", access_key="A1"), SecretStr("s1"))
    store.save(Profile(name="two", access_key="A2", read_timeout=5), SecretStr("s2"))
    default = resolve_credentials(None, {}, profiles=store)
    assert default is not None
    assert (default.label, default.access_key, default.secret_key) == ("one", "A1", "s1")
    chosen = resolve_credentials("two", {}, profiles=store)
    assert chosen is not None
    assert chosen.timeout == (10.0, 5.0)
    assert chosen.source == "secret in keyring doubles MemoryKeyring"
    assert not chosen.session_only
    with pytest.raises(ProfileError, match="no profile “three”"):
        resolve_credentials("three", {}, profiles=store)


def test_a_profile_without_a_stored_secret_is_an_error(
    store: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    store.save(Profile(name="work", access_key="A"), SecretStr("s"))
    memory_keyring.passwords.clear()
    with pytest.raises(CredentialError, match="No secret key is stored"):
        resolve_credentials(None, {}, profiles=store)


def test_without_a_keyring_the_secret_lives_for_the_session(tmp_path: Path) -> None:
    store = ProfileStore(CredentialStore(fail.Keyring()), tmp_path / "config")
    assert store.save(Profile(name="work", access_key="A"), SecretStr(SECRET)) is (
        SecretLocation.SESSION
    )
    connection = resolve_credentials(None, {}, profiles=store)
    assert connection is not None
    assert connection.session_only
    assert connection.source == "secret for this session only"
    assert SECRET not in store.path.read_text(encoding="utf-8")


def test_a_connection_builds_a_client_with_the_profile_settings(store: ProfileStore) -> None:
    store.save(
        Profile(
            name="work",
            access_key="AK",
            endpoint="http://127.0.0.1:9/api/v1",
            proxy="http://127.0.0.1:3128",
            ca_bundle=Path("/etc/ssl/private-ca.pem"),
            connect_timeout=2,
            read_timeout=7,
        ),
        SecretStr(SECRET),
    )
    connection = resolve_credentials(None, {}, profiles=store)
    assert connection is not None
    engine = connection.engine(max_attempts=1)
    assert (engine.base_url, engine.access_key) == ("http://127.0.0.1:9/api/v1", "AK")
    assert engine.timeout == (2.0, 7.0)
    assert engine.proxy == "http://127.0.0.1:3128"
    assert engine.ca_bundle == "/etc/ssl/private-ca.pem"
    assert engine.max_attempts == 1
    assert SECRET not in repr(engine)


def test_importing_profiles_loads_neither_keyring_nor_requests() -> None:
    # Startup: the window paints before the keyring library or requests are imported.
    import subprocess
    import sys

    code = (
        "import sys, aitems_desktop.core.profiles, aitems_desktop.core.credentials; "
        "print(sorted(m for m in ('keyring', 'requests', 'platformdirs') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_reading_never_waits_for_a_writer_stuck_in_the_keyring(tmp_path: Path) -> None:
    import threading

    class SlowKeyring(MemoryKeyring):
        def __init__(self) -> None:
            super().__init__()
            self.entered = threading.Event()
            self.release = threading.Event()

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entered.set()
            self.release.wait(timeout=30)  # an unlock prompt nobody has answered yet
            super().set_password(service, username, password)

    backend = SlowKeyring()
    store = ProfileStore(CredentialStore(backend), tmp_path / "config")
    writer = threading.Thread(
        target=store.save, args=(Profile(name="work", access_key="a"), SecretStr("s"))
    )
    writer.start()
    try:
        assert backend.entered.wait(timeout=10)
        reader_done = threading.Event()
        threading.Thread(target=lambda: (store.profiles(), reader_done.set())).start()
        assert reader_done.wait(timeout=5)  # the GUI thread's read did not block
    finally:
        backend.release.set()
        writer.join(timeout=10)
    assert [p.name for p in store.profiles()] == ["work"]


class _CountedName(str):
    """A name that counts how often it is hashed or compared."""

    operations = 0

    def __hash__(self) -> int:
        _CountedName.operations += 1
        return super().__hash__()

    def __eq__(self, other: object) -> bool:
        _CountedName.operations += 1
        return super().__eq__(other)


def test_the_duplicate_check_is_linear_in_the_number_of_profiles() -> None:
    for count in (1_000, 4_000):
        names = [_CountedName(f"profile-{i}") for i in range(count)]
        names.append(_CountedName("profile-7"))
        _CountedName.operations = 0
        assert duplicate_names(names) == ["profile-7"]
        # One hash per name (and a comparison for the repeated one); comparing every name
        # with every other, as before, took count² comparisons: 16 million for 4,000.
        assert _CountedName.operations <= 3 * (count + 1), (count, _CountedName.operations)


def test_loading_keeps_the_first_profile_of_a_name(store: ProfileStore) -> None:
    store.directory.mkdir(parents=True)
    names = [f"p{i}" for i in range(2_000)] + ["p7"]
    store.path.write_text(
        json.dumps({"profiles": [{"name": n, "access_key": n.upper()} for n in names]}),
        encoding="utf-8",
    )
    settings = store.load()
    assert len(settings.profiles) == 2_000
    assert settings.find("p7") == Profile(name="p7", access_key="P7")
    assert [(s.index, s.name, s.problem) for s in settings.skipped] == [
        (2_000, "p7", "a second profile of this name")
    ]
