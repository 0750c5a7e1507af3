"""What a command runs with: the connection, the API, the output, and Ctrl+C.

Calls run on a worker thread while the main thread waits, so Ctrl+C (which Python delivers
to the main thread) is seen at once on every platform: the engine is cancelled, which shuts
the call's sockets, and from then on refuses to send anything else. A command may be
interrupted in the middle of a use case (a create that was looking for its result, a wait),
so the message says whether something that changes the service may have been sent.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final, TextIO, TypeVar

from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.core import errors

if TYPE_CHECKING:
    from aitems_desktop.cli.progress import Progress
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.core.catalogue import Operation
    from aitems_desktop.core.connection import Connection
    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.models import RequestModel
    from aitems_desktop.core.profiles import ProfileStore
    from aitems_desktop.sandbox import SandboxServer

T = TypeVar("T")

#: Extra CA certificates for the endpoint, for scripts that take their keys from the
#: environment (a profile has its own ``ca_bundle``).
ENV_CA_BUNDLE: Final = "AITEMS_CA_BUNDLE"
#: How long an interrupted call may take to end once its sockets are shut.
_INTERRUPT_GRACE_S: Final = 5.0
_POLL_S: Final = 0.2


class UsageError(Exception):
    """The command line or an input file is wrong (exit 2); nothing was sent."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CommandError(Exception):
    """A command ends with ``code`` after saying ``message`` (and ``hint``) on stderr."""

    def __init__(self, code: ExitCode, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


class InterruptedByUserError(Exception):
    """Ctrl+C ended a command; ``message`` says what that leaves behind."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Unsettled:
    """What to say when Ctrl+C may have left a change half known.

    ``sent`` is the message when a request that changes the service may have reached it,
    ``not_sent`` when nothing that changes anything was sent.
    """

    sent: str
    not_sent: str


def option(args: argparse.Namespace, name: str, default: Any = None) -> Any:
    """A global option's value (they are SUPPRESSed when not given)."""
    return getattr(args, name, default)


class Context:
    """One command's run: parsed arguments, streams, and (on first use) the API."""

    def __init__(
        self,
        args: argparse.Namespace,
        *,
        env: Mapping[str, str] | None = None,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
    ) -> None:
        self.args = args
        self.env = os.environ if env is None else env
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.quiet = bool(option(args, "quiet", False))
        self.dry_run = bool(option(args, "dry_run", False))
        self.use_sandbox = bool(option(args, "sandbox", False))
        self.profile_name: str | None = option(args, "profile")
        explicit = option(args, "output")
        self.output: str = explicit or ("table" if _isatty(self.stdout) else "json")
        self._api: AitemsApi | None = None
        self._connection: Connection | None = None
        self._sandbox: SandboxServer | None = None
        self._profiles: ProfileStore | None = None

    # --- talking to the person -------------------------------------------------------------

    def note(self, message: str) -> None:
        """A line on stderr for the person (not with --quiet)."""
        if not self.quiet:
            print(f"aitems: {message}", file=self.stderr, flush=True)

    def warn(self, message: str) -> None:
        """A line on stderr that even --quiet keeps."""
        print(f"aitems: {message}", file=self.stderr, flush=True)

    def progress(self, label: str) -> Progress:
        from aitems_desktop.cli.progress import Progress

        return Progress(label, self.stderr, enabled=not self.quiet)

    def show(self, result: Any, *, kind: str | None = None) -> None:
        """Print a result in the chosen output format."""
        from aitems_desktop.cli.output import render

        render(result, self.output, self.stdout, kind=kind)

    def confirm(self, question: str, *, assume_yes: bool) -> None:
        """Ask ``question`` on a terminal; refuse (exit 2) without one unless ``assume_yes``."""
        if assume_yes or self.dry_run:
            return
        if not _isatty(self.stdin):
            raise UsageError(
                f"{question} Not confirmed: stdin is not a terminal.",
                "Add --yes to confirm in a script.",
            )
        print(f"{question} [y/N] ", end="", file=self.stderr, flush=True)
        answer = self.stdin.readline().strip().lower()
        if answer not in ("y", "yes"):
            raise CommandError(ExitCode.USAGE, "Not confirmed; nothing was sent.")

    # --- profiles and connection -----------------------------------------------------------

    @property
    def profiles(self) -> ProfileStore:
        """The profiles of AiTEMS Desktop (``profiles.json`` and the keyring)."""
        if self._profiles is None:
            from aitems_desktop.core.credentials import CredentialStore
            from aitems_desktop.core.profiles import ProfileStore, config_dir

            self._profiles = ProfileStore(CredentialStore(), config_dir(self.env))
        return self._profiles

    @property
    def credentials(self) -> CredentialStore:
        return self.profiles.credentials

    def connection(self) -> Connection:
        """The endpoint and keys: the sandbox, the environment, --profile or the default."""
        if self._connection is not None:
            return self._connection
        from aitems_desktop.core.process import disable_core_dumps

        # The secret is about to be in this process's memory.
        disable_core_dumps()
        connection = self._start_sandbox() if self.use_sandbox else self._resolve()
        ca_bundle = self.env.get(ENV_CA_BUNDLE, "").strip()
        if ca_bundle and not connection.is_sandbox:
            connection = replace(connection, ca_bundle=ca_bundle)
        self._connection = connection
        return connection

    def _resolve(self) -> Connection:
        from aitems_desktop.core.profiles import resolve_credentials

        connection = resolve_credentials(self.profile_name, self.env, profiles=self.profiles)
        if connection is None:
            raise CommandError(
                ExitCode.AUTH,
                "No keys: there is no profile, and NCLOUD_ACCESS_KEY / NCLOUD_SECRET_KEY "
                "are not set.",
                "Add a profile with 'aitems profiles add NAME' (or 'aitems profiles "
                "import-ncloud'), set the two variables, or try --sandbox.",
            )
        return connection

    def _start_sandbox(self) -> Connection:
        from aitems_desktop.core.connection import Connection
        from aitems_desktop.sandbox import SandboxServer

        sandbox = SandboxServer(seed_demo=True).start()
        self._sandbox = sandbox
        self.warn(
            f"sandbox: running against a built-in sandbox at {sandbox.base_url} with demo "
            "data; nothing reaches NCP, and what you change is gone when this command ends."
        )
        return Connection(
            label="sandbox",
            base_url=sandbox.base_url,
            access_key=sandbox.access_key,
            secret_key=sandbox.secret_key,
            source="the built-in sandbox",
            is_sandbox=True,
        )

    def api(self) -> AitemsApi:
        """The typed API over an engine that Ctrl+C stops for good."""
        if self._api is None:
            from aitems_desktop.cli.engine import StoppableEngine
            from aitems_desktop.core.api import AitemsApi

            connection = self.connection()
            engine = StoppableEngine(
                connection.base_url,
                connection.access_key,
                connection.secret_key,
                timeout=connection.timeout,
                proxy=connection.proxy,
                ca_bundle=connection.ca_bundle,
            )
            self._api = AitemsApi(engine)
        return self._api

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
        if self._sandbox is not None:
            self._sandbox.stop()
        if self._profiles is not None:
            self._profiles.credentials.close()

    # --- running calls ---------------------------------------------------------------------

    def print_request(
        self,
        operation: Operation[Any],
        *,
        path: Mapping[str, str] | None = None,
        query: RequestModel | None = None,
        body: RequestModel | None = None,
    ) -> None:
        """--dry-run: print the signed request as a curl command; send nothing."""
        engine = self.api().engine
        prepared = engine.prepare(operation, path=path, query=query, body=body)
        print(engine.curl_command(prepared), file=self.stdout, flush=True)

    def call(
        self,
        operation: Operation[Any],
        *,
        path: Mapping[str, str] | None = None,
        query: RequestModel | None = None,
        body: RequestModel | None = None,
        unsettled: Unsettled | None = None,
    ) -> Any:
        """Run one operation (or, with --dry-run, print it and return None)."""
        if self.dry_run:
            self.print_request(operation, path=path, query=query, body=body)
            return None
        return self.run(
            lambda api: api.engine.call(operation, path=path, query=query, body=body),
            unsettled=unsettled,
        )

    def run(self, work: Callable[[AitemsApi], T], *, unsettled: Unsettled | None = None) -> T:
        """Run ``work`` on a worker thread; Ctrl+C cancels it (InterruptedByUserError)."""
        api = self.api()
        box: dict[str, Any] = {}
        done = threading.Event()

        def worker() -> None:
            try:
                box["value"] = work(api)
            except BaseException as exc:
                box["error"] = exc
            finally:
                done.set()

        thread = threading.Thread(target=worker, name="aitems-call", daemon=True)
        thread.start()
        try:
            while not done.wait(_POLL_S):
                pass
        except KeyboardInterrupt:
            raise self._interrupted(api, done, unsettled) from None
        if "error" in box:
            error: BaseException = box["error"]
            if isinstance(error, errors.CancelledError):
                # Only our own Ctrl+C cancels this engine.
                raise self._interrupted(api, done, unsettled) from None
            raise error
        value: T = box["value"]
        return value

    def _interrupted(
        self, api: AitemsApi, done: threading.Event, unsettled: Unsettled | None
    ) -> InterruptedByUserError:
        from aitems_desktop.cli.engine import StoppableEngine

        engine = api.engine
        assert isinstance(engine, StoppableEngine)
        engine.stop()
        try:
            ended = done.wait(_INTERRUPT_GRACE_S)
        except KeyboardInterrupt:  # a second Ctrl+C: do not wait any longer
            ended = False
        if not ended:
            self.warn("the call did not end in time; leaving it behind")
        if unsettled is None:
            return InterruptedByUserError("Interrupted.")
        if engine.changes_may_have_been_sent:
            return InterruptedByUserError(f"Interrupted. {unsettled.sent}")
        return InterruptedByUserError(f"Interrupted. {unsettled.not_sent}")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
