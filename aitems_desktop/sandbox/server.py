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

from aitems_desktop.sandbox import sigv4
from aitems_desktop.sandbox.api import API_PREFIX, SandboxApi
from aitems_desktop.sandbox.backend import Backend, ReceivedRequest
from aitems_desktop.sandbox.demo import demo_interactions
from aitems_desktop.sandbox.demo import seed_demo as add_demo_data
from aitems_desktop.sandbox.faults import Fault
from aitems_desktop.sandbox.httpd import SandboxHTTPServer
from aitems_desktop.sandbox.objectstore import OWNER_ID, ObjectStore
from aitems_desktop.sandbox.s3handler import REGION, ObjectStorageService, S3Handler
from aitems_desktop.sandbox.simclock import SimClock
from aitems_desktop.sandbox.store import Json, Store

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

    A second listener, :attr:`object_storage_url`, is an S3-compatible Object Storage (path
    style, region ``kr-standard``, the same key pair, Signature Version 4) where datasets'
    csv files live. ``time_scale`` makes simulated time (trainings, schedules, dataset
    processing) run that many times faster; :meth:`advance` jumps it forward.
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
        time_scale: float = 1.0,
        object_storage_port: int = 0,
    ) -> None:
        self.access_key = access_key or _random(_KEY_ALPHABET, 20)
        self.secret_key = secret_key or _random(_SECRET_ALPHABET, 40)
        self.host = host
        self.tls = tls
        self._requested_port = port
        self._requested_os_port = object_storage_port
        self.sim_clock = SimClock(time_scale)
        self._objects = ObjectStore()
        self._store = Store(self.sim_clock, self._objects, demo_interactions)
        self._backend = Backend(SandboxApi(self._store, self.access_key, self.secret_key, clock))
        self._backend.latency_ms = latency_ms
        self._os_service = ObjectStorageService(
            self._objects,
            sigv4.Credentials(self.access_key, self.secret_key, REGION),
            clock,
            self._backend.stopping,
        )
        self._httpd: SandboxHTTPServer | None = None
        self._os_httpd: SandboxHTTPServer | None = None
        self._threads: list[threading.Thread] = []
        self._tls_dir: Path | None = None
        self._lifecycle = threading.Lock()
        self.ca_bundle_path: Path | None = None
        if seed_demo:
            add_demo_data(self._store, self._objects)

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> Self:
        """Bind both listeners and start serving in background threads; returns self."""
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
                try:
                    os_httpd = SandboxHTTPServer(
                        (self.host, self._requested_os_port),
                        self._os_service,
                        context,
                        family,
                        handler=S3Handler,
                    )
                except BaseException:
                    httpd.server_close()
                    raise
            except BaseException:
                self._remove_tls_files()
                raise
            self._httpd, self._os_httpd = httpd, os_httpd
            for server, label in ((httpd, "aitems-sandbox"), (os_httpd, "aitems-sandbox-os")):
                thread = threading.Thread(
                    target=server.serve_forever,
                    kwargs={"poll_interval": 0.05},
                    name=f"{label}:{server.server_address[1]}",
                    daemon=True,
                )
                thread.start()
                self._threads.append(thread)
            return self

    def stop(self) -> None:
        """Stop serving, end every connection and handler thread, delete stored objects.

        Safe to call twice.
        """
        with self._lifecycle:
            self._backend.stopping.set()
            servers = [s for s in (self._httpd, self._os_httpd) if s is not None]
            self._httpd = self._os_httpd = None
            for httpd in servers:
                httpd.shutdown()
                httpd.close_connections()
                httpd.server_close()
            for httpd in servers:
                if not httpd.join_handlers(_STOP_TIMEOUT):
                    log.warning("sandbox handler threads still running after %s s", _STOP_TIMEOUT)
            for thread in self._threads:
                thread.join(_STOP_TIMEOUT)
            self._threads.clear()
            self._objects.close()
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
        return f"{self._origin(self.port)}{API_PREFIX}"

    @property
    def object_storage_port(self) -> int:
        if self._os_httpd is None:
            raise RuntimeError("the sandbox is not running")
        return int(self._os_httpd.server_address[1])

    @property
    def object_storage_url(self) -> str:
        """``http://127.0.0.1:PORT2`` (``https://`` with TLS, same CA): path-style S3."""
        return self._origin(self.object_storage_port)

    #: The region name the Object Storage emulator signs with (NCP's Korean region).
    object_storage_region = REGION

    def _origin(self, port: int) -> str:
        scheme = "https" if self.tls else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{port}"

    # --- simulated time ------------------------------------------------------------------

    @property
    def time_scale(self) -> float:
        return self.sim_clock.time_scale

    def advance(self, seconds: float) -> None:
        """Move simulated time forward: trainings, schedules and datasets progress at once."""
        self.sim_clock.advance(seconds)

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

        ``type=None`` leaves the field out; ``extra`` fields are stored as given. Its status
        stays as given (no training runs for it).
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
        return self._store.add_service(service)

    def add_dataset(
        self,
        type: str,
        name: str,
        schema_name: str | None = None,
        status: str = "enable",
        *,
        rows: list[Json] | None = None,
    ) -> Json:
        """Store a dataset directly (attachable by ``POST /services/{id}/datasets`` when
        ``enable``); ``rows`` are what lookups use. Returns it as ``GET /datasets/{id}`` would.
        """
        return self._store.add_dataset(type, name, schema_name or f"{name}_schema", status, rows)

    def datasets(self) -> list[Json]:
        """Every dataset the sandbox knows, attached or not (a snapshot)."""
        return self._store.datasets()

    def dataset_failure(self, dataset_id: str) -> str:
        """Why a dataset is ``upload_failed`` ("" when it is not)."""
        return self._store.dataset_failure(dataset_id)

    def add_schema(
        self, dataset_type: str, name: str, fields: list[Json], description: str = ""
    ) -> Json:
        """Store a schema without the API's checks; returns it as ``GET /schemas/{name}``."""
        return self._store.create_schema(dataset_type, name, fields, description)

    def schemas(self) -> list[Json]:
        """Every schema, as ``GET /schemas/{name}`` returns it."""
        return [self._store.get_schema(s["name"]) for s in self._store.list_schemas(None, 0, 10**9)]

    # --- Object Storage helpers ----------------------------------------------------------

    def create_bucket(self, name: str, *, foreign: bool = False) -> None:
        """Make a bucket; ``foreign`` makes it someone else's (every access: AccessDenied)."""
        self._objects.create_bucket(name, "another-account" if foreign else OWNER_ID)

    def put_object(self, bucket: str, key: str, data: bytes) -> None:
        """Store an object as if uploaded with the sandbox's key."""
        self._objects.put_bytes(bucket, key, data)

    def get_object(self, bucket: str, key: str) -> bytes:
        """An object's bytes (``objectstore.S3Error`` ``NoSuchKey`` when missing)."""
        return self._objects.read_bytes(bucket, key)

    def list_buckets(self) -> list[str]:
        """The sandbox account's bucket names, sorted."""
        return [name for name, _ in self._objects.list_buckets()]

    def list_objects(self, bucket: str, prefix: str = "") -> list[str]:
        """Every key in ``bucket`` under ``prefix``, sorted."""
        return self._objects.keys(bucket, prefix)

    @property
    def object_storage_requests(self) -> list[ReceivedRequest]:
        """Requests the Object Storage listener received (bodies are not kept)."""
        return self._os_service.log.entries()
