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
from typing import TYPE_CHECKING, Any, Final, Generic, TextIO, TypeVar, cast

from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.core import errors

if TYPE_CHECKING:
    from aitems_desktop.cli.engine import StoppableEngine
    from aitems_desktop.cli.progress import Progress
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.core.catalogue import Operation
    from aitems_desktop.core.connection import Connection
    from aitems_desktop.core.credentials import CredentialStore
    from aitems_desktop.core.engine import QueryValues
    from aitems_desktop.core.models import RequestModel
    from aitems_desktop.core.profiles import ProfileStore
    from aitems_desktop.sandbox import SandboxServer

T = TypeVar("T")

#: Extra CA certificates for the endpoint, for scripts that take their keys from the
#: environment (a profile has its own ``ca_bundle``).
ENV_CA_BUNDLE: Final = "AITEMS_CA_BUNDLE"
#: Object Storage other than NCP's public one in Korea (``aitems upload``), such as a test
#: server; the sandbox names its own.
ENV_OBJECT_STORAGE_ENDPOINT: Final = "AITEMS_OBJECT_STORAGE_ENDPOINT"
ENV_OBJECT_STORAGE_REGION: Final = "AITEMS_OBJECT_STORAGE_REGION"
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
        #: True when --output was given (a command with a format of its own keeps it then).
        self.output_given = explicit is not None
        self.output: str = explicit or ("table" if _isatty(self.stdout) else "json")
        self._engine: StoppableEngine | None = None
        self._api: AitemsApi | None = None
        self._connection: Connection | None = None
        self._sandbox: SandboxServer | None = None
        self._profiles: ProfileStore | None = None

    # --- talking to the person -------------------------------------------------------------

    def note(self, message: str) -> None:
        """A line on stderr for the person (not with --quiet)."""
        if not self.quiet:
            self.warn(message)

    def warn(self, message: str) -> None:
        """A line on stderr that even --quiet keeps (one line: a file name or a server's
        words in it cannot start another)."""
        from aitems_desktop.cli.terminal import one_line

        print(f"aitems: {one_line(message)}", file=self.stderr, flush=True)

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
        if not connection.is_sandbox:
            ca_bundle = self.env.get(ENV_CA_BUNDLE, "").strip()
            storage = self.env.get(ENV_OBJECT_STORAGE_ENDPOINT, "").strip().rstrip("/")
            region = self.env.get(ENV_OBJECT_STORAGE_REGION, "").strip()
            if ca_bundle:
                connection = replace(connection, ca_bundle=ca_bundle)
            if storage:
                connection = replace(connection, object_storage_url=storage)
            if region:
                connection = replace(connection, object_storage_region=region)
        self._connection = connection
        return connection

    def _resolve(self) -> Connection:
        from aitems_desktop.cli.envkeys import environment_connection

        # Keys from the environment with no profile to apply need neither the profile
        # models nor the keyring (the commonest case in scripts, and a read's largest cost).
        connection = environment_connection(self.profile_name, self.env)
        if connection is not None:
            return connection
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
            f"sandbox: running against a fresh built-in sandbox at {sandbox.base_url} with "
            "demo data; nothing reaches NCP, and what you change is gone when this command "
            "ends (each --sandbox starts a new one; run 'aitems-sandbox --seed-demo' in "
            "another shell to keep one across commands)."
        )
        return Connection(
            label="sandbox",
            base_url=sandbox.base_url,
            access_key=sandbox.access_key,
            secret_key=sandbox.secret_key,
            source="the built-in sandbox",
            is_sandbox=True,
            object_storage_url=sandbox.object_storage_url,
            object_storage_region=sandbox.object_storage_region,
        )

    @property
    def current_connection(self) -> Connection | None:
        """The connection if the command has made one (None: it never needed it)."""
        return self._connection

    @property
    def current_engine(self) -> StoppableEngine | None:
        """The engine if the command has made one."""
        return self._engine

    def engine(self) -> StoppableEngine:
        """The engine (signing, retries, bounds, typed errors) that Ctrl+C stops for good.

        It and the catalogue load without pydantic: a command that prints the API's own JSON
        (:meth:`call_json`) never loads the models.
        """
        if self._engine is None:
            from aitems_desktop.cli.engine import StoppableEngine

            connection = self.connection()
            self._engine = StoppableEngine(
                connection.base_url,
                connection.access_key,
                connection.secret_key,
                timeout=connection.timeout,
                proxy=connection.proxy,
                ca_bundle=connection.ca_bundle,
            )
        return self._engine

    def api(self) -> AitemsApi:
        """The typed API over :meth:`engine`."""
        if self._api is None:
            from aitems_desktop.core.api import AitemsApi

            self._api = AitemsApi(self.engine())
        return self._api

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
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
        query: RequestModel | QueryValues | None = None,
        body: RequestModel | None = None,
    ) -> None:
        """--dry-run: print the signed request as a curl command; send nothing."""
        engine = self.engine()
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
        return self.on_engine(
            lambda engine: engine.call(operation, path=path, query=query, body=body),
            unsettled=unsettled,
        )

    def call_json(
        self,
        operation: Operation[Any],
        *,
        path: Mapping[str, str] | None = None,
        query: QueryValues | None = None,
    ) -> Any:
        """Run a bodiless operation and return the API's own JSON, with no model (or, with
        --dry-run, print it and return None). For reads whose output is that JSON."""
        if self.dry_run:
            self.print_request(operation, path=path, query=query)
            return None
        return self.on_engine(lambda engine: engine.call_json(operation, path=path, query=query))

    def run(self, work: Callable[[AitemsApi], T], *, unsettled: Unsettled | None = None) -> T:
        """Run ``work`` on a worker thread; Ctrl+C cancels it (InterruptedByUserError)."""
        api = self.api()
        return self.on_engine(lambda _engine: work(api), unsettled=unsettled)

    def on_engine(
        self, work: Callable[[StoppableEngine], T], *, unsettled: Unsettled | None = None
    ) -> T:
        """Run ``work`` with the engine on a worker thread; Ctrl+C stops the engine for good
        and ends the command (InterruptedByUserError)."""
        engine = self.engine()
        outcome = _Outcome(lambda: work(engine), "aitems-call")
        try:
            outcome.wait()
        except KeyboardInterrupt:
            raise self._interrupted(engine, outcome.done, unsettled) from None
        if isinstance(outcome.error, errors.CancelledError):
            # Only our own Ctrl+C cancels this engine.
            raise self._interrupted(engine, outcome.done, unsettled) from None
        return outcome.result()

    def run_local(self, work: Callable[[threading.Event], T], *, grace: float) -> T:
        """Run local work (a check, an upload) on a worker thread; Ctrl+C sets the event it
        is given and waits up to ``grace`` seconds for it to end.

        What the work returns or raises after a Ctrl+C is returned or raised as it is (its
        cancelled error says what was left behind); when it does not end in time, or a
        second Ctrl+C comes, :class:`InterruptedByUserError` says so.
        """
        cancel = threading.Event()
        outcome = _Outcome(lambda: work(cancel), "aitems-local")
        try:
            outcome.wait()
        except KeyboardInterrupt:
            cancel.set()
            try:
                ended = outcome.done.wait(grace)
            except KeyboardInterrupt:  # a second Ctrl+C: do not wait any longer
                ended = False
            if not ended:
                raise InterruptedByUserError(
                    "Interrupted; the work did not stop in time and was left behind."
                ) from None
        return outcome.result()

    def _interrupted(
        self, engine: StoppableEngine, done: threading.Event, unsettled: Unsettled | None
    ) -> InterruptedByUserError:
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


class _Outcome(Generic[T]):
    """``work`` run on a daemon thread: what it returned or raised, once :attr:`done` is set."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self.done = threading.Event()
        self.error: BaseException | None = None
        self._value: T | None = None
        self._work = work
        threading.Thread(target=self._run, name=name, daemon=True).start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as exc:
            self.error = exc
        finally:
            self.done.set()

    def wait(self) -> None:
        """Wait for the work to end, in short steps so that Ctrl+C is seen at once."""
        while not self.done.wait(_POLL_S):
            pass

    def result(self) -> T:
        """What the work returned, or its error raised again (only once :attr:`done`)."""
        if self.error is not None:
            raise self.error
        return cast(T, self._value)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
