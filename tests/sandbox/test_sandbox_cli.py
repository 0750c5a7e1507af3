"""``aitems-sandbox`` as a person runs it: banner, one log line per request, Ctrl+C."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
import requests
from sandbox_support import ncp_headers

from aitems_desktop.sandbox import SandboxServer


class Running:
    def __init__(self, args: list[str]) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "aitems_desktop.sandbox", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self) -> str:
        return self.lines.get(timeout=20)

    def until(self, text: str) -> list[str]:
        seen = []
        while True:
            line = self.next_line()
            seen.append(line)
            if text in line:
                return seen

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        assert self.process.stdout is not None
        self._reader.join(10)
        self.process.stdout.close()


@pytest.fixture
def run_cli() -> Iterator[type[Running]]:
    started: list[Running] = []

    class Tracked(Running):
        def __init__(self, args: list[str]) -> None:
            super().__init__(args)
            started.append(self)

    yield Tracked
    for r in started:
        r.close()


def test_cli_serves_logs_and_stops_on_ctrl_c(run_cli: type[Running]) -> None:
    cli = run_cli(
        [
            "--access-key",
            "AK",
            "--secret-key",
            "SK",
            "--seed-demo",
            "--fault",
            "rate-limited:count=1,retry_after=9",
            "--latency-ms",
            "0",
        ]
    )
    banner = cli.until("Press Ctrl+C")
    url = re.search(r"(http://127\.0\.0\.1:\d+/api/v1)", banner[0])
    assert url is not None
    assert "access key: AK" in banner[1]
    assert "secret key: SK" in banner[2]
    assert re.search(r"Object Storage: http://127\.0\.0\.1:\d+ \(region kr-standard", banner[3])

    target = "/api/v1/services?limit=2"
    origin = url.group(1).removesuffix("/api/v1")
    first = requests.get(
        origin + target, headers=ncp_headers("GET", target, "AK", "SK"), timeout=10
    )
    assert first.status_code == 429
    assert first.headers["Retry-After"] == "9"
    second = requests.get(
        origin + target, headers=ncp_headers("GET", target, "AK", "SK"), timeout=10
    )
    assert second.status_code == 200
    assert len(second.json()["services"]) == 2
    log = [cli.next_line(), cli.next_line()]
    assert re.search(
        r"GET /api/v1/services\?limit=2 -> 429 \(\d+ ms\) \[fault rate-limited\]", log[0]
    )
    assert re.search(r"GET /api/v1/services\?limit=2 -> 200 \(\d+ ms\)$", log[1])
    assert not any("SK" in line or "signature" in line for line in log)

    cli.process.send_signal(signal.SIGINT)
    assert cli.process.wait(10) == 0
    assert "sandbox stopped" in cli.until("sandbox stopped")[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--host", "0.0.0.0"], "not a loopback address"),  # noqa: S104
        (["--host", "192.0.2.10"], "--allow-remote"),
        (["--fault", "meteor"], "unknown fault"),
        (["--fault", "stall:count=1,colour=red"], "takes no colour"),
        (["--latency-ms", "-5"], "must not be negative"),
    ],
)
def test_cli_refuses_bad_arguments(run_cli: type[Running], args: list[str], message: str) -> None:
    cli = run_cli(args)
    assert cli.process.wait(20) == 2
    output = cli.until("error")
    assert message in output[-1]


def test_cli_with_tls_prints_the_ca_bundle(run_cli: type[Running]) -> None:
    cli = run_cli(["--tls"])
    banner = cli.until("Press Ctrl+C")
    assert banner[0].startswith("AiTEMS sandbox at https://127.0.0.1:")
    ca = next(line for line in banner if "CA bundle:" in line).split("CA bundle:")[1].strip()
    assert os.path.exists(ca)
    cli.process.send_signal(signal.SIGTERM)
    assert cli.process.wait(10) == 0
    assert not os.path.exists(ca)


def test_cli_says_what_tls_needs_when_cryptography_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from aitems_desktop.sandbox.__main__ import main

    # A None entry makes "import cryptography" fail, as on an installation without it.
    monkeypatch.setitem(sys.modules, "cryptography", None)
    assert main(["--tls"]) == 1
    assert "needs the 'cryptography' package" in capsys.readouterr().err


def test_cli_reports_a_port_in_use(
    sandbox: SandboxServer, capsys: pytest.CaptureFixture[str]
) -> None:
    from aitems_desktop.sandbox.__main__ import main

    port = sandbox.port
    assert main(["--port", str(port)]) == 1
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def test_is_loopback() -> None:
    from aitems_desktop.sandbox.__main__ import is_loopback

    assert all(map(is_loopback, ["127.0.0.1", "127.8.9.1", "::1", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "192.168.1.2", "example.com", "10.0.0.1"]))  # noqa: S104


# Runs in a child process (a deadlock must end in a timeout, not hang the suite). For each
# instruction k that the main thread runs inside ``StopSignals.wait``, the stop handler is
# run right there, as a signal that arrives at that instruction would be; a timer raises a
# real SIGTERM as a backstop and, when the handler was not run by then, every instruction
# has been tried.
_EVERY_INSTRUCTION = """
import signal, sys, threading
from aitems_desktop.sandbox.__main__ import StopSignals

k = 0
while True:
    with StopSignals() as stop:
        handler = signal.getsignal(signal.SIGTERM)
        seen = [0]
        fired = [False]

        def tracer(frame, event, arg):
            frame.f_trace_opcodes = True
            if event == "opcode":
                if seen[0] == k and not fired[0]:
                    fired[0] = True
                    handler(signal.SIGTERM, frame)
                seen[0] += 1
            return tracer

        backstop = threading.Timer(0.3, signal.raise_signal, (signal.SIGTERM,))
        backstop.start()
        sys.settrace(tracer)
        try:
            got = stop.wait()
        finally:
            sys.settrace(None)
            backstop.cancel()
            backstop.join()
        assert got == signal.SIGTERM, got
    if not fired[0]:
        break
    k += 1
print("instructions tried:", k, flush=True)
"""


def test_a_stop_signal_at_any_instruction_of_the_wait_ends_it() -> None:
    # The CLI once waited on a threading.Event and set it from the handler: a SIGTERM that
    # came while Event.wait held its lock blocked the handler on that lock for ever.
    done = subprocess.run(
        [sys.executable, "-c", _EVERY_INSTRUCTION],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    tried = int(done.stdout.split("instructions tried:")[1])
    assert tried > 5  # the trace did reach into the wait
