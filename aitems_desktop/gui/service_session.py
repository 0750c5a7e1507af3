"""The calls the window makes, each on a worker thread, one at a time.

:class:`ServiceSession` is the GUI-thread side of the data flow: it turns the form's values
into a ``CreateServiceRequest``, runs the client off the GUI thread through
:func:`~aitems_desktop.gui.operations.run_in_background`, and reports back with signals.
After a create fails in a way that may have reached the server it looks the service up by
name before letting anyone try again.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from aitems_desktop.core.loading import load_core
from aitems_desktop.gui.operations import Operation, run_in_background
from aitems_desktop.gui.worker import WorkerRegistry

if TYPE_CHECKING:
    # Dataclass modules, loaded on first use rather than before the window's first paint
    # (the error reports in the failure paths below import theirs when they need it).
    from aitems_desktop.core.client import AitemsClient
    from aitems_desktop.core.connection import Connection
    from aitems_desktop.core.models import CreateServiceRequest, Service
    from aitems_desktop.gui.error_report import ErrorReport

log = logging.getLogger(__name__)

ClientFactory = Callable[["Connection"], "AitemsClient"]


def default_client_factory(connection: Connection) -> AitemsClient:
    return connection.client()


def service_answer(service: Any) -> dict[str, Any]:
    """The service object exactly as the server sent it."""
    raw = getattr(service, "raw", None)
    if isinstance(raw, dict):
        return raw
    dumped: dict[str, Any] = service.model_dump(by_alias=True, mode="json")
    return dumped


# --- jobs (run on the worker thread; they touch no widget) -------------------------------


def _create_job(client: AitemsClient, request: CreateServiceRequest) -> Service:
    try:
        return client.create_service(request)
    finally:
        client.close()


def _find_job(client: AitemsClient, name: str) -> Service | None:
    try:
        return client.find_service_by_name(name)
    finally:
        client.close()


def _save_job(path: str, text: str) -> str:
    # QSaveFile writes to a temporary file and renames it over the target on commit, so
    # an interrupted save never leaves half a file behind.
    from PySide6.QtCore import QIODevice, QSaveFile

    out = QSaveFile(path)
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(out.errorString())
    out.write(text.encode("utf-8"))
    if not out.commit():
        raise OSError(out.errorString())
    return path


class ServiceSession(QObject):
    """Creates and looks up services for the window; one call in flight at a time."""

    #: A call started; the argument says what is happening, for the status bar.
    busy = Signal(str)
    #: No call is in flight any more (success, failure, cancel).
    idle = Signal()
    #: (service, origin) with origin "created", "found" or "opened".
    service_received = Signal(object, str)
    failed = Signal(object)  # ErrorReport
    note = Signal(str, str, str)  # title, message, hint
    saved = Signal(str)

    def __init__(
        self,
        registry: WorkerRegistry,
        client_factory: ClientFactory = default_client_factory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._client_factory = client_factory
        self._connection: Connection | None = None
        self._operation: Operation | None = None
        self._pending_name = ""
        #: A create answered with an unclear error, while it is looked up by name.
        self._unclear_report: ErrorReport | None = None
        self._creating = False

    # --- connection ----------------------------------------------------------------

    def connection(self) -> Connection | None:
        return self._connection

    def set_connection(self, connection: Connection | None) -> None:
        self.cancel()
        self._connection = connection

    def is_busy(self) -> bool:
        return self._operation is not None and self._operation.is_running

    def new_client(self) -> AitemsClient:
        if self._connection is None:
            raise RuntimeError("no connection")
        return self._client_factory(self._connection)

    # --- create --------------------------------------------------------------------

    def create(self, name: str, description: str, service_type: str) -> bool:
        """Start a create; False (and nothing sent) when busy, unconnected or invalid."""
        from aitems_desktop.gui.error_report import ErrorReport

        if self.is_busy() or self._connection is None:
            return False
        # Waits for the start-up preload if it is still importing (the first ~0.3 s only).
        load_core()
        from pydantic import ValidationError

        from aitems_desktop.core.models import CreateServiceRequest
        from aitems_desktop.core.rules import ServiceType

        try:
            request = CreateServiceRequest(
                name=name, description=description, type=ServiceType(service_type)
            )
        except (ValidationError, ValueError) as exc:
            # The form's validator should have caught this; say so rather than crash.
            self.failed.emit(
                ErrorReport(
                    title=self.tr("The form is not valid"), message=str(exc), kind="invalid"
                )
            )
            self.idle.emit()
            return False
        client = self.new_client()
        self._pending_name = name
        self._creating = True
        log.info("creating service %r", name)
        self._start(
            functools.partial(_create_job, client, request),
            self._created,
            self._create_failed,
            client,
            self.tr("Creating {name}…").format(name=name),
        )
        return True

    @Slot(object)
    def _created(self, service: object) -> None:
        log.info("created service %s", getattr(service, "service_id", "?"))
        self.idle.emit()
        self.service_received.emit(service, "created")

    @Slot(object)
    def _create_failed(self, error: BaseException) -> None:
        from aitems_desktop.gui.error_report import ErrorAction, report_for

        report = report_for(error, name=self._pending_name, creating=True)
        log.warning("create failed: %s", report.as_text().replace("\n", " | "))
        self.failed.emit(report)
        if report.action is ErrorAction.CHECK_BY_NAME and self._connection is not None:
            self._unclear_report = report
            self._check_by_name(report.name or self._pending_name)
        else:
            self.idle.emit()

    def _check_by_name(self, name: str) -> None:
        client = self.new_client()
        self._pending_name = name
        self._creating = False
        self._start(
            functools.partial(_find_job, client, name),
            self._checked,
            self._check_failed,
            client,
            self.tr("Checking whether {name} was created…").format(name=name),
        )

    @Slot(object)
    def _checked(self, service: object) -> None:
        self.idle.emit()
        unclear, self._unclear_report = self._unclear_report, None
        if service is None and unclear is not None and not unclear.network:
            # The server's own error stays on screen, with the lookup's outcome.
            import dataclasses

            from aitems_desktop.gui.error_report import ErrorAction, checking_by_name

            outcome = self.tr(
                "No service named {name} exists, so nothing was created: it is safe to try again."
            ).format(name=self._pending_name)
            base = unclear.hint.removesuffix(checking_by_name()).strip()
            self.failed.emit(
                dataclasses.replace(
                    unclear, hint=f"{base} {outcome}".strip(), action=ErrorAction.NONE
                )
            )
        elif service is None:
            self.note.emit(
                self.tr("Nothing was created"),
                self.tr("The connection failed, and no service named {name} exists.").format(
                    name=self._pending_name
                ),
                self.tr("It is safe to try again."),
            )
        else:
            self.note.emit(
                self.tr("The service was created"),
                self.tr(
                    "The create did not finish cleanly, but the service {name} exists: it "
                    "is shown below."
                ).format(name=self._pending_name),
                self.tr("Do not create it again."),
            )
            self.service_received.emit(service, "found")

    @Slot(object)
    def _check_failed(self, error: BaseException) -> None:
        import dataclasses

        from aitems_desktop.gui.error_report import ErrorAction, report_for

        self._unclear_report = None
        report = report_for(error, name=self._pending_name)
        self.idle.emit()
        self.failed.emit(
            dataclasses.replace(
                report,
                title=self.tr("Could not check whether the service was created"),
                hint=self.tr(
                    "Look for a service named {name} (File > Open Existing…) before "
                    "creating it again."
                ).format(name=self._pending_name),
                action=ErrorAction.OPEN_EXISTING,
                name=self._pending_name,
            )
        )

    # --- open existing -------------------------------------------------------------

    def open_existing(self, name: str) -> bool:
        """Find the service called ``name`` (list, then get) and show it."""
        if self.is_busy() or self._connection is None:
            return False
        client = self.new_client()
        self._pending_name = name
        self._creating = False
        self._start(
            functools.partial(_find_job, client, name),
            self._opened,
            self._open_failed,
            client,
            self.tr("Opening {name}…").format(name=name),
        )
        return True

    @Slot(object)
    def _opened(self, service: object) -> None:
        self.idle.emit()
        if service is None:
            self.note.emit(
                self.tr("Not found"),
                self.tr("There is no service named {name}.").format(name=self._pending_name),
                "",
            )
        else:
            self.service_received.emit(service, "opened")

    @Slot(object)
    def _open_failed(self, error: BaseException) -> None:
        from aitems_desktop.gui.error_report import report_for

        self.idle.emit()
        self.failed.emit(report_for(error, name=self._pending_name))

    # --- cancel, save, curl ------------------------------------------------------------

    @Slot()
    def cancel(self) -> None:
        """Stop waiting for the call in flight; its late answer is dropped."""
        if not self.is_busy():
            return
        assert self._operation is not None
        self._operation.cancel()
        log.info("cancelled the call for %r", self._pending_name)
        self.idle.emit()
        if self._creating:
            # Cancelling only stops the waiting: the request may already be on the server.
            self.note.emit(
                self.tr("Stopped waiting"),
                self.tr(
                    "The request to create {name} may already have reached the service; "
                    "if it did, the service exists."
                ).format(name=self._pending_name),
                self.tr("Use File > Open Existing… to check before creating it again."),
            )

    def save_json(self, path: str, text: str) -> None:
        """Write ``text`` to ``path`` off the GUI thread; ``saved`` or ``failed`` follows."""
        operation = run_in_background(
            self._registry,
            functools.partial(_save_job, path, text),
            on_success=self._saved,
            on_failure=self._save_failed,
            name="save-json",
            parent=self,
        )
        operation.done.connect(operation.deleteLater)

    @Slot(object)
    def _saved(self, path: object) -> None:
        self.saved.emit(str(path))

    @Slot(object)
    def _save_failed(self, error: BaseException) -> None:
        from aitems_desktop.gui.error_report import ErrorReport

        self.failed.emit(
            ErrorReport(
                title=self.tr("Could not save the file"),
                message=str(error),
                hint=self.tr("Choose another folder or file name."),
                kind=type(error).__name__,
            )
        )

    def curl_command(self, service_id: str) -> str:
        """A freshly signed ``curl`` that fetches this service again (no secret in it)."""
        client = self.new_client()
        try:
            return client.curl_command("GET", f"/services/{service_id}")
        finally:
            client.close()

    def _start(
        self,
        job: Callable[[], object],
        on_success: Callable[[object], None],
        on_failure: Callable[[BaseException], None],
        client: AitemsClient,
        message: str,
    ) -> None:
        if self._operation is not None:
            self._operation.deleteLater()
        self._operation = run_in_background(
            self._registry,
            job,
            on_success=on_success,
            on_failure=on_failure,
            cancel_hook=client.cancel,
            name="aitems-call",
            parent=self,
        )
        self.busy.emit(message)
