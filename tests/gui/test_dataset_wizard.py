"""The dataset wizard (File > New Dataset from a CSV File), page by page, against a sandbox."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from credentials_doubles import MessageBoxAnswers
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot
from screens import connect, dialog, open_window, wait_for

from aitems_desktop.core.objectstorage import UploadCancelledError
from aitems_desktop.gui.datasets import wizard as wizard_module
from aitems_desktop.gui.datasets.wizard import DatasetWizard
from aitems_desktop.gui.shell.self_test import demo_file
from aitems_desktop.gui.shell.workspace_window import WorkspaceWindow
from aitems_desktop.sandbox import Fault, SandboxServer

USERS_HEADER = "USER_ID,AGE,GENDER\n"


@pytest.fixture
def demo() -> Iterator[SandboxServer]:
    # Demo schemas and a bucket aitems-demo holding demo/*.csv; datasets settle at once.
    with SandboxServer(seed_demo=True, time_scale=200) as server:
        yield server


@pytest.fixture
def window(qtbot: QtBot, demo: SandboxServer) -> Iterator[WorkspaceWindow]:
    with open_window(qtbot) as made:
        connect(made, demo, qtbot)
        yield made


class HeldListings:
    """A stand-in for the wizard's Object Storage client maker: listings wait while held."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.real = wizard_module._object_storage
        self.release = threading.Event()
        self.release.set()
        self.waiting = threading.Event()
        self.listed: list[tuple[str, str]] = []
        monkeypatch.setattr(wizard_module, "_object_storage", self.make)

    def hold(self) -> None:
        self.release.clear()
        self.waiting.clear()

    def make(self, runner: Any) -> Any:
        client = self.real(runner)
        real_list = client.list_objects
        release, waiting, listed = self.release, self.waiting, self.listed

        def list_objects(bucket: str, prefix: str = "", **kw: Any) -> Any:
            if not release.is_set():
                waiting.set()
                assert release.wait(30)
            listed.append((bucket, prefix))
            return real_list(bucket, prefix, **kw)

        client.list_objects = list_objects
        return client


def open_wizard(window: WorkspaceWindow) -> DatasetWizard:
    window.new_dataset_action.trigger()
    found: DatasetWizard = dialog(window, "datasetWizard")
    return found


def fill_file_page(wizard: DatasetWizard, path: Path | str, kind: str, schema: str) -> None:
    page = wizard.file_page
    page.path_edit.setText(str(path))
    page.type_combo.setCurrentIndex(page.type_combo.findData(kind))
    page.schema_combo.setCurrentIndex(page.schema_combo.findData(schema))


def to_checked(wizard: DatasetWizard, qtbot: QtBot) -> Any:
    """Next to the check page and wait for its report."""
    wizard.next()
    check = wizard.check_page
    wait_for(qtbot, lambda: check.report is not None or check._task is None)
    return check.report


def to_upload_page(wizard: DatasetWizard, qtbot: QtBot, bucket: str = "aitems-demo") -> Any:
    report = to_checked(wizard, qtbot)
    assert report is not None
    assert report.ok, report.to_text()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    upload = wizard.upload_page
    wait_for(qtbot, lambda: upload.bucket_combo.findData(bucket) >= 0)
    return upload


def test_a_late_bucket_listing_keeps_the_typed_key_and_a_folder_takes_it_in(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = HeldListings(monkeypatch)
    held.hold()
    wizard = open_wizard(window)
    fill_file_page(wizard, demo_file("users.csv"), "user", "demo_users")
    upload = to_upload_page(wizard, qtbot)
    # The bucket's listing is on its way and stalled; the person types a key meanwhile.
    assert held.waiting.wait(10)
    upload.key_edit.selectAll()
    qtbot.keyClicks(upload.key_edit, "mine.csv")
    held.release.set()
    wait_for(qtbot, lambda: upload.folders.count() > 0)
    assert upload.prefix_label.text() == "aitems-demo/"
    assert upload.key_edit.text() == "mine.csv"
    # Opening a folder (by keyboard) moves the typed name into it.
    folder = next(
        i
        for i in range(upload.folders.count())
        if upload.folders.item(i).data(Qt.ItemDataRole.UserRole) == "demo/"
    )
    # A folder is drawn with the style's icon, not a symbol a font may lack.
    assert upload.folders.item(folder).text() == "demo/"
    assert not upload.folders.item(folder).icon().isNull()
    upload.folders.setFocus()
    upload.folders.setCurrentRow(folder)
    qtbot.keyClick(upload.folders, Qt.Key.Key_Return)
    wait_for(qtbot, lambda: upload.prefix_label.text() == "aitems-demo/demo/")
    assert upload.key_edit.text() == "demo/mine.csv"
    assert held.listed[-1] == ("aitems-demo", "demo/")


def test_another_bucket_chosen_while_a_listing_stalls_is_the_one_listed(
    window: WorkspaceWindow, demo: SandboxServer, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.create_bucket("zz-other")
    demo.put_object("zz-other", "other.csv", b"x")
    held = HeldListings(monkeypatch)
    held.hold()
    wizard = open_wizard(window)
    fill_file_page(wizard, demo_file("users.csv"), "user", "demo_users")
    upload = to_upload_page(wizard, qtbot, "zz-other")
    assert held.waiting.wait(10)
    upload.bucket_combo.setCurrentIndex(upload.bucket_combo.findData("zz-other"))
    held.release.set()
    wait_for(qtbot, lambda: upload.prefix_label.text() == "zz-other/")
    texts = [upload.folders.item(i).text() for i in range(upload.folders.count())]
    assert any(t.startswith("other.csv") for t in texts), texts
    # The first bucket's late listing did not land over the second's.
    with qtbot.assertNotEmitted(upload.completeChanged, wait=0):
        qtbot.waitUntil(lambda: window.workers.running_count() == 0, timeout=10_000)
    assert upload.prefix_label.text() == "zz-other/"
    assert upload.bucket() == "zz-other"


def test_the_local_check_lists_problems_with_line_and_column_and_blocks_next(
    window: WorkspaceWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    bad = tmp_path / "users.csv"
    bad.write_text(USERS_HEADER + "u1,31,F\nu2,old,M\nu1,40,F\n", encoding="utf-8")
    wizard = open_wizard(window)
    fill_file_page(wizard, bad, "user", "demo_users")
    report = to_checked(wizard, qtbot)
    assert report is not None
    assert not report.ok
    check = wizard.check_page
    rows = [
        [check.model.item(r, c).text() for c in range(check.model.columnCount())]
        for r in range(check.model.rowCount())
    ]
    by_field = {row[2]: row for row in rows}
    # The header is line 1: "old" is on line 3, in the second column.
    assert by_field["AGE"][:2] == ["3", "2"], rows
    assert by_field["USER_ID"][:2] == ["4", "1"], rows
    assert "AiTEMS would refuse this file." in check.summary.text()
    assert not check.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(check.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "old" in copied
    assert "3" in copied
    # Fixed on disk, "Check Again" lets the person go on.
    bad.write_text(USERS_HEADER + "u1,31,F\nu2,30,M\n", encoding="utf-8")
    qtbot.mouseClick(check.again_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: check.report is not None)
    assert check.report.ok
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_check_starts_again_when_the_user_file_changes(
    window: WorkspaceWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    interactions = tmp_path / "interactions.csv"
    interactions.write_text(
        "USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1700000000,view\nu9,i1,1700000001,view\n",
        encoding="utf-8",
    )
    users = tmp_path / "users.csv"
    users.write_text(USERS_HEADER + "u1,31,F\n", encoding="utf-8")
    wizard = open_wizard(window)
    fill_file_page(wizard, interactions, "interaction", "demo_interactions")
    first = to_checked(wizard, qtbot)
    assert first.warnings == 0
    wizard.back()
    wizard.file_page.user_edit.setText(str(users))
    second = to_checked(wizard, qtbot)
    assert second is not first
    # u9 is not in the user file: a warning, not an error.
    assert second.warnings == 1
    assert second.ok


class BlockingProgress:
    """Holds the worker inside its first progress report until the test lets it go."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()
        real = getattr(wizard_module._ProgressRelay, name)

        def report(relay: Any, progress: Any) -> None:
            self.reached.set()
            assert self.release.wait(30)
            real(relay, progress)

        monkeypatch.setattr(wizard_module._ProgressRelay, name, report)


def test_stopping_the_check_says_so_and_checking_again_finishes(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocking = BlockingProgress(monkeypatch, "check_progress")
    wizard = open_wizard(window)
    fill_file_page(wizard, demo_file("users.csv"), "user", "demo_users")
    wizard.next()
    check = wizard.check_page
    assert blocking.reached.wait(10)
    assert check.cancel_button.isEnabled()
    qtbot.mouseClick(check.cancel_button, Qt.MouseButton.LeftButton)
    blocking.release.set()
    assert check.summary.text() == "The check was stopped."
    assert not check.isComplete()
    assert check.again_button.isEnabled()
    qtbot.waitUntil(lambda: window.workers.running_count() == 0, timeout=10_000)
    assert check.report is None
    qtbot.mouseClick(check.again_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: check.report is not None)
    assert check.isComplete()


def test_stopping_an_upload_removes_what_was_sent_and_says_so(
    window: WorkspaceWindow,
    demo: SandboxServer,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    big = tmp_path / "users.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write(USERS_HEADER)
        out.writelines(f"user{n:08d},{20 + n % 50},{'FM'[n % 2]}\n" for n in range(1_000_000))
    # Over one 16 MiB part: a multipart upload, whose parts must be removed on a stop.
    assert big.stat().st_size > 16 * 1024 * 1024
    blocking = BlockingProgress(monkeypatch, "upload_progress")
    wizard = open_wizard(window)
    fill_file_page(wizard, big, "user", "demo_users")
    upload = to_upload_page(wizard, qtbot)
    upload.key_edit.selectAll()
    qtbot.keyClicks(upload.key_edit, "big/users.csv")
    qtbot.mouseClick(upload.upload_button, Qt.MouseButton.LeftButton)
    assert blocking.reached.wait(30)
    assert not upload.upload_button.isEnabled()
    qtbot.mouseClick(upload.cancel_button, Qt.MouseButton.LeftButton)
    assert upload.status.text() == "Stopping the upload…"
    blocking.release.set()
    wait_for(qtbot, lambda: upload._task is None, timeout=30_000)
    assert upload.status.text() == "The upload was stopped; nothing is left half-uploaded."
    assert demo.list_objects("aitems-demo", "big/") == []
    aborts = [
        r
        for r in demo.object_storage_requests
        if r.method == "DELETE" and "big/users.csv?uploadId=" in r.target
    ]
    assert len(aborts) == 1, demo.object_storage_requests
    assert not upload.isComplete()
    assert upload.upload_button.isEnabled()
    assert upload.key_edit.text() == "big/users.csv"


def test_an_abort_that_was_not_confirmed_says_parts_may_be_left(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Unconfirmed:
        def __init__(self, runner: Any) -> None:
            self.real = real(runner)

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *exc: object) -> None:
            self.real.close()

        def __getattr__(self, name: str) -> Any:
            return getattr(self.real, name)

        def upload_file(self, *args: Any, **kw: Any) -> Any:
            raise UploadCancelledError("the upload was cancelled", aborted=False, upload_id="u-1")

    real = wizard_module._object_storage
    monkeypatch.setattr(wizard_module, "_object_storage", Unconfirmed)
    wizard = open_wizard(window)
    fill_file_page(wizard, demo_file("users.csv"), "user", "demo_users")
    upload = to_upload_page(wizard, qtbot)
    qtbot.mouseClick(upload.upload_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: upload._task is None)
    assert "may stay in the bucket" in upload.status.text()
    assert not upload.isComplete()


def test_a_server_error_on_create_leaves_every_field_as_typed(
    window: WorkspaceWindow, demo: SandboxServer, qtbot: QtBot
) -> None:
    wizard = open_wizard(window)
    fill_file_page(wizard, demo_file("items.csv"), "item", "demo_items")
    upload = to_upload_page(wizard, qtbot)
    upload.existing_radio.setChecked(True)
    upload.key_edit.selectAll()
    qtbot.keyClicks(upload.key_edit, "demo/items.csv")
    assert upload.isComplete()
    wizard.next()
    page = wizard.dataset_page
    # No sentence built around the type word ("A item dataset").
    assert page.summary.text() == (
        "Dataset type: item. Schema: demo_items. Data file: aitems-demo/demo/items.csv (region KR)."
    )
    page.name_edit.setText("")
    qtbot.keyClicks(page.name_edit, "my_items")
    qtbot.keyClicks(page.description_edit, "from the shop")
    # Refused outright (nothing was created, nothing to look up by name).
    demo.inject(
        Fault.GATEWAY_ERROR,
        method="POST",
        path="/datasets",
        status=400,
        code="100",
        message="objectPath must end in .csv or .csv.gz",
    )
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: page._task is None)
    assert page.status.text().startswith("The request was rejected"), page.status.text()
    # The server's own words are shown, not only the category.
    assert "objectPath must end in .csv or .csv.gz" in page.status.text()
    assert page.dataset is None
    assert (page.name_edit.text(), page.description_edit.text()) == ("my_items", "from the shop")
    assert wizard.file_page.path_edit.text() == str(demo_file("items.csv"))
    assert wizard.file_page.schema_name() == "demo_items"
    assert upload.location() == ("aitems-demo", "demo/items.csv")
    assert page.create_button.isEnabled()
    assert not [d for d in demo.datasets() if d["name"] == "my_items"]
    # Tried again, it goes through and the wizard follows the dataset until it is read.
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: page.dataset is not None and page.dataset.status == "enable")
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_esc_asks_before_dropping_the_wizard_and_enter_never_closes_it(
    window: WorkspaceWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = MessageBoxAnswers(monkeypatch, "Keep Editing", "Discard")
    wizard = open_wizard(window)
    qtbot.keyClicks(wizard.file_page.path_edit, "/nowhere/file.csv")
    # Enter with no schema chosen for the type does not go on, nor close.
    wizard.file_page.type_combo.setCurrentIndex(wizard.file_page.type_combo.findData("user"))
    wizard.file_page.schema_combo.clear()
    qtbot.keyClick(wizard.file_page.path_edit, Qt.Key.Key_Return)
    assert wizard.isVisible()
    assert wizard.currentPage() is wizard.file_page
    qtbot.keyClick(wizard.file_page.path_edit, Qt.Key.Key_Escape)
    assert [text for _, text, _ in answers.asked] == ["What you typed will be lost."]
    assert wizard.isVisible()
    assert wizard.file_page.path_edit.text() == "/nowhere/file.csv"
    qtbot.keyClick(wizard.file_page.path_edit, Qt.Key.Key_Escape)
    wait_for(qtbot, lambda: not wizard.isVisible())


def test_every_kind_of_csv_problem_has_a_readable_label() -> None:
    from aitems_desktop.core.csvfile.problems import ProblemKind
    from aitems_desktop.gui import labels

    assert set(labels.CSV_PROBLEM) == {kind.value for kind in ProblemKind}


@pytest.mark.parametrize(
    ("key", "shown"),
    [("big/" + "k" * 1100 + ".csv", "more than 1,024"), ("a\x1b[2Jb.csv", "U+001B")],
)
def test_a_key_object_storage_cannot_take_is_refused_before_anything_is_sent(
    key: str, shown: str, window: WorkspaceWindow, demo: SandboxServer, qtbot: QtBot
) -> None:
    wizard = open_wizard(window)
    fill_file_page(wizard, demo_file("users.csv"), "user", "demo_users")
    upload = to_upload_page(wizard, qtbot)
    upload.key_edit.setText(key)
    assert shown in upload.status.text()
    qtbot.mouseClick(upload.upload_button, Qt.MouseButton.LeftButton)
    # Refused on the spot: no upload started (so none can reach Object Storage later).
    assert upload._task is None
    assert shown in upload.status.text()
    assert [r for r in demo.object_storage_requests if r.method in ("PUT", "POST")] == []
    assert not upload.isComplete()
    upload.existing_radio.setChecked(True)
    assert not upload.isComplete()
    upload.key_edit.setText("demo/users.csv")
    assert upload.isComplete()
    assert shown not in upload.status.text()
