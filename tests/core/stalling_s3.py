"""An S3 impostor on loopback that answers a multipart upload until a chosen point, then stalls.

It speaks just enough S3 for minio's ``put_object``: create a multipart upload, upload a part,
complete, abort, and a single PUT. One request of the upload (``stall_at``) is where the
network "stalls": the server stops reading the body after ``read_before_stall`` bytes
(``mid_body``), or reads the whole body and never answers (``no_answer``). ``stall_abort``
makes the abort stall too. ``stalled`` is set when the server has reached the stall, and every
request is recorded with its method and target, so a test waits for definite events.
"""

from __future__ import annotations

import re
import socket
import threading
from dataclasses import dataclass, field

from loopback_server import LoopbackServer


@dataclass
class Request:
    method: str
    target: str
    body_read: int = 0


@dataclass
class StallingS3:
    #: "PUT part N" (``part=N``), or "PUT" for a single PUT.
    stall_part: int | None = 2
    #: "no_answer", "mid_body", or "refuse" (answer AccessDenied instead of stalling).
    mode: str = "no_answer"
    read_before_stall: int = 256 * 1024
    stall_abort: bool = False
    #: Serve over TLS with a throwaway CA (``ca_bundle`` then names it).
    tls: bool = False
    requests: list[Request] = field(default_factory=list)
    stalled: threading.Event = field(default_factory=threading.Event)
    aborted: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._server = LoopbackServer(self._serve, tls=self.tls)
        self._stop = self._server.stop
        self.ca_bundle = self._server.ca_bundle
        self.url = self._server.origin

    def __enter__(self) -> StallingS3:
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.close()

    def methods(self) -> list[str]:
        with self._lock:
            return [f"{r.method} {r.target.partition('?')[2]}" for r in self.requests]

    def _serve(self, sock: socket.socket) -> None:
        pending = b""
        while not self._stop.is_set():
            while b"\r\n\r\n" not in pending:
                piece = sock.recv(65536)
                if not piece:
                    return
                pending += piece
            head, _, pending = pending.partition(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            headers = {
                k.strip().lower(): v.strip()
                for k, _, v in (line.partition(":") for line in lines[1:])
            }
            length = int(headers.get("content-length", "0"))
            request = Request(method, target)
            with self._lock:
                self.requests.append(request)
            part = re.search(r"partNumber=(\d+)", target)
            stall_here = method == "PUT" and (
                (part is not None and int(part.group(1)) == self.stall_part)
                or (part is None and self.stall_part is None)
            )
            limit = self.read_before_stall if stall_here and self.mode == "mid_body" else length
            while len(pending) < min(length, limit):
                piece = sock.recv(65536)
                if not piece:
                    return
                pending += piece
            request.body_read = min(len(pending), length)
            pending = pending[length:]
            if stall_here:
                self.stalled.set()
                if self.mode == "refuse":
                    sock.sendall(
                        _answer(
                            403,
                            b"<Error><Code>AccessDenied</Code><Message>Access Denied"
                            b"</Message><RequestId>req-9</RequestId></Error>",
                        )
                    )
                    continue
                self._stop.wait()
                return
            if method == "DELETE":
                self.aborted.set()
                if self.stall_abort:
                    self._stop.wait()
                    return
                sock.sendall(_answer(204))
            elif method == "POST" and "uploads" in target:
                sock.sendall(
                    _answer(
                        200,
                        b"<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                        b"<UploadId>upload-1</UploadId></InitiateMultipartUploadResult>",
                    )
                )
            elif method == "POST":
                sock.sendall(
                    _answer(
                        200,
                        b"<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key>"
                        b'<ETag>"e-2"</ETag></CompleteMultipartUploadResult>',
                    )
                )
            else:
                sock.sendall(_answer(200, b"", {"ETag": '"part-etag"'}))


def _answer(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> bytes:
    lines = [f"HTTP/1.1 {status} X", "Content-Type: application/xml"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body
