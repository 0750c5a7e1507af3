"""Many threads at once: nothing lost, nothing duplicated, the server still answers."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aitems_desktop.sandbox import SandboxServer

THREADS = 8
TOTAL = 500


def test_8_threads_create_500_services(
    sandbox: SandboxServer, make_client: Any, record_property: Any
) -> None:
    names = [f"svc_{i:04d}" for i in range(TOTAL)]
    shares = [names[t::THREADS] for t in range(THREADS)]
    clients = [make_client() for _ in range(THREADS)]
    start = threading.Barrier(THREADS)

    def create(index: int) -> list[tuple[int, str]]:
        start.wait()
        client = clients[index]
        results = []
        for name in shares[index]:
            response = client.call("POST", "/services", {"name": name})
            results.append((response.status_code, response.json()["serviceId"]))
        return results

    began = time.monotonic()
    with ThreadPoolExecutor(THREADS) as pool:
        results = [r for rs in pool.map(create, range(THREADS)) for r in rs]
    elapsed = time.monotonic() - began
    record_property("requests_per_second", round(TOTAL / elapsed))
    print(f"{TOTAL} creates from {THREADS} threads: {elapsed:.2f} s, {TOTAL / elapsed:.0f} req/s")

    assert [status for status, _ in results] == [201] * TOTAL
    services = sandbox.services()
    assert sorted(s["name"] for s in services) == names
    assert len({s["serviceId"] for s in services}) == TOTAL
    assert {sid for _, sid in results} == {s["serviceId"] for s in services}
    listed = clients[0].call("GET", "/services").json()["services"]
    assert len(listed) == TOTAL


def test_racing_creates_of_the_same_names_make_one_each(
    sandbox: SandboxServer, make_client: Any
) -> None:
    names = [f"race_{i}" for i in range(20)]
    clients = [make_client() for _ in range(THREADS)]
    start = threading.Barrier(THREADS)

    def create(index: int) -> list[tuple[str, int, str]]:
        start.wait()
        out = []
        for name in names:
            response = clients[index].call("POST", "/services", {"name": name})
            out.append((name, response.status_code, response.json().get("error", "")))
        return out

    with ThreadPoolExecutor(THREADS) as pool:
        results = [r for rs in pool.map(create, range(THREADS)) for r in rs]

    created = Counter(name for name, status, _ in results if status == 201)
    assert created == Counter(names)
    assert all(error == "DUPLICATE_NAME" for _, status, error in results if status != 201)
    assert sorted(s["name"] for s in sandbox.services()) == sorted(names)
