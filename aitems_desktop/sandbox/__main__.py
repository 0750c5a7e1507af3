"""``aitems-sandbox``: run the local AiTEMS emulator until Ctrl+C.

Prints the base URL and the throwaway key pair to use, then one line per request.
"""

from __future__ import annotations

import argparse
import contextlib
import ipaddress
import logging
import select
import shlex
import signal
import socket
import sys
from types import FrameType, TracebackType
from typing import Any, Self

from aitems_desktop.sandbox.faults import Fault, parse_fault_spec
from aitems_desktop.sandbox.server import SandboxServer
from aitems_desktop.sandbox.tls import TlsUnavailableError


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_parser() -> argparse.ArgumentParser:
    kinds = ", ".join(f.value for f in Fault)
    parser = argparse.ArgumentParser(
        prog="aitems-sandbox",
        description="A local AiTEMS API behind a local NCP gateway, for trying the app "
        "without a cloud account. Requests must be signed with the printed key pair.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--access-key", help="access key to accept (default: generated)")
    parser.add_argument("--secret-key", help="secret key to accept (default: generated)")
    parser.add_argument("--latency-ms", type=int, default=0, help="delay added to every answer")
    parser.add_argument(
        "--seed-demo",
        action="store_true",
        help="start with demo schemas, csv files, datasets and services",
    )
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="run simulated time (trainings, schedules, dataset processing) this many times "
        "faster (default 1; 60 makes an hour1 cycle a minute)",
    )
    parser.add_argument(
        "--object-storage-port",
        type=int,
        default=0,
        help="port of the Object Storage emulator (default: a free one)",
    )
    parser.add_argument(
        "--tls",
        action="store_true",
        help="serve HTTPS with a throwaway CA (needs the 'cryptography' package)",
    )
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host that is not loopback (anyone who can reach it can use it)",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="KIND[:count=N|rate=R[,key=value...]]",
        help=f"inject a fault; repeatable. KIND is one of: {kinds}. "
        "Example: rate-limited:count=2,retry_after=5 or endpoint-error:rate=0.2,path=/services",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not is_loopback(args.host) and not args.allow_remote:
        parser.error(f"{args.host} is not a loopback address; add --allow-remote to serve it")
    if args.latency_ms < 0:
        parser.error("--latency-ms must not be negative")
    if not (0 <= args.time_scale <= 1_000_000):
        parser.error("--time-scale must be between 0 and 1000000")
    faults: list[tuple[Fault, dict[str, Any]]] = []
    for spec in args.fault:
        try:
            faults.append(parse_fault_spec(spec))
        except ValueError as e:
            parser.error(f"--fault {spec}: {e}")

    sandbox = SandboxServer(
        access_key=args.access_key,
        secret_key=args.secret_key,
        host=args.host,
        port=args.port,
        latency_ms=args.latency_ms,
        seed_demo=args.seed_demo,
        tls=args.tls,
        time_scale=args.time_scale,
        object_storage_port=args.object_storage_port,
    )
    for fault, options in faults:
        try:
            sandbox.inject(fault, **options)
        except (TypeError, ValueError) as e:
            parser.error(f"--fault {fault.value}: {e}")

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    log = logging.getLogger("aitems_desktop.sandbox")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        return _serve(sandbox, f"{args.host}:{args.port}")
    finally:
        log.removeHandler(handler)


def export_lines(sandbox: SandboxServer) -> list[str]:
    """POSIX shell lines that point ``aitems`` (and the app) at ``sandbox``.

    The names are those the command-line tool reads; the keys are the sandbox's throwaway
    pair, good for this run of it only.
    """
    values = {
        "AITEMS_ENDPOINT": sandbox.base_url,
        "NCLOUD_ACCESS_KEY": sandbox.access_key,
        "NCLOUD_SECRET_KEY": sandbox.secret_key,
        "AITEMS_OBJECT_STORAGE_ENDPOINT": sandbox.object_storage_url,
        "AITEMS_OBJECT_STORAGE_REGION": sandbox.object_storage_region,
    }
    if sandbox.ca_bundle_path is not None:
        values["AITEMS_CA_BUNDLE"] = str(sandbox.ca_bundle_path)
    return [f"export {name}={shlex.quote(value)}" for name, value in values.items()]


def _serve(sandbox: SandboxServer, address: str) -> int:
    try:
        sandbox.start()
    except TlsUnavailableError as e:
        print(f"aitems-sandbox: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"aitems-sandbox: cannot listen on {address}: {e}", file=sys.stderr)
        return 1

    # A second Ctrl+C while the sandbox stops is only noted: the stop runs to its end.
    with StopSignals() as stop:
        try:
            print(f"AiTEMS sandbox at {sandbox.base_url}")
            print(f"  access key: {sandbox.access_key}")
            print(f"  secret key: {sandbox.secret_key}")
            print(
                f"  Object Storage: {sandbox.object_storage_url} "
                f"(region {sandbox.object_storage_region}, path-style, same keys)"
            )
            if sandbox.time_scale != 1:
                print(f"  time scale: {sandbox.time_scale:g}x")
            if sandbox.ca_bundle_path is not None:
                print(f"  CA bundle:  {sandbox.ca_bundle_path}")
            if not is_loopback(sandbox.host):
                print("  warning: not loopback; anyone who can reach this address can use it")
            print("To point the aitems command at it from another shell (the same sandbox for")
            print("every command, until this one stops), run these there:")
            for line in export_lines(sandbox):
                print(f"  {line}")
            print("Press Ctrl+C to stop.", flush=True)
            stop.wait()
        finally:
            sandbox.stop()
    print("sandbox stopped", flush=True)
    return 0


_STOP_SIGNALS = [signal.SIGINT] + ([signal.SIGTERM] if hasattr(signal, "SIGTERM") else [])


class StopSignals:
    """Ctrl+C and SIGTERM, waited for on the main thread.

    The handler only appends to a list: it runs on the main thread between two Python
    instructions, which may be inside the very wait it should end. A handler that sets a
    ``threading.Event`` there can block for ever on the lock that the interrupted
    ``Event.wait`` holds (seen: the sandbox ignored a SIGTERM that came right after its
    banner). The wake-up comes through :func:`signal.set_wakeup_fd`, so the wait ends at
    once and needs no polling.
    """

    def __init__(self) -> None:
        self.received: list[int] = []
        self._previous: dict[int, Any] = {}
        self._previous_fd = -1
        self._sockets: tuple[socket.socket, socket.socket] | None = None

    def __enter__(self) -> Self:
        reader, writer = socket.socketpair()
        for end in (reader, writer):
            end.setblocking(False)
        self._sockets = (reader, writer)
        self._previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        self._previous = {sig: signal.signal(sig, self._note) for sig in _STOP_SIGNALS}
        return self

    def _note(self, number: int, frame: FrameType | None) -> None:
        self.received.append(number)

    def wait(self) -> int:
        """Block until a stop signal has come; returns the first one."""
        assert self._sockets is not None
        reader = self._sockets[0]
        while not self.received:
            # The handler has run before select returns (PEP 475); the bytes only wake.
            select.select([reader], [], [], 5.0)
            with contextlib.suppress(BlockingIOError, InterruptedError):
                reader.recv(512)
        return self.received[0]

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for sig, old in self._previous.items():
            signal.signal(sig, old)
        self._previous = {}
        if self._sockets is not None:
            signal.set_wakeup_fd(self._previous_fd)
            for end in self._sockets:
                end.close()
            self._sockets = None


if __name__ == "__main__":
    sys.exit(main())
