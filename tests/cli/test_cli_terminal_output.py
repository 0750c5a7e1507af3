"""What reaches a terminal: control characters from a server or a file arrive escaped, never
obeyed; machine formats keep the values exact; usage errors never echo unplaced values."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import Cli

#: What a terminal obeys: ESC (CSI, OSC), BEL, CR, a C1 CSI, DEL, the right-to-left override.
RAW = ("\x1b", "\x07", "\r", "\x9b", "\x7f", "\u202e")
HOSTILE_NAME = "svc\x1b]0;owned\x07\x1b[2J\u202etxt.exe\x9b31m\x7f"
DESCRIPTION = "line one\nline two\r\nline three\ttabbed"
SERVICE = {
    "serviceId": "s1",
    "name": HOSTILE_NAME,
    "description": DESCRIPTION,
    "status": "ACTIVE\x1b[5m",
    "createdDate": "2026-11-30T00:00:00",
}
ERROR_400 = {
    "timestamp": "t",
    "status": 400,
    "error": "X\x1b[2J\x1b]0;owned\x07",
    "requestId": "r\x1b[31m\nFAKE: ok",
    "errorCode": "BAD_REQUEST",
    "message": "m\x1b[31mred\r\naitems: done, exit 0",
}


class _Hostile(BaseHTTPRequestHandler):
    """Canned answers by the first part of the path, the way a hostile server would."""

    def do_GET(self) -> None:
        mode = self.path.split("/")[1]
        if mode == "html500":
            self._send(500, b"<html><body>\x1b[31mProxy error\x07</body></html>", "text/html")
        elif mode == "error":
            self._send(400, json.dumps(ERROR_400).encode())
        elif self.path.partition("?")[0].endswith("/services"):
            self._send(200, json.dumps({"services": [SERVICE]}).encode())
        else:
            self._send(200, json.dumps(SERVICE).encode())

    def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def hostile(cli: Cli) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    cli.env.update(NCLOUD_ACCESS_KEY="AKTEST", NCLOUD_SECRET_KEY="SeCrEtTeSt")
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _endpoint(base: str, mode: str) -> dict[str, str]:
    return {"AITEMS_ENDPOINT": f"{base}/{mode}/api/v1"}


def _assert_escaped(text: str) -> None:
    for char in RAW:
        assert char not in text, f"{char!r} reached the stream: {text!r}"


def test_a_table_shows_control_characters_escaped(cli: Cli, hostile: str) -> None:
    for args in (("services", "list"), ("services", "get", "s1")):
        result = cli.run(*args, "-o", "table", env=_endpoint(hostile, "ok"))
        assert result.returncode == 0, result.stderr
        _assert_escaped(result.stdout)
        assert "svc\\u001b]0;owned\\u0007\\u001b[2J\\u202etxt.exe\\u009b31m\\u007f" in (
            result.stdout
        )


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_every_value_and_no_raw_control(cli: Cli, hostile: str, fmt: str) -> None:
    result = cli.run("services", "list", "-o", fmt, env=_endpoint(hostile, "ok"))
    assert result.returncode == 0, result.stderr
    _assert_escaped(result.stdout)
    first = json.loads(result.stdout.splitlines()[0] if fmt == "jsonl" else result.stdout)
    assert (first["services"][0] if fmt == "json" else first) == SERVICE


def test_csv_keeps_line_breaks_in_values_exactly(cli: Cli, hostile: str) -> None:
    result = cli.run("services", "list", "-o", "csv", env=_endpoint(hostile, "ok"))
    assert result.returncode == 0, result.stderr
    # Read as the bytes a file would hold: newline="" keeps the CR inside a value.
    proc = subprocess.run(
        cli.command("services", "list", "-o", "csv"),
        env={**cli.env, **_endpoint(hostile, "ok")},
        capture_output=True,
        timeout=120,
        cwd=cli.home,
    )
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
    assert len(rows) == 1
    assert rows[0]["description"] == DESCRIPTION
    assert rows[0]["name"] == HOSTILE_NAME


def test_a_server_error_cannot_forge_lines_on_stderr(cli: Cli, hostile: str) -> None:
    result = cli.run("services", "get", "s1", env=_endpoint(hostile, "error"))
    assert result.returncode == 1
    _assert_escaped(result.stderr)
    lines = result.stderr.splitlines()
    assert not any(line.startswith(("aitems: done", "FAKE")) for line in lines), lines
    assert "m\\u001b[31mred\\r" in result.stderr
    assert "request id: r\\u001b[31m" in result.stderr


def test_html_error_details_are_escaped(cli: Cli, hostile: str) -> None:
    result = cli.run("services", "get", "s1", env=_endpoint(hostile, "html500"))
    assert result.returncode != 0
    assert "Proxy error" in result.stderr
    _assert_escaped(result.stderr)


def test_csv_infer_reasons_and_notes_are_escaped(cli: Cli) -> None:
    path = cli.home / "inferesc.csv"
    path.write_bytes(b"USER_ID,\x1b]0;pwn\x07NAME\nu1,\x1b[31mx\n")
    for output in ((), ("-o", "table")):
        result = cli.run("csv", "infer", str(path), "--type", "user", *output)
        assert result.returncode in (0, 8), result.stderr
        assert "pwn" in result.stdout + result.stderr
        _assert_escaped(result.stdout)
        _assert_escaped(result.stderr)


def test_upload_dry_run_note_is_escaped(cli: Cli) -> None:
    path = cli.home / "ok.csv"
    path.write_text("USER_ID,AGE\nu1,3\n", encoding="utf-8")
    result = cli.run(
        "--dry-run",
        "upload",
        str(path),
        "s3://bucket/k\x1b]0;pwn\x07.csv",
        env={
            "AITEMS_OBJECT_STORAGE_ENDPOINT": "http://127.0.0.1:9",
            "NCLOUD_ACCESS_KEY": "AKTEST",
            "NCLOUD_SECRET_KEY": "SeCrEtTeSt",
        },
    )
    assert "pwn" in result.stderr + result.stdout
    _assert_escaped(result.stderr)
    _assert_escaped(result.stdout)


def test_usage_errors_escape_what_was_typed(cli: Cli) -> None:
    result = cli.run("services", "list", "--se\x1b]0;pwn\x07cret")
    assert result.returncode == 2
    _assert_escaped(result.stderr)


def test_unrecognized_values_are_counted_not_echoed(cli: Cli) -> None:
    result = cli.run("profiles", "add", "ci2", "--access-key", "AK", "--secret", "SuPeRsEcReT")
    assert result.returncode == 2
    assert "SuPeRsEcReT" not in result.stderr + result.stdout
    # (--secret is taken as short for --secret-stdin: the value is left over.)
    assert "unrecognized arguments: 1 other value (not shown" in result.stderr
    unknown = cli.run("profiles", "add", "ci2", "--key", "SuPeRsEcReT", "--x=SuPeRsEcReT")
    assert unknown.returncode == 2
    assert "SuPeRsEcReT" not in unknown.stderr
    assert "unrecognized arguments: --key, --x and 1 other value" in unknown.stderr
    inline = cli.run("profiles", "add", "ci2", "--access-key", "AK", "--secret=SuPeRsEcReT")
    assert inline.returncode == 2
    assert "SuPeRsEcReT" not in inline.stderr
    assert "--secret-stdin: takes no value" in inline.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_on_a_terminal_nothing_is_obeyed(cli: Cli, hostile: str, fmt: str) -> None:
    import pty

    main, child = pty.openpty()
    proc = subprocess.Popen(
        cli.command("services", "list", "-o", fmt),
        env={**cli.env, **_endpoint(hostile, "ok")},
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        cwd=cli.home,
    )
    os.close(child)
    seen = bytearray()
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child closed its side
            break
        if not chunk:
            break
        seen.extend(chunk)
    os.close(main)
    assert proc.wait(timeout=120) == 0
    text = seen.decode("utf-8")
    assert "svc\\u001b]0;owned" in text
    # The pty turns each newline into CRLF; no other CR, and nothing else a terminal obeys.
    _assert_escaped(text.replace("\r\n", "\n"))


def test_escape_is_json_and_idempotent() -> None:
    from aitems_desktop.cli.terminal import escape

    for text in (HOSTILE_NAME, DESCRIPTION, "\x00\x1f\u2028\u2066"):
        once = escape(text)
        assert escape(once) == once
        assert json.loads(f'"{once}"'.replace("\n", "\\n").replace("\t", "\\t")) == text
