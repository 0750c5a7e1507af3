"""The public face of the sandbox: :class:`SandboxServer`."""

from __future__ import annotations

import logging
import secrets
import shutil
import socket
import string
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aitems_desktop.sandbox.api import API_PREFIX, SandboxApi
from aitems_desktop.sandbox.backend import Backend, ReceivedRequest
from aitems_desktop.sandbox.demo import seed_demo as add_demo_services
from aitems_desktop.sandbox.faults import Fault
from aitems_desktop.sandbox.httpd import SandboxHTTPServer
from aitems_desktop.sandbox.store import Json, ServiceStore

log = logging.getLogger("aitems_desktop.sandbox")

_KEY_ALPHABET = string.ascii_uppercase + string.digits
_SECRET_ALPHABET = string.ascii_letters + string.digits
#: How long stop() waits for the serving thread; handlers end at once when woken.
_STOP_TIMEOUT = 10.0


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


class SandboxServer:
    """A local AiTEMS behind a local NCP gateway, on a real socket.

    Use it as a context manager (or call :meth:`start` and :meth:`stop`). Requests must be
    signed with :attr:`access_key` and :attr:`secret_key`, exactly as for the real service.
    Faults are injected with :meth:`inject`. All methods are thread-safe. ``clock`` (Unix
    seconds, like :func:`time.time`) is the gateway's clock: it judges request timestamps and
    fills the ``Date`` header, so a test can give the server a skewed clock.

    Throughput, measured on a 2-core machine: 8 client threads creating 500 services over
    keep-alive connections get 1,200 to 1,650 requests per second, whether the client runs
    in the same process or another (tests/sandbox/test_sandbox_concurrency.py, docs/sandbox.md).
    """

    def __init__(
        self,
        access_key: str | None = None,
        secret_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_ms: int = 0,
        seed_demo: bool = False,
        tls: bool = False,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.access_key = access_key or _random(_KEY_ALPHABET, 20)
        self.secret_key = secret_key or _random(_SECRET_ALPHABET, 40)
        self.host = host
        self.tls = tls
        self._requested_port = port
        self._store = ServiceStore()
        self._backend = Backend(SandboxApi(self._store, self.access_key, self.secret_key, clock))
        self._backend.latency_ms = latency_ms
        self._httpd: SandboxHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._tls_dir: Path | None = None
        self._lifecycle = threading.Lock()
        self.ca_bundle_path: Path | None = None
        if seed_demo:
            add_demo_services(self._store)

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> Self:
        """Bind and start serving in a background thread; returns self."""
        with self._lifecycle:
            if self._httpd is not None:
                raise RuntimeError("the sandbox is already running")
            if self._backend.stopping.is_set():
                raise RuntimeError("a stopped sandbox cannot be started again")
            context = self._tls_context() if self.tls else None
            family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
            try:
                httpd = SandboxHTTPServer(
                    (self.host, self._requested_port), self._backend, context, family
                )
            except BaseException:
                self._remove_tls_files()
                raise
            self._httpd = httpd
            self._thread = threading.Thread(
                target=httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"aitems-sandbox:{httpd.server_address[1]}",
                daemon=True,
            )
            self._thread.start()
            return self

    def stop(self) -> None:
        """Stop serving, end every connection and handler thread; safe to call twice."""
        with self._lifecycle:
            self._backend.stopping.set()
            httpd, self._httpd = self._httpd, None
            if httpd is None:
                return
            httpd.shutdown()
            httpd.close_connections()
            httpd.server_close()
            if not httpd.join_handlers(_STOP_TIMEOUT):
                log.warning("sandbox handler threads still running after %s s", _STOP_TIMEOUT)
            if self._thread is not None:
                self._thread.join(_STOP_TIMEOUT)
            self._remove_tls_files()

    def __enter__(self) -> Self:
        # ``with SandboxServer().start() as sb`` works too.
        if self._httpd is None:
            self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _tls_context(self) -> Any:
        from aitems_desktop.sandbox.tls import make_certificates, server_context

        self._tls_dir = Path(tempfile.mkdtemp(prefix="aitems-sandbox-tls-"))
        try:
            files = make_certificates(self._tls_dir, [self.host, "localhost", "127.0.0.1", "::1"])
            context = server_context(files)
        except BaseException:
            self._remove_tls_files()
            raise
        self.ca_bundle_path = files.ca_bundle
        return context

    def _remove_tls_files(self) -> None:
        if self._tls_dir is not None:
            shutil.rmtree(self._tls_dir, ignore_errors=True)
            self._tls_dir = None

    # --- addresses -----------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the sandbox is not running")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/api/v1`` (``https://`` with TLS)."""
        scheme = "https" if self.tls else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}{API_PREFIX}"

    # --- faults and latency --------------------------------------------------------------

    def inject(
        self,
        fault: Fault | str,
        *,
        count: int | None = None,
        rate: float | None = None,
        method: str | None = None,
        path: str | None = None,
        **params: Any,
    ) -> None:
        """Make the next ``count`` matching requests (default 1), or ``rate`` of them, fail.

        ``method`` and ``path`` filter the requests (``path`` relative to ``/api/v1``, shell
        wildcards allowed: ``/services/*``). ``params`` are the fault's own options, such as
        ``retry_after`` for RATE_LIMITED or ``seconds`` for STALL and SLOW_BODY.
        """
        self._backend.faults.add(fault, count=count, rate=rate, method=method, path=path, **params)

    def clear_faults(self) -> None:
        self._backend.faults.clear()

    @property
    def latency_ms(self) -> int:
        return self._backend.latency_ms

    @latency_ms.setter
    def latency_ms(self, value: int) -> None:
        self._backend.latency_ms = value

    # --- state for tests -----------------------------------------------------------------

    def services(self) -> list[Json]:
        """Every service as the API returns it, in creation order (a snapshot)."""
        return self._store.snapshot()

    @property
    def requests(self) -> list[ReceivedRequest]:
        """The requests received so far (the most recent 10,000), oldest first."""
        return self._backend.requests()

    def add_service(
        self,
        name: str,
        status: str = "datasetRequired",
        *,
        description: str = "",
        type: str | None = "batch",
        datasets: list[Json] | None = None,
        hp_config: Json | None = None,
        infers: list[Json] | None = None,
        **extra: Any,
    ) -> Json:
        """Store a service directly, without the API's checks; returns it as the API would.

        ``type=None`` leaves the field out; ``extra`` fields are stored as given.
        """
        service: Json = {"name": name, "description": description}
        if type is not None:
            service["type"] = type
        service.update(
            {
                "status": status,
                "datasets": list(datasets or []),
                "hpConfig": dict(hp_config) if hp_config is not None else {"is_enabled": False},
                "infers": list(infers or []),
            }
        )
        service.update(extra)
        return self._store.add(service)

    def add_dataset(
        self,
        type: str,
        name: str,
        schema_name: str | None = None,
        status: str = "learnable",
    ) -> Json:
        """Register a dataset that ``POST /services/{id}/datasets`` can attach."""
        return self._store.add_dataset(type, name, schema_name or f"{name}_schema", status)

    def datasets(self) -> list[Json]:
        """Every dataset the sandbox knows, attached or not (a snapshot)."""
        return self._store.datasets()
