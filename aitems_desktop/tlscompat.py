"""A fix for the standard library's TLS sockets, shared by the client and the sandbox.

CPython before 3.11.8 and 3.12.2 (gh-113280) leaves a TLS socket open when the connection is
already gone as it is wrapped: the peer reset it, or (in the client) a cancel shut it down
between the connect and the handshake. ``SSLContext.wrap_socket`` raises, nothing refers to
the new socket any more, and its descriptor stays open until a garbage collection finds it.
On a Python with the fix the socket is closed already, and closing it again does nothing.
"""

from __future__ import annotations

import ssl

_SSL_CREATE_CODE = ssl.SSLSocket._create.__func__.__code__  # type: ignore[attr-defined]


def close_orphaned_tls_socket(exc: BaseException) -> None:
    """Close the TLS socket a failed ``wrap_socket`` left open, found in ``exc``'s traceback."""
    traceback = exc.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if frame.f_code is _SSL_CREATE_CODE:
            orphan = frame.f_locals.get("self")
            if isinstance(orphan, ssl.SSLSocket):
                orphan.close()
        traceback = traceback.tb_next
