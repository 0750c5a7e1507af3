"""One sandbox for a session of commands: ``aitems-sandbox`` prints the ``export`` lines that
point ``aitems`` at it, so that what one command creates the next can use (``--sandbox``
starts a fresh one for each command)."""

from __future__ import annotations

import shlex
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from conftest import TIMEOUT_S, Cli


class SandboxProcess:
    """``aitems-sandbox --seed-demo`` in a child process, its banner read line by line."""

    def __init__(self, cli: Cli) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aitems_desktop.sandbox", "--seed-demo"],
            env={**cli.env, "PYTHONUNBUFFERED": "1"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=cli.home,
        )
        self.banner: list[str] = []
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.banner.append(line.rstrip("\n"))
            if line.startswith("Press Ctrl+C"):
                break
        # The request log goes on: keep reading so that a full pipe never stalls the server.
        self._drain = threading.Thread(target=self.process.stdout.read, daemon=True)
        self._drain.start()

    def exports(self) -> dict[str, str]:
        """What the printed ``export`` lines set, read as a POSIX shell would."""
        found: dict[str, str] = {}
        for line in self.banner:
            words = shlex.split(line)
            if words[:1] == ["export"]:
                for word in words[1:]:
                    name, _, value = word.partition("=")
                    found[name] = value
        return found

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        code = self.process.wait(TIMEOUT_S)
        self._drain.join(TIMEOUT_S)
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code


@pytest.fixture
def session_sandbox(cli: Cli) -> Iterator[SandboxProcess]:
    running = SandboxProcess(cli)
    try:
        yield running
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait(TIMEOUT_S)


def test_the_printed_exports_let_create_attach_and_train_run_as_separate_commands(
    cli: Cli, session_sandbox: SandboxProcess
) -> None:
    exports = session_sandbox.exports()
    assert {"AITEMS_ENDPOINT", "NCLOUD_ACCESS_KEY", "NCLOUD_SECRET_KEY"} <= exports.keys()
    cli.env.update(exports)

    created = cli.run("services", "create", "session_reco", "-o", "json")
    assert created.returncode == 0, created.stderr
    service_id = created.json()["serviceId"]
    datasets = {d["type"]: d["datasetId"] for d in cli.run("datasets", "list").json()["datasets"]}
    attached = cli.run(
        "services",
        "attach",
        service_id,
        "--user",
        datasets["user"],
        "--item",
        datasets["item"],
        "--interaction",
        datasets["interaction"],
    )
    assert attached.returncode == 0, attached.stderr
    trained = cli.run("services", "train", service_id, "--type", "personalRecommend")
    assert trained.returncode == 0, trained.stderr
    assert "training requested" in trained.stderr
    listed = cli.run("services", "trains", service_id).json()
    assert [t["type"] for t in listed["trains"]] == ["personalRecommend"]
    assert session_sandbox.stop() == 0


def test_sandbox_help_says_each_command_gets_a_fresh_one(cli: Cli) -> None:
    result = cli.run("services", "list", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "fresh built-in sandbox" in text
    assert "aitems-sandbox" in text
