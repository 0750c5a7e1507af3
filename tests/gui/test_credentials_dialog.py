"""The Credentials dialog, driven like a user would, against an in-memory keyring and the
sandbox on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from credentials_doubles import (
    MemoryKeyring,
    MessageBoxAnswers,
    RecordingProfileStore,
    ThreadRecorder,
    isolated_keyring,
    recording_credential_store,
)
from keyring.backends import fail
from pydantic import SecretStr
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from aitems_desktop.core.credentials import SERVICE_NAME, CredentialStore
from aitems_desktop.core.models import CreateServiceRequest
from aitems_desktop.core.profiles import (
    Profile,
    ProfileSettings,
    ProfileStore,
    resolve_credentials,
)
from aitems_desktop.gui.credentials_dialog import CredentialsDialog
from aitems_desktop.gui.worker import WorkerRegistry
from aitems_desktop.sandbox import SandboxServer

SECRET = "gui-secret-7f3a9c"


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    yield from isolated_keyring(tmp_path, monkeypatch)


@pytest.fixture
def server() -> Iterator[str]:
    """The sandbox, which checks the NCP signature like the gateway; it knows one key pair."""
    with SandboxServer(access_key="AK-GOOD", secret_key=SECRET) as running:
        yield running.base_url


@pytest.fixture
def credentials() -> Iterator[CredentialStore]:
    store = CredentialStore(timeout=10)
    yield store
    store.close()


@pytest.fixture
def profiles(credentials: CredentialStore, tmp_path: Path) -> ProfileStore:
    return ProfileStore(credentials)


def open_dialog(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore, **kw: bool
) -> CredentialsDialog:
    dialog = CredentialsDialog(profiles, credentials, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_busy())  # the keyring check has answered
    return dialog


def fill(dialog: CredentialsDialog, qtbot: QtBot, **fields: str) -> None:
    form = dialog.form
    edits = {
        "name": form.name_edit,
        "access_key": form.access_key_edit,
        "secret": form.secret_field.edit,
        "endpoint": form.endpoint_edit,
    }
    for key, value in fields.items():
        edits[key].clear()
        qtbot.keyClicks(edits[key], value)


def click(qtbot: QtBot, dialog: CredentialsDialog, button_name: str) -> None:
    button = getattr(dialog, button_name)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy())


def test_adding_a_profile_puts_the_secret_in_the_keyring_only(
    qtbot: QtBot,
    profiles: ProfileStore,
    credentials: CredentialStore,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = open_dialog(qtbot, profiles, credentials)
    assert "Secret keys are kept in" in dialog.notice.text()
    assert not dialog.notice.session_only
    click(qtbot, dialog, "add_button")
    fill(dialog, qtbot, name="work", access_key="AK-GOOD", secret=SECRET)
    with qtbot.waitSignal(dialog.profilesChanged, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.verdict.text().startswith("✔ Saved. The secret key is in")
    assert memory_keyring.passwords == {(SERVICE_NAME, "work"): SECRET}
    assert SECRET not in profiles.path.read_text(encoding="utf-8")
    assert profiles.path.stat().st_mode & 0o777 == 0o600
    assert dialog.profile_list.item(0).text() == "work (default)"
    assert dialog.form.secret_field.edit.text() == ""  # the secret is not shown again


def test_the_secret_field_has_a_show_toggle(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore
) -> None:
    dialog = open_dialog(qtbot, profiles, credentials)
    field = dialog.form.secret_field
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(field.show_button, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(field.show_button, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password


def test_invalid_input_is_explained_and_nothing_is_saved(
    qtbot: QtBot,
    profiles: ProfileStore,
    credentials: CredentialStore,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = open_dialog(qtbot, profiles, credentials)
    fill(dialog, qtbot, name="work", access_key="AK", secret="s", endpoint="ftp://x")
    message = dialog.findChild(QLabel, "endpointEditMessage")
    # Not while the endpoint is being typed: once the field is left or on Save.
    assert not message.isVisible()
    click(qtbot, dialog, "save_button")
    words = "The endpoint is a web address starting with https:// or http://."
    assert message.isVisible()
    assert message.text() == words
    assert dialog.verdict.text() == f"✘ {words}"
    assert QApplication.focusWidget() is dialog.form.endpoint_edit
    fill(dialog, qtbot, endpoint="https://example.com/api/v1")
    dialog.form.secret_field.clear()
    click(qtbot, dialog, "save_button")
    assert "Enter the secret key" in dialog.verdict.text()
    assert memory_keyring.passwords == {}
    assert not profiles.path.exists()


def test_rename_and_delete_carry_the_keyring_entry(
    qtbot: QtBot,
    profiles: ProfileStore,
    credentials: CredentialStore,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profiles.save(Profile(name="one", access_key="A1"), SecretStr("s1"))
    profiles.save(Profile(name="two", access_key="A2"), SecretStr("s2"))
    dialog = open_dialog(qtbot, profiles, credentials)
    dialog.profile_list.setCurrentRow(1)
    assert dialog.form.access_key_edit.text() == "A2"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("renamed", True))
    with qtbot.waitSignal(dialog.profilesChanged, timeout=10_000):
        click(qtbot, dialog, "rename_button")
    assert [p.name for p in profiles.profiles()] == ["one", "renamed"]
    assert memory_keyring.passwords == {
        (SERVICE_NAME, "one"): "s1",
        (SERVICE_NAME, "renamed"): "s2",
    }
    assert dialog.form.name_edit.text() == "renamed"

    click(qtbot, dialog, "default_button")
    assert profiles.load().default_profile == "renamed"

    answers = MessageBoxAnswers(monkeypatch, "Cancel", "Delete profile")
    click(qtbot, dialog, "delete_button")
    assert [p.name for p in profiles.profiles()] == ["one", "renamed"]  # cancelled
    with qtbot.waitSignal(dialog.profilesChanged, timeout=10_000):
        click(qtbot, dialog, "delete_button")
    question = ("Delete profile", "Delete profile “renamed” and its secret key?")
    buttons = ["Cancel", "Delete profile"]  # named for what they do, not Yes and No
    assert answers.asked == [(*question, buttons), (*question, buttons)]
    assert [p.name for p in profiles.profiles()] == ["one"]
    assert profiles.load().default_profile == "one"
    assert memory_keyring.passwords == {(SERVICE_NAME, "one"): "s1"}


def test_editing_keeps_the_stored_secret_unless_a_new_one_is_typed(
    qtbot: QtBot,
    profiles: ProfileStore,
    credentials: CredentialStore,
    memory_keyring: MemoryKeyring,
) -> None:
    profiles.save(Profile(name="work", access_key="A1"), SecretStr("s1"))
    dialog = open_dialog(qtbot, profiles, credentials)
    fill(dialog, qtbot, access_key="A2")
    click(qtbot, dialog, "save_button")
    assert profiles.get("work") == Profile(name="work", access_key="A2")
    assert memory_keyring.passwords == {(SERVICE_NAME, "work"): "s1"}
    fill(dialog, qtbot, secret="s2")
    click(qtbot, dialog, "save_button")
    assert memory_keyring.passwords == {(SERVICE_NAME, "work"): "s2"}


def test_test_connection_gives_a_clear_verdict(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore, server: str
) -> None:
    dialog = open_dialog(qtbot, profiles, credentials)
    fill(dialog, qtbot, name="work", access_key="AK-GOOD", secret=SECRET, endpoint=server)
    click(qtbot, dialog, "test_button")
    assert dialog.verdict.text() == f"✔ Connection works: {server} accepted the keys."

    fill(dialog, qtbot, secret="wrong-secret")
    click(qtbot, dialog, "test_button")
    verdict = dialog.verdict.text()
    assert verdict.startswith("✘ ")
    assert "Authentication" in verdict
    assert "access key and secret key" in verdict  # the hint
    assert "wrong-secret" not in verdict


def test_test_connection_uses_the_stored_secret(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore, server: str
) -> None:
    profiles.save(Profile(name="work", access_key="AK-GOOD", endpoint=server), SecretStr(SECRET))
    dialog = open_dialog(qtbot, profiles, credentials)
    assert dialog.form.secret_field.edit.text() == ""
    click(qtbot, dialog, "test_button")
    assert dialog.verdict.text().startswith("✔ Connection works")


def test_without_a_keyring_the_notice_shows_and_create_works(
    qtbot: QtBot, tmp_path: Path, server: str
) -> None:
    credentials = CredentialStore(fail.Keyring(), timeout=10)
    profiles = ProfileStore(credentials)
    dialog = open_dialog(qtbot, profiles, credentials)
    assert dialog.notice.session_only
    assert dialog.notice.isVisible()
    assert "this session only" in dialog.notice.text()
    assert "No system keyring" in dialog.notice.text()  # and why
    fill(dialog, qtbot, name="work", access_key="AK-GOOD", secret=SECRET, endpoint=server)
    click(qtbot, dialog, "save_button")
    assert "for this session only" in dialog.verdict.text()
    assert SECRET not in profiles.path.read_text(encoding="utf-8")

    connection = resolve_credentials(None, {}, profiles=profiles)
    assert connection is not None
    assert connection.session_only
    # The session secret signs a real create (through the window: test_credentials_window).
    with connection.client(max_attempts=1) as client:
        service = client.create_service(CreateServiceRequest(name="demo_service"))
    assert service.name == "demo_service"
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    credentials.close()


def test_first_launch_offers_the_sandbox(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore
) -> None:
    dialog = open_dialog(qtbot, profiles, credentials, first_launch=True)
    assert dialog.sandbox_button is not None
    assert dialog.form.name_edit.text() == ""  # ready to add the first profile
    with qtbot.waitSignal(dialog.sandboxRequested, timeout=5000):
        qtbot.mouseClick(dialog.sandbox_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert open_dialog(qtbot, profiles, credentials).sandbox_button is None


def test_a_keyring_that_does_not_answer_is_reported(
    qtbot: QtBot, profiles: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.release.clear()  # an unlock prompt nobody answers
    credentials = CredentialStore(timeout=0.3)
    dialog = CredentialsDialog(profiles, credentials)
    qtbot.addWidget(dialog)
    assert dialog.is_busy()
    assert not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert "did not answer within 0.3 s" in dialog.notice.text()
    assert dialog.save_button.isEnabled()
    memory_keyring.release.set()
    credentials.close()


def test_a_corrupt_profiles_file_is_reported(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore
) -> None:
    profiles.directory.mkdir(parents=True)
    profiles.path.write_text("{broken", encoding="utf-8")
    dialog = open_dialog(qtbot, profiles, credentials)
    assert "could not be read" in dialog.verdict.text()
    assert dialog.profile_list.count() == 0
    # Opening the dialog reads: it leaves the file where it is.
    assert profiles.path.read_text(encoding="utf-8") == "{broken"
    assert not list(profiles.directory.glob("profiles.json.corrupt-*"))


def test_a_bad_profile_is_reported_and_the_others_listed(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore
) -> None:
    profiles.directory.mkdir(parents=True)
    content = (
        '{"version": 1, "profiles": [{"name": "one", "access_key": "AK1"}, '
        '{"name": "huge", "access_key": "AK2", "read_timeout": 1e308}]}'
    )
    profiles.path.write_text(content, encoding="utf-8")
    dialog = open_dialog(qtbot, profiles, credentials)
    assert "“huge”" in dialog.verdict.text()
    assert dialog.profile_list.count() == 1
    assert profiles.path.read_text(encoding="utf-8") == content


def test_closing_while_the_keyring_hangs_returns_at_once_and_drops_the_result(
    qtbot: QtBot, profiles: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.release.clear()  # an unlock prompt nobody answers
    credentials = CredentialStore(timeout=10)
    workers = WorkerRegistry()
    dialog = CredentialsDialog(profiles, credentials, workers=workers)
    qtbot.addWidget(dialog)
    assert dialog.is_busy()
    dialog.reject()
    assert not dialog.isVisible()
    assert not dialog.is_busy()
    # The profiles' read ends on its own; the keyring call stays in the registry: waited
    # for, never killed.
    qtbot.waitUntil(lambda: workers.running_count() == 1, timeout=10_000)
    memory_keyring.release.set()  # the prompt is answered after all
    qtbot.waitUntil(lambda: workers.running_count() == 0, timeout=10_000)
    assert "Secret keys are kept in" not in dialog.notice.text()  # the late answer dropped
    credentials.close()


def test_closing_during_a_connection_test_cancels_the_request(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore
) -> None:
    with SandboxServer(access_key="AK-GOOD", secret_key=SECRET, latency_ms=20_000) as slow:
        workers = WorkerRegistry()
        dialog = CredentialsDialog(profiles, credentials, workers=workers)
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.is_busy())
        fill(dialog, qtbot, name="w", access_key="AK-GOOD", secret=SECRET, endpoint=slow.base_url)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(slow.requests) == 1, timeout=10_000)
        dialog.reject()
        # The client's cancel wakes the blocked read: the thread ends long before 20 s.
        assert workers.shutdown(5000)


# --- the keyboard ---------------------------------------------------------------------------


def test_enter_saves_the_profile_and_keeps_what_was_typed(
    qtbot: QtBot,
    profiles: ProfileStore,
    credentials: CredentialStore,
    memory_keyring: MemoryKeyring,
) -> None:
    dialog = open_dialog(qtbot, profiles, credentials)
    fill(dialog, qtbot, name="work", access_key="AK-GOOD", secret=SECRET)
    assert dialog.save_button.isDefault()
    with qtbot.waitSignal(dialog.profilesChanged, timeout=10_000):
        QTest.keyClick(dialog.form.secret_field.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert memory_keyring.passwords == {(SERVICE_NAME, "work"): SECRET}
    assert [p.name for p in profiles.profiles()] == ["work"]
    assert dialog.form.name_edit.text() == "work"
    assert dialog.form.access_key_edit.text() == "AK-GOOD"
    # Enter in the other fields saves too (and "Add" is never what Enter presses).
    fill(dialog, qtbot, access_key="AK-NEW")
    with qtbot.waitSignal(dialog.profilesChanged, timeout=10_000):
        QTest.keyClick(dialog.form.access_key_edit, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert profiles.get("work") == Profile(name="work", access_key="AK-NEW")
    assert [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()] == ["Sa&ve"]


def test_esc_asks_before_unsaved_edits_are_thrown_away(
    qtbot: QtBot,
    profiles: ProfileStore,
    credentials: CredentialStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = MessageBoxAnswers(monkeypatch, "Keep Editing", "Discard")
    dialog = open_dialog(qtbot, profiles, credentials)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not dialog.isVisible()
    assert answers.asked == []

    dialog = open_dialog(qtbot, profiles, credentials)
    fill(dialog, qtbot, name="work", access_key="AK-GOOD")
    QTest.keyClick(dialog.form.access_key_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # "Keep Editing"
    assert dialog.form.name_edit.text() == "work"
    qtbot.mouseClick(
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close),
        Qt.MouseButton.LeftButton,
    )
    assert not dialog.isVisible()  # "Discard"
    assert (
        answers.asked
        == [
            (
                "Discard changes?",
                "The changes to this profile have not been saved.",
                ["Discard", "Keep Editing"],
            )
        ]
        * 2
    )
    assert not profiles.path.exists()


def test_a_typed_secret_counts_as_an_unsaved_edit(
    qtbot: QtBot,
    profiles: ProfileStore,
    credentials: CredentialStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profiles.save(Profile(name="work", access_key="A1"), SecretStr("s1"))
    answers = MessageBoxAnswers(monkeypatch, "Discard")
    dialog = open_dialog(qtbot, profiles, credentials)
    assert not dialog.form.is_modified()
    fill(dialog, qtbot, secret="s2")
    dialog.reject()
    assert not dialog.isVisible()
    assert len(answers.asked) == 1


# --- nothing on the GUI thread but the GUI ------------------------------------------------------


def test_the_gui_thread_never_takes_a_store_lock_or_touches_the_file(
    qtbot: QtBot, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = ThreadRecorder()
    credentials = recording_credential_store(recorder, timeout=10)
    profiles = RecordingProfileStore(credentials, recorder)
    profiles.directory.mkdir(parents=True)
    profiles.path.write_text("{broken", encoding="utf-8")  # moved aside by the first read
    MessageBoxAnswers(monkeypatch, "Delete profile")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("renamed", True))

    dialog = open_dialog(qtbot, profiles, credentials)
    assert "could not be read" in dialog.verdict.text()
    for name in ("one", "two"):
        click(qtbot, dialog, "add_button")
        fill(dialog, qtbot, name=name, access_key="AK-GOOD", secret=SECRET, endpoint=server)
        click(qtbot, dialog, "save_button")
    assert dialog.profile_list.count() == 2
    dialog.profile_list.setCurrentRow(0)
    click(qtbot, dialog, "test_button")  # the stored secret, read from the keyring
    assert dialog.verdict.text().startswith("✔ Connection works")
    click(qtbot, dialog, "rename_button")
    dialog.profile_list.setCurrentRow(1)
    click(qtbot, dialog, "default_button")
    click(qtbot, dialog, "delete_button")
    assert recorder.on_the_gui_thread() == []
    assert [p.name for p in profiles.profiles()] == ["renamed"]  # (the test reads it, here)
    assert recorder.off_the_gui_thread() == {
        "profiles file read",
        "profiles file written",
        "profile store lock",
        "credential store lock",
    }
    credentials.close()


def test_a_save_stuck_on_the_keyring_leaves_the_window_responsive(
    qtbot: QtBot, profiles: ProfileStore, memory_keyring: MemoryKeyring
) -> None:
    recorder = ThreadRecorder()
    credentials = recording_credential_store(recorder, timeout=0.3)
    profiles = RecordingProfileStore(credentials, recorder)
    profiles.save(Profile(name="one", access_key="A1"), SecretStr("s1"))
    profiles.save(Profile(name="two", access_key="A2"), SecretStr("s2"))
    recorder.calls.clear()
    dialog = open_dialog(qtbot, profiles, credentials)

    memory_keyring.release.clear()  # an unlock prompt nobody answers
    fill(dialog, qtbot, secret="new-secret")
    click(qtbot, dialog, "save_button")
    # The save gave up waiting, but its keyring call still holds the store's lock.
    assert "did not answer within 0.3 s" in dialog.verdict.text()
    dialog.profile_list.setCurrentRow(1)
    qtbot.mouseClick(dialog.default_button, Qt.MouseButton.LeftButton)
    assert dialog.is_busy()  # waiting, on a worker; the window goes on painting
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked))
    assert recorder.on_the_gui_thread() == []

    memory_keyring.release.set()  # the prompt is answered at last
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    assert dialog.profile_list.item(1).text() == "two (default)"
    assert recorder.on_the_gui_thread() == []
    assert profiles.load().default_profile == "two"  # (the test reads it, here)
    credentials.close()


# --- typing while the dialog reads ----------------------------------------------------------


class GatedProfileStore(ProfileStore):
    """Profiles whose reading waits for ``release``: a slow disk or a keyring that answers late."""

    def __init__(self, credentials: CredentialStore) -> None:
        super().__init__(credentials)
        self.release = threading.Event()
        self.reading = threading.Event()

    def load(self) -> ProfileSettings:
        self.reading.set()
        self.release.wait(timeout=30)
        return super().load()


def type_keys(qtbot: QtBot, *keys: str | Qt.Key) -> None:
    """Type into whatever has the focus, as a person does."""
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None
        if isinstance(key, str):
            qtbot.keyClicks(target, key)
        else:
            qtbot.keyClick(target, key)


@pytest.mark.parametrize("existing", [False, True])
def test_what_is_typed_before_the_profiles_are_read_is_kept(
    qtbot: QtBot, credentials: CredentialStore, existing: bool
) -> None:
    profiles = GatedProfileStore(credentials)
    if existing:
        profiles.release.set()
        profiles.save(Profile(name="old", access_key="AK-OLD"), SecretStr("s"))
        profiles.release.clear()
    dialog = CredentialsDialog(profiles, credentials)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert profiles.reading.wait(10)
    type_keys(qtbot, "work", Qt.Key.Key_Tab, "AK-NEW", Qt.Key.Key_Tab, "secretvalue")
    profiles.release.set()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    form = dialog.form
    assert (form.name_edit.text(), form.access_key_edit.text()) == ("work", "AK-NEW")
    assert form.secret_field.edit.text() == "secretvalue"
    assert QApplication.focusWidget() is form.secret_field.edit
    # The list is there, with nothing selected: the form holds a new profile.
    assert dialog.profile_list.count() == (1 if existing else 0)
    assert dialog.profile_list.currentItem() is None


def test_a_field_is_judged_once_left_in_plain_words(
    qtbot: QtBot, profiles: ProfileStore, credentials: CredentialStore
) -> None:
    dialog = open_dialog(qtbot, profiles, credentials)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.form.name_edit.setFocus()
    name_message = dialog.findChild(QLabel, "nameEditMessage")
    key_message = dialog.findChild(QLabel, "accessKeyEditMessage")
    type_keys(qtbot, "work")
    # The access key is still empty, but nobody has been there yet: nothing is said.
    assert not key_message.isVisible()
    assert not name_message.isVisible()
    type_keys(qtbot, Qt.Key.Key_Tab, "A K", Qt.Key.Key_Tab)
    assert key_message.isVisible()
    assert key_message.text() == "Enter the access key: one word, as the NCP console shows it."
    assert not name_message.isVisible()
    # Fixed as it is typed, the message goes.
    dialog.form.access_key_edit.setFocus()
    type_keys(qtbot, Qt.Key.Key_End, Qt.Key.Key_Backspace, Qt.Key.Key_Backspace, "K")
    assert not key_message.isVisible()
    assert dialog.form.access_key_edit.text() == "AK"


def test_without_a_keyring_a_secret_of_an_earlier_run_is_asked_for_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first_run = CredentialStore(fail.Keyring(), timeout=10)
    ProfileStore(first_run).save(Profile(name="work", access_key="AK"), SecretStr(SECRET))
    # This run keeps the secret: the form says it is there.
    dialog = open_dialog(qtbot, ProfileStore(first_run), first_run)
    assert dialog.form.secret_field.edit.placeholderText() == (
        "stored; type a new one to replace it"
    )
    dialog.close()
    first_run.close()
    # After a restart nothing holds it: the form says so, and Save asks for it.
    restarted = CredentialStore(fail.Keyring(), timeout=10)
    dialog = open_dialog(qtbot, ProfileStore(restarted), restarted)
    assert dialog.form.name_edit.text() == "work"
    placeholder = dialog.form.secret_field.edit.placeholderText()
    assert "stored" not in placeholder
    assert placeholder == "not kept since the app was closed (no keyring): enter it again"
    click(qtbot, dialog, "save_button")
    assert dialog.verdict.text().startswith("✘ Enter the secret key again")
    assert QApplication.focusWidget() is dialog.form.secret_field.edit
    fill(dialog, qtbot, secret=SECRET)
    click(qtbot, dialog, "save_button")
    assert "for this session only" in dialog.verdict.text()
    assert dialog.form.secret_field.edit.placeholderText() == (
        "stored; type a new one to replace it"
    )
    restarted.close()
