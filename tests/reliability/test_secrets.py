"""Scenario 10: after a whole session, the secret key is nowhere, nor is any signature.

The app runs as a program in a child process with its own HOME and XDG directories, at
DEBUG log level (the most it ever writes). The session creates services in the workspace
window's New Service dialog, meets errors (a 401, an HTML page, a dropped create with a 429 on
the lookup), copies the service as JSON, copies a call of the activity log as cURL, copies
error details, and meets an unexpected exception whose text contains the secret. Then every
file under HOME (the log, the activity log, the settings), every copied text, every panel,
the crash dialog, stdout and stderr are searched for the secret and for the signatures
the sandbox received; settings files must be readable by their owner only.
"""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from reliability_support import child_env

from aitems_desktop.sandbox import Fault, SandboxServer

_DRIVER = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    from aitems_desktop.__main__ import main
    from aitems_desktop.gui.shell import workspace_window
    from aitems_desktop.gui.exception_dialog import ExceptionDialog
    from aitems_desktop.gui.workspace.rows import Kind

    out = {"panels": [], "copied": [], "messages": []}

    def clip():
        return QGuiApplication.clipboard().text()

    def script(w):
        if sys.argv[1] == "profile":
            # First launch: the Credentials dialog opens; save a profile in it.
            from PySide6.QtTest import QTest
            from aitems_desktop.gui.credentials_dialog import CredentialsDialog

            def dialogs():
                widgets = QApplication.topLevelWidgets()
                return [x for x in widgets if isinstance(x, CredentialsDialog) and x.isVisible()]

            yield lambda: bool(dialogs()) and not dialogs()[0].is_busy()
            dialog = dialogs()[0]
            form = dialog.form
            QTest.keyClicks(form.name_edit, "work")
            QTest.keyClicks(form.access_key_edit, sys.argv[2])
            QTest.keyClicks(form.secret_field.edit, sys.argv[3])
            form.endpoint_edit.clear()
            QTest.keyClicks(form.endpoint_edit, sys.argv[4])
            dialog.save_button.click()
            yield lambda: w.connection() is not None and not dialog.is_busy()
            out["status"] = w.endpoint_label.text()
            dialog.close()
        # The keys are read after the first paint, then the lists; start once they are in.
        yield lambda: w.connection() is not None and all(
            w.workspace.is_loaded(kind) for kind in Kind)

        def done():
            return not w.runner.running() and w.workers.running_count() == 0

        for name in ("sec_one", "sec_two", "sec_three", "sec_four"):
            dialog = w.services.new_dialog
            if dialog is None:
                w.new_service_action.trigger()
                dialog = w.services.new_dialog
            dialog.form.name_edit.setText(name)
            dialog.form.create_button.click()
            yield done
            if w.services.new_dialog is None:
                out["messages"].append(w.statusBar().currentMessage())
                continue
            report = dialog.error_panel.report()
            if report is not None:
                out["panels"].append(report.as_text())
                if dialog.error_panel.copy_button.isVisible():
                    dialog.error_panel.copy_button.click()
                    out["copied"].append(clip())
        yield lambda: w.selected_resource() is not None and done()
        w.copy_json_action.trigger()
        out["copied"].append(clip())
        entries = w.activity.model.entries
        out["calls"] = len(entries)
        assert w.activity.copy_curl(entries[-1])
        out["curl"] = clip()
        connection = w.connection()

        def boom():
            raise RuntimeError(f"unexpected: {connection!r} with {connection.secret_key}")

        QTimer.singleShot(0, boom)

        def dialogs():
            return [x for x in QApplication.topLevelWidgets() if isinstance(x, ExceptionDialog)]

        yield lambda: bool(dialogs())
        dialog = dialogs()[0]
        out["crash"] = dialog.text_edit.toPlainText()
        dialog.copy_text()
        out["copied"].append(clip())
        dialog.close()
        print("COLLECTED " + json.dumps(out), flush=True)
        w.close()

    def run(steps):
        try:
            condition = next(steps)
        except StopIteration:
            return
        poll(steps, condition)

    def poll(steps, condition):
        if condition():
            run(steps)
        else:
            QTimer.singleShot(20, lambda: poll(steps, condition))

    original_show = workspace_window.WorkspaceWindow.show

    def show(self):
        original_show(self)
        QTimer.singleShot(0, lambda: run(script(self)))

    workspace_window.WorkspaceWindow.show = show
    sys.exit(main(sys.argv[5:]))
    """
)


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["environment", "profile"])
def test_s10_after_a_session_the_secret_and_signatures_are_nowhere(
    isolated_home: Path, sandbox: SandboxServer, mode: str
) -> None:
    sandbox.inject(Fault.GATEWAY_ERROR, method="POST", status=401, code="200", count=1)
    sandbox.inject(Fault.HTML_ERROR, method="POST", count=1)
    sandbox.inject(Fault.DROP_AFTER_CREATE, method="POST", count=1)
    sandbox.inject(Fault.RATE_LIMITED, method="GET", retry_after=0, count=1)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _DRIVER,
            mode,
            sandbox.access_key,
            sandbox.secret_key,
            sandbox.base_url,
            "--log-level",
            "DEBUG",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=child_env(
            isolated_home,
            (sandbox.access_key, sandbox.secret_key, sandbox.base_url)
            if mode == "environment"
            else None,
        ),
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    collected = json.loads(out.stdout.split("COLLECTED ", 1)[1].splitlines()[0])
    secret = sandbox.secret_key
    signatures = [r.headers["x-ncp-apigw-signature-v2"] for r in sandbox.requests]

    # The session did what it says: errors met, services made, everything copied.
    assert [s["name"] for s in sandbox.services()] == ["sec_three", "sec_four"]
    assert len(collected["panels"]) == 2
    assert "Authentication failed" in collected["panels"][0]
    assert "HTML page" in collected["panels"][1]
    assert collected["messages"] == [
        "sec_three was created, though the answer did not arrive cleanly",
        "Created sec_four",
    ]
    assert '"name": "sec_four"' in collected["copied"][-2]
    assert collected["calls"] >= 7
    assert collected["curl"].startswith("curl ")
    assert "RuntimeError: unexpected: Connection(" in collected["crash"]
    assert len(signatures) >= 7

    texts = {
        "stdout": out.stdout,
        "stderr": out.stderr,
        "crash dialog": collected["crash"],
        "copied cURL": collected["curl"],
        **{f"panel {i}": t for i, t in enumerate(collected["panels"])},
        **{f"copied {i}": t for i, t in enumerate(collected["copied"])},
    }
    files = _files(isolated_home)
    if mode == "profile":
        # The profile was saved (without its secret) and the window used it.
        assert "work" in collected["status"]
        [settings] = [p for p in files if p.name == "profiles.json"]
        assert sandbox.access_key in settings.read_text("utf-8")
    assert any(p.suffix == ".log" for p in files), files
    assert any(p.name == "activity.jsonl" for p in files), files
    for path in files:
        texts[str(path.relative_to(isolated_home))] = path.read_text("utf-8", errors="replace")
    for where, text in texts.items():
        assert secret not in text, f"the secret key is in {where}"
        # The copied cURL carries a fresh signature of its own, never one that was sent.
        for signature in signatures:
            assert signature not in text, f"a request signature is in {where}"
    log_text = "".join(t for w, t in texts.items() if w.startswith("logs/"))
    assert "sec_four" in log_text  # the log did record the session
    assert collected["curl"].split("x-ncp-apigw-signature-v2: ")[1][:20] not in log_text

    # Settings files (and logs, which name the services) are for their owner only.
    for path in files:
        if path.suffix in (".ini", ".conf", ".json", ".jsonl", ".toml", ".log"):
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode & 0o077 == 0, f"{path.relative_to(isolated_home)} is {oct(mode)}"
