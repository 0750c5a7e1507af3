"""Upload throughput: ObjectStorageClient.upload_file against minio's own fput_object.

Both upload the same file to the same moto S3 server (in its own process) on loopback,
alternating after a warm-up; the figure is the ratio of the median throughputs.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Result, Sizes, Workspace
from benchmarks.csv_check import load_average

TARGET = 0.8
FULL_BYTES = 256 * 1024 * 1024
QUICK_BYTES = 6 * 1024 * 1024


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


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
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
