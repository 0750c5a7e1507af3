"""How the client's requests travel: minio's urllib3 pool, fitted with progress, cancel and bounds.

minio takes a urllib3 ``PoolManager``; the one made here has three jobs.

- **Cancel and bounds.** Every request runs under a fresh
  :class:`~aitems_desktop.core.transport.CallGuard`, the machinery the AiTEMS engine uses:
  the guard watches every socket the request opens or reuses, and stopping it shuts them
  down, which wakes a ``send()`` blocked on a stalled network or a ``recv()`` waiting for
  an answer at once. :class:`Operation` (one listing or one upload) keeps the guard of the
  request in flight; a cancel stops it. Requests other than a part's PUT also get a deadline
  for the whole exchange, so a server that drips its answer cannot hold a listing forever.
- **Progress.** A PUT body goes to the socket in slices of :data:`SEND_SLICE` bytes;
  progress is reported after each and the cancel flag is looked at before each.
- **Answers of bounded size.** An answer is read in pieces and refused past
  :data:`MAX_ANSWER_BYTES` (S3's largest, a page of 1,000 keys, is about 0.5 MB), so an
  endless answer ends in an error instead of filling memory.

After a cancel only one more request goes out: the abort of the unfinished multipart upload
(``DELETE ?uploadId=``, which minio sends when an upload fails), under a guard of its own
that the cancel does not stop and a deadline of :data:`ABORT_SECONDS`.
"""

from __future__ import annotations

import contextlib
import io
import sys
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Final, Protocol, Self

from aitems_desktop.core.i18n import QT_TRANSLATE_NOOP
from aitems_desktop.core.objectstorage.errors import (
    InvalidAnswerError,
    LocalFileError,
    RedirectRefusedError,
    StorageNetworkError,
    UploadCancelledError,
)

if TYPE_CHECKING:
    from aitems_desktop.core.transport import CallGuard

#: The body goes to the socket in slices this large; cancel is looked at between them.
SEND_SLICE: Final = 64 * 1024
#: The largest answer read; S3's answers to what this client sends are far smaller.
MAX_ANSWER_BYTES: Final = 8 * 1024 * 1024
#: How long the abort of a cancelled multipart upload may take before the cancel gives up on
#: it (a new connection and one small request; far more than a distant link needs).
ABORT_SECONDS: Final = 2.0
#: How often the cancel flag is looked at while a request waits on the network.
CANCEL_POLL_SECONDS: Final = 0.05
#: The whole of one request other than a part's PUT: connect, send, and the whole answer.
REQUEST_SECONDS: Final = 120.0


class CancelFlag(Protocol):
    """What cancels an upload: ``threading.Event`` is one."""

    def is_set(self) -> bool: ...


class Transfer:
    """The progress of one upload: bytes read from the file and handed to the network."""

    def __init__(
        self, total: int, progress: Callable[[int, int], None] | None, operation: Operation
    ) -> None:
        self.total = total
        self.progress = progress
        self.operation = operation
        self.read_position = 0
        self.reported = 0

    def report(self, sent: int) -> None:
        """Report ``sent`` bytes, unless as many or more were reported already."""
        sent = min(sent, self.total)
        if sent > self.reported:
            self.reported = sent
            if self.progress is not None:
                self.progress(sent, self.total)

    def body(self, data: bytes) -> Iterator[memoryview]:
        """``data`` (the part just read) in slices: cancel before each, progress after each."""
        base = self.read_position - len(data)
        view = memoryview(data)
        for start in range(0, len(data), SEND_SLICE):
            self.operation.check()
            yield view[start : start + SEND_SLICE]
            self.report(base + min(start + SEND_SLICE, len(data)))


class FileReader:
    """The file as minio reads it: cancel is looked at on every read."""

    def __init__(self, handle: BinaryIO, transfer: Transfer) -> None:
        self.handle = handle
        self.transfer = transfer

    def read(self, size: int = -1) -> bytes:
        self.transfer.operation.check()
        try:
            data = self.handle.read(size)
        except OSError as exc:
            raise LocalFileError(f"cannot read the file: {exc.strerror or exc}") from exc
        self.transfer.read_position += len(data)
        if size and not data and self.transfer.read_position < self.transfer.total:
            raise LocalFileError(
                f"the file ended after {self.transfer.read_position:,} of "
                f"{self.transfer.total:,} bytes: it was changed during the upload"
            )
        return data


class Operation:
    """One listing or upload on this thread: the guard of its request in flight, its cancel.

    :meth:`cancel` may be called from any thread; a ``cancel`` flag given here is watched by
    a small thread while the operation runs, which calls it within
    :data:`CANCEL_POLL_SECONDS` of the flag being set.
    """

    def __init__(self, flag: CancelFlag | None = None) -> None:
        self._lock = threading.Lock()
        self._guards: set[CallGuard] = set()
        self._flag = flag
        self._finished = threading.Event()
        self._watcher: threading.Thread | None = None
        self.cancelled = False
        #: A request began to go out: from then on a failure may have reached the server.
        self.sent = False
        #: The upload id of a multipart upload whose abort was sent, and whether it worked.
        self.abort_id: str | None = None
        self.aborted = False
        #: What ended the upload when minio went on to abort it.
        self.failure: BaseException | None = None
        self.transfer: Transfer | None = None

    def __enter__(self) -> Operation:
        if self._flag is not None:
            self._watcher = threading.Thread(
                target=self._watch, name="object-storage-cancel", daemon=True
            )
            self._watcher.start()
        _local.operation = self
        return self

    def __exit__(self, *exc: object) -> None:
        _local.operation = None
        self._finished.set()
        if self._watcher is not None:
            self._watcher.join()

    def _watch(self) -> None:
        assert self._flag is not None
        while not self._finished.wait(CANCEL_POLL_SECONDS):
            if self._flag.is_set():
                self.cancel()
                return

    def cancel(self) -> None:
        """Stop the request in flight at once, and every later one but the abort."""
        from aitems_desktop.core.transport import StopReason

        with self._lock:
            self.cancelled = True
            guards = list(self._guards)
        for guard in guards:
            guard.stop(StopReason.CANCELLED)

    def check(self) -> None:
        """Raise :class:`UploadCancelledError` if the operation was cancelled."""
        if self._flag is not None and self._flag.is_set():
            self.cancelled = True
        if self.cancelled:
            raise UploadCancelledError(
                QT_TRANSLATE_NOOP("aitems", "the upload was cancelled"),
                may_have_reached_server=self.sent,
            )

    @contextlib.contextmanager
    def request(self, method: str, url: str) -> Iterator[None]:
        """Run one request (with urllib3's retries of it) under a guard of its own."""
        from aitems_desktop.core.transport import WATCHDOG, CallGuard, StopReason, guarded

        abort = method == "DELETE" and "uploadId=" in url
        guard = CallGuard()
        if abort:
            # minio sends the abort from its ``except`` block: what it is handling is the
            # failure (or the cancel) that ended the upload, the outcome to report.
            self.failure = sys.exc_info()[1]
            self.abort_id = url.split("uploadId=", 1)[1].split("&", 1)[0]
            deadline: float | None = ABORT_SECONDS if self.cancelled else REQUEST_SECONDS
        else:
            deadline = None if method == "PUT" else REQUEST_SECONDS
            with self._lock:
                refused = self.cancelled
                if not refused:
                    self._guards.add(guard)
            if refused:
                guard.close()
                self.check()
        try:
            with guarded(guard), contextlib.ExitStack() as stack:
                if deadline is not None:
                    stack.enter_context(WATCHDOG.deadline(deadline, guard))
                yield
        except Exception as exc:
            if guard.reason is StopReason.DEADLINE and not abort:
                raise StorageNetworkError(
                    f"the answer did not arrive within {deadline:g} seconds",
                    may_have_reached_server=True,
                ) from exc
            raise
        finally:
            self.sent = self.sent or guard.sending
            with self._lock:
                self._guards.discard(guard)
            guard.close()


_local = threading.local()


def current_operation() -> Operation | None:
    """The listing or upload running on this thread, if any."""
    operation = getattr(_local, "operation", None)
    return operation if isinstance(operation, Operation) else None


def _read_answer(response: Any) -> bytes:
    """The whole answer, or :class:`InvalidAnswerError` past :data:`MAX_ANSWER_BYTES`."""
    pieces: list[bytes] = []
    size = 0
    for piece in response.stream(64 * 1024):
        size += len(piece)
        if size > MAX_ANSWER_BYTES:
            response.close()
            raise InvalidAnswerError(
                f"the server's answer is larger than {MAX_ANSWER_BYTES >> 20} MB, so it was "
                "not read",
                http_status=response.status,
            )
        pieces.append(piece)
    return b"".join(pieces)


def _refuse_unstored(method: str, response: Any, *, uploading: bool) -> None:
    """Refuse an answer that would pass for success though nothing is known to be stored.

    A redirect (HTTP 3xx) is never followed: Object Storage does not send one, and following
    it would hand the file and the signed ``x-amz-*`` headers to whatever host it names. A
    PUT of an upload (the object, or one part) taken with 2xx but no ETag is not S3's
    answer either: minio would report it stored with an empty ETag.
    """
    status = response.status
    if 300 <= status < 400:
        location = str(response.headers.get("Location") or "")
        _discard(response)
        stored = "; nothing was stored" if method in ("PUT", "POST") else ""
        raise RedirectRefusedError(
            f"the server answered HTTP {status}, a redirect"
            + (f" to {location[:200]!r}" if location else "")
            + f", which was not followed: Object Storage never redirects{stored}",
            location=location,
            http_status=status,
        )
    if uploading and method == "PUT" and 200 <= status < 300 and not response.headers.get("ETag"):
        _discard(response)
        raise InvalidAnswerError(
            f"the server took the upload with HTTP {status} but gave no ETag, which Object "
            "Storage always gives: the server is not Object Storage, and the object cannot be "
            "taken as stored",
            http_status=status,
        )


def _discard(response: Any) -> None:
    """Drop an answer unread (its body may be endless) and give its slot back to the pool."""
    response.close()
    response.release_conn()


def pool_manager(
    *,
    timeout: tuple[float, float],
    ca_bundle: str | None,
    proxy: str | None,
) -> Any:
    """A urllib3 pool manager for minio, whose requests go through :func:`current_operation`."""
    import certifi
    import urllib3
    from urllib3.exceptions import MaxRetryError

    from aitems_desktop.core.transport import (
        GuardedHTTPConnection,
        GuardedHTTPSConnection,
        current_guard,
    )

    class _Sending:
        def request(
            self, method: str, url: str, body: Any = None, headers: Any = None, **kw: Any
        ) -> None:
            operation = current_operation()
            transfer = operation.transfer if operation is not None else None
            if transfer is not None and method == "PUT" and isinstance(body, bytes) and body:
                body = transfer.body(body)
            super().request(method, url, body=body, headers=headers, **kw)  # type: ignore[misc]

    class _Http(_Sending, GuardedHTTPConnection):
        pass

    class _Https(_Sending, GuardedHTTPSConnection):
        pass

    class _Guarded:
        def urlopen(self, method: str, url: str, *args: Any, **kw: Any) -> Any:
            operation = current_operation()
            # urllib3 retries by calling urlopen again: those calls stay under the guard of
            # the first, and preload as it asked.
            if getattr(_local, "in_request", False):
                return super().urlopen(method, url, *args, **kw)  # type: ignore[misc]
            if operation is None:
                response = super().urlopen(method, url, *args, **kw)  # type: ignore[misc]
                _refuse_unstored(method, response, uploading=False)
                return response
            preload = kw.pop("preload_content", True)
            _local.in_request = True
            try:
                with operation.request(method, url):
                    response = super().urlopen(  # type: ignore[misc]
                        method, url, *args, preload_content=False, **kw
                    )
                    _refuse_unstored(method, response, uploading=operation.transfer is not None)
                    if not preload:
                        return response
                    try:
                        data = _read_answer(response)
                    finally:
                        response.release_conn()
            finally:
                _local.in_request = False
            if method == "DELETE" and "uploadId=" in url and response.status in (204, 404):
                # 404: NoSuchUpload, the upload is not there (any more) either way.
                operation.aborted = True
            # The answer as urllib3 would have preloaded it, already decoded.
            headers = urllib3.HTTPHeaderDict(response.headers)
            for name in ("Content-Encoding", "Transfer-Encoding", "Content-Length"):
                headers.discard(name)
            headers["Content-Length"] = str(len(data))
            return urllib3.HTTPResponse(
                body=io.BytesIO(data),
                headers=headers,
                status=response.status,
                reason=response.reason,
                decode_content=False,
                request_method=method,
                request_url=url,
            )

    class _Retry(urllib3.Retry):
        def increment(
            self,
            method: str | None = None,
            url: str | None = None,
            response: Any = None,
            error: Exception | None = None,
            _pool: Any = None,
            _stacktrace: TracebackType | None = None,
        ) -> Self:
            guard = current_guard()
            if guard is not None and guard.reason is not None:
                # Stopped by a cancel or a deadline: a retry would fail at once and then
                # wait out the backoff (0.5 s for the second).
                raise MaxRetryError(_pool, url or "", reason=error)
            return super().increment(method, url, response, error, _pool, _stacktrace)

    class _HttpPool(_Guarded, urllib3.HTTPConnectionPool):
        ConnectionCls = _Http

    class _HttpsPool(_Guarded, urllib3.HTTPSConnectionPool):
        ConnectionCls = _Https

    connect, read = timeout
    options: dict[str, Any] = {
        "timeout": urllib3.Timeout(connect=connect, read=read),
        "maxsize": 4,
        "cert_reqs": "CERT_REQUIRED",
        "ca_certs": ca_bundle or certifi.where(),
        # A 5xx (S3's SlowDown, InternalError) is retried twice; the answer after that is
        # parsed as the server's error. Connection failures are retried once. A redirect is
        # never followed (the pools refuse it before the manager could; this is the second
        # lock on that door).
        "retries": _Retry(
            total=3,
            connect=1,
            read=1,
            status=2,
            redirect=0,
            raise_on_redirect=True,
            backoff_factor=0.25,
            status_forcelist=(500, 502, 503, 504),
            raise_on_status=False,
        ),
    }
    manager: Any = (
        urllib3.ProxyManager(proxy, **options) if proxy else urllib3.PoolManager(**options)
    )
    manager.pool_classes_by_scheme = {"http": _HttpPool, "https": _HttpsPool}
    return manager
