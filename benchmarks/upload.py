"""Upload throughput against minio's own fput_object, and how fast a cancel ends a stalled upload.

Throughput: both upload the same file to the same moto S3 server (in its own process) on
loopback, alternating after a warm-up; the figure is the ratio of the median throughputs.

Cancel: a server that accepts connections and never reads them; a single PUT of a 16 MiB
file blocks in the kernel once the socket buffers are full (seen in ``/proc``: the uploading
thread sleeps in ``poll``). The figure is the median time from setting the cancel flag to
``upload_file`` raising ``UploadCancelledError``; the socket timeout (60 s) is what it would
take without the guard.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchmarks.common import Result, Sizes, Workspace
from benchmarks.csv_check import load_average

TARGET = 0.8
FULL_BYTES = 256 * 1024 * 1024
QUICK_BYTES = 6 * 1024 * 1024
CANCEL_TARGET_S = 1.0
CANCEL_BYTES = 16 * 1024 * 1024


def start_moto(workspace: Workspace) -> tuple[subprocess.Popen[bytes], str]:
    log = workspace.root / f"moto-{time.monotonic_ns()}.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while True:
        match = re.search(
            r"Running on (http://127\.0\.0\.1:\d+)", log.read_text("utf-8", "replace")
        )
        if match:
            return proc, match.group(1)
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("moto did not start: " + log.read_text("utf-8", "replace"))
        time.sleep(0.05)


class _Deaf:
    """Accepts connections on loopback and never reads or answers them."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                self.accepted.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self.thread.join(10)
        for sock in self.accepted:
            sock.close()


def _wait_blocked(tid: int) -> None:
    wchan = Path(f"/proc/self/task/{tid}/wchan")
    deadline = time.monotonic() + 60
    while "poll" not in wchan.read_text():
        if time.monotonic() > deadline:
            raise RuntimeError("the upload never blocked on its socket")
        time.sleep(0.005)


def cancel_seconds(path: Path) -> float:
    """Seconds from cancel to the end of a single PUT blocked on a server that never reads."""
    from aitems_desktop.core.objectstorage import (
        ObjectStorageClient,
        ObjectStorageSettings,
        UploadCancelledError,
    )

    server = _Deaf()
    cancel = threading.Event()
    ended: list[float] = []
    errors: list[BaseException] = []
    tid: list[int] = []

    def upload() -> None:
        tid.append(threading.get_native_id())
        try:
            settings = ObjectStorageSettings("BENCHKEY", "benchsecret", endpoint=server.url)
            with ObjectStorageClient(settings) as client:
                client.upload_file(path, "bench", "stalled.csv", cancel=cancel)
        except BaseException as exc:
            errors.append(exc)
        ended.append(time.perf_counter())

    thread = threading.Thread(target=upload)
    try:
        thread.start()
        while not tid:
            time.sleep(0.001)
        _wait_blocked(tid[0])
        cancelled = time.perf_counter()
        cancel.set()
        thread.join(120)
    finally:
        server.close()
    if not (errors and isinstance(errors[0], UploadCancelledError)):
        raise RuntimeError(f"the stalled upload ended with {errors!r}")
    return ended[0] - cancelled


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    return [*measure_throughput(sizes, workspace), measure_cancel(sizes, workspace)]


def measure_cancel(sizes: Sizes, workspace: Workspace) -> Result:
    path = Path(workspace.root) / "stalled.csv"
    path.write_bytes(os.urandom(CANCEL_BYTES))
    rounds = 1 if sizes.quick else 9
    try:
        times = [cancel_seconds(path) for _ in range(rounds)]
    finally:
        path.unlink()
    took = statistics.median(times)
    return Result(
        "upload cancel",
        f"{took * 1000:.0f} ms",
        f"<= {CANCEL_TARGET_S * 1000:.0f} ms, stalled send",
        took <= CANCEL_TARGET_S,
        [
            f"upload cancel: a 16 MiB PUT blocked on a server that never reads; median of "
            f"{rounds}: {', '.join(f'{t * 1000:.0f}' for t in sorted(times))} ms"
        ],
    )


def measure_throughput(sizes: Sizes, workspace: Workspace) -> list[Result]:
    from aitems_desktop.core.objectstorage import ObjectStorageClient, ObjectStorageSettings

    path = Path(workspace.root) / "upload.csv"
    size = QUICK_BYTES if sizes.quick else FULL_BYTES
    with open(path, "wb") as out:
        for _ in range(size // (1 << 20)):
            out.write(os.urandom(1 << 20))
    rounds = 1 if sizes.quick else 5
    proc, url = start_moto(workspace)
    try:
        settings = ObjectStorageSettings("BENCHKEY", "benchsecret", endpoint=url)
        with ObjectStorageClient(settings) as ours:
            library = ours._minio()
            library.make_bucket("bench")

            def via_client() -> None:
                ours.upload_file(path, "bench", "ours.csv")

            def via_library() -> None:
                library.fput_object("bench", "library.csv", str(path))

            via_client()
            via_library()
            rates: dict[str, list[float]] = {"client": [], "library": []}
            loads = [load_average()]
            for i in range(rounds):
                order = [("client", via_client), ("library", via_library)]
                for name, call in order if i % 2 == 0 else order[::-1]:
                    start = time.perf_counter()
                    call()
                    rates[name].append(size / 1e6 / (time.perf_counter() - start))
                loads.append(load_average())
    finally:
        proc.terminate()
        proc.wait(10)
        path.unlink()
    client, library_rate = statistics.median(rates["client"]), statistics.median(rates["library"])
    ratio = client / library_rate
    return [
        Result(
            "upload throughput",
            f"{ratio:.2f}x ({client:.0f} MB/s vs {library_rate:.0f} MB/s)",
            f">= {TARGET}x minio fput_object",
            ratio >= TARGET,
            [
                f"upload throughput: {size / 1e6:.0f} MB to moto on loopback, median of "
                f"{rounds} alternating uploads each; minio with its defaults (3 parallel parts); "
                f"client {', '.join(f'{r:.0f}' for r in sorted(rates['client']))} MB/s, "
                f"minio {', '.join(f'{r:.0f}' for r in sorted(rates['library']))} MB/s",
                f"upload throughput: load average (1/5/15 min) before and after each round: "
                f"{', '.join(loads)}",
            ],
        )
    ]
