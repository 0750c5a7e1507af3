"""Ctrl+C (SIGINT) on a call the server never answers: the command ends at once with 130,
and after a create it says whether the service may exist and how to check."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import TIMEOUT_S, Cli

from aitems_desktop.sandbox import Fault, SandboxServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")


def _wait_for_request(sandbox: SandboxServer, method: str, path: str) -> None:
    """Until the sandbox has received the request (a definite event), bounded."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        if any(r.method == method and r.target.startswith(path) for r in sandbox.requests):
            return
        time.sleep(0.02)
    raise AssertionError(f"the sandbox never received {method} {path}")


def _interrupt(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=TIMEOUT_S)
    return proc.returncode, stdout, stderr


def test_ctrl_c_ends_a_stalled_list_with_130(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    sandbox.inject(Fault.STALL, method="GET", path="/services", seconds=600)
    proc = cli.popen("services", "list")
    _wait_for_request(sandbox, "GET", "/api/v1/services")
    code, stdout, stderr = _interrupt(proc)
    assert code == 130, stderr
    assert stdout == ""
    assert "Interrupted." in stderr
    assert "Traceback" not in stderr


def test_core_dumps_are_off_while_a_command_holds_the_secret(
    cli: Cli, sandbox: SandboxServer
) -> None:
    cli.use(sandbox)
    sandbox.inject(Fault.STALL, method="GET", path="/services", seconds=600)
    proc = cli.popen("services", "list")
    try:
        _wait_for_request(sandbox, "GET", "/api/v1/services")
        limits = Path(f"/proc/{proc.pid}/limits")
        if not limits.exists():
            pytest.skip("no /proc on this system")
        line = next(ln for ln in limits.read_text().splitlines() if "core file size" in ln)
        assert line.split()[4:6] == ["0", "0"], line
    finally:
        _interrupt(proc)


def test_ctrl_c_during_a_create_says_it_may_exist_and_a_rerun_finds_it(
    cli: Cli, sandbox: SandboxServer
) -> None:
    cli.use(sandbox)
    # The server holds the create for a while, then carries it out: the client has given
    # up by then, so only a look can tell that the service exists.
    sandbox.inject(Fault.STALL, method="POST", path="/services", seconds=3)
    proc = cli.popen("services", "create", "shop_recs", "--description", "Shop")
    _wait_for_request(sandbox, "POST", "/api/v1/services")
    code, _stdout, stderr = _interrupt(proc)
    assert code == 130, stderr
    assert "may have been created" in stderr
    assert "aitems services list" in stderr
    assert "run the same command again" in stderr
    deadline = time.monotonic() + TIMEOUT_S
    while not sandbox.services() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [s["name"] for s in sandbox.services()] == ["shop_recs"]
    again = cli.run("services", "create", "shop_recs", "--description", "Shop", "-o", "json")
    assert again.returncode == 0, again.stderr
    assert "already existed" in again.stderr
    assert len(sandbox.services()) == 1
    posts = [r for r in sandbox.requests if r.method == "POST"]
    assert len(posts) == 2  # the interrupted one and the rerun's; never a resend


def test_ctrl_c_while_reading_sends_nothing_after(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    # update reads the service first (for what is not given), then writes it.
    service = sandbox.add_service("shop_recs", description="old")
    sandbox.inject(Fault.STALL, method="GET", path="/services/*", seconds=600)
    proc = cli.popen("services", "update", service["serviceId"], "--description", "new")
    _wait_for_request(sandbox, "GET", f"/api/v1/services/{service['serviceId']}")
    code, _stdout, stderr = _interrupt(proc)
    assert code == 130, stderr
    assert not [r for r in sandbox.requests if r.method == "PUT"]
    assert sandbox.services()[0]["description"] == "old"
