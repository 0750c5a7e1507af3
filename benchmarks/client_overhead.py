"""Client overhead: one create through AitemsClient against a plain requests.post.

Both send the same signed body to the same sandbox (in its own process, no latency): the
client with a fresh ``AitemsClient`` per create, as the app makes one per call, and the
plain call with ``requests.post`` (a fresh session per call too), signing and encoding
the body itself. Calls alternate, after a warm-up; the figure is the ratio of the medians.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from benchmarks.common import Result, Sizes, Workspace, median, sandbox_process

TARGET = 1.15
WARMUP = 10


def measure(sizes: Sizes, workspace: Workspace) -> list[Result]:
    import requests

    from aitems_desktop.core.client import AitemsClient
    from aitems_desktop.core.models import CreateServiceRequest, Service
    from aitems_desktop.core.rules import ServiceType
    from aitems_desktop.core.signing import request_target, signed_headers

    counter = iter(range(10**9))

    def name() -> str:
        return f"bench_{next(counter):07d}"

    with sandbox_process(workspace) as sandbox:
        url = f"{sandbox.base_url}/services"

        def via_client() -> None:
            request = CreateServiceRequest(
                name=name(), description="benchmark", type=ServiceType.BATCH
            )
            with AitemsClient(sandbox.base_url, sandbox.access_key, sandbox.secret_key) as c:
                service = c.create_service(request)
            assert isinstance(service, Service)

        def plain() -> None:
            body = {"name": name(), "description": "benchmark", "type": "batch"}
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
            headers = signed_headers(
                "POST", request_target(url), sandbox.access_key, sandbox.secret_key
            )
            response = requests.post(url, data=data, headers=headers, timeout=(5, 30))
            response.raise_for_status()
            assert response.json()["name"] == body["name"]

        calls: dict[str, Callable[[], None]] = {"client": via_client, "plain": plain}
        times: dict[str, list[float]] = {"client": [], "plain": []}
        for _ in range(WARMUP if not sizes.quick else 1):
            via_client()
            plain()
        for i in range(sizes.client_reps):
            order = ("client", "plain") if i % 2 == 0 else ("plain", "client")
            for key in order:
                start = time.perf_counter()
                calls[key]()
                times[key].append((time.perf_counter() - start) * 1000)
    client, plain_ms = median(times["client"]), median(times["plain"])
    ratio = client / plain_ms
    return [
        Result(
            "client overhead",
            f"{ratio:.2f}x ({client:.2f} ms vs {plain_ms:.2f} ms)",
            f"<= {TARGET}x requests.post",
            ratio <= TARGET,
            [f"client overhead: median of {sizes.client_reps} alternating creates each"],
        )
    ]
