"""The workspace: what the navigator and the details pane show for the current connection.

It owns the three list models, reads them through the :class:`Runner`, keeps the last full
read of each resource the person opened, and keeps everything in a passing state fresh by
itself: a list with a service in training, or a dataset being processed, is read again after
5 seconds, then after longer and longer pauses up to a minute, until everything has settled.
What the person creates, changes or deletes is put in place at once, from the service's own
answer, without waiting for a refresh.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from aitems_desktop.gui.workspace.list_model import ResourceListModel
from aitems_desktop.gui.workspace.rows import Kind, Row, is_passing, row_for

if TYPE_CHECKING:
    from aitems_desktop.core.api import AitemsApi
    from aitems_desktop.gui.shell.runner import Runner

log = logging.getLogger(__name__)

FIRST_POLL_MS: Final = 5_000
LONGEST_POLL_MS: Final = 60_000
POLL_GROWTH: Final = 1.5
#: At most this many pages of 1,000 are read for one list.
MAX_PAGES: Final = 100
_TRAINING: Final = frozenset({"requestLearning", "learning", "scheduledLearning"})


def _list_all(kind: Kind) -> Callable[[AitemsApi], list[Any]]:
    def read(api: AitemsApi) -> list[Any]:
        from aitems_desktop.core.usecases import iter_pages

        if kind is Kind.SERVICES:
            return list(
                iter_pages(
                    lambda o, n: api.services.list(offset=o, limit=n).services,
                    key=lambda s: s.service_id,
                    max_pages=MAX_PAGES,
                )
            )
        if kind is Kind.DATASETS:
            return list(
                iter_pages(
                    lambda o, n: api.datasets.list(offset=o, limit=n).datasets,
                    key=lambda d: d.dataset_id,
                    max_pages=MAX_PAGES,
                )
            )
        return list(
            iter_pages(
                lambda o, n: api.schemas.list(offset=o, limit=n).schemas,
                key=lambda s: s.name,
                max_pages=MAX_PAGES,
            )
        )

    return read


def _get_one(kind: Kind, resource_id: str) -> Callable[[AitemsApi], Any]:
    def read(api: AitemsApi) -> Any:
        if kind is Kind.SERVICES:
            return api.services.get(resource_id)
        if kind is Kind.DATASETS:
            return api.datasets.get(resource_id)
        return api.schemas.get(resource_id)

    return read


class Workspace(QObject):
    """Lists and details of one connection, kept fresh; see the module docstring."""

    #: A list was read (kind); its model already holds the rows.
    list_loaded = Signal(str)
    #: Reading a list failed: (kind, error).
    list_failed = Signal(str, object)
    #: A list started or stopped loading: (kind, loading).
    loading_changed = Signal(str, bool)
    #: A full resource was read or put in place: (kind, id, object).
    details_loaded = Signal(str, str, object)
    #: Reading one resource failed: (kind, id, error).
    details_failed = Signal(str, str, object)
    #: A resource is gone (deleted here, or missing on a read): (kind, id).
    removed = Signal(str, str)
    #: A service's training ended: (service id, name, status it settled in).
    training_ended = Signal(str, str, str)
    #: The number of rows of a list changed: (kind, count).
    count_changed = Signal(str, int)

    def __init__(self, runner: Runner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.models = {kind: ResourceListModel(kind, self) for kind in Kind}
        self._details: dict[tuple[Kind, str], Any] = {}
        self._service_types: dict[str, str] = {}
        #: The resource whose details are on screen: polled with the lists.
        self._focus: tuple[Kind, str] | None = None
        self._poll = QTimer(self)
        self._poll.setObjectName("workspacePoll")
        self._poll.setSingleShot(True)
        self._poll.timeout.connect(self._poll_tick)
        self._poll_ms = FIRST_POLL_MS
        self._loaded: set[Kind] = set()
        #: Services seen to start a training (or asked to): only their end is announced, not
        #: that of a training already under way, or a periodic one, when the list was first read.
        self._watched: set[str] = set()
        #: When each resource last changed here (removed, or changed by the person), on a
        #: counter every read notes as it starts: the answer to a read that began before such a
        #: change is older than what is shown, and must not bring a deleted resource back.
        self._clock = 0
        self._changed: dict[tuple[Kind, str], int] = {}

    # --- the connection ---------------------------------------------------------------------

    def reset(self) -> None:
        """Forget everything (the connection changed): empty lists, no details, no polling."""
        self._poll.stop()
        self._poll_ms = FIRST_POLL_MS
        self._details.clear()
        self._service_types.clear()
        self._watched.clear()
        self._changed.clear()
        self._focus = None
        self._loaded.clear()
        for kind, model in self.models.items():
            model.clear()
            self.count_changed.emit(kind.value, 0)

    def stop(self) -> None:
        """Stop polling (the window closes)."""
        self._poll.stop()

    def is_loaded(self, kind: Kind) -> bool:
        return kind in self._loaded

    # --- reading ---------------------------------------------------------------------------------

    def refresh(self, kind: Kind | None = None) -> None:
        """Read one list again, or all three."""
        for each in [kind] if kind is not None else list(Kind):
            self._read_list(each)

    def _read_list(self, kind: Kind) -> None:
        task = self.runner.run(
            _list_all(kind),
            functools.partial(self._list_read, kind, started=self._clock),
            functools.partial(self._list_error, kind),
            key=f"list:{kind.value}",
            label=f"list {kind.value}",
        )
        if task is not None:
            self.loading_changed.emit(kind.value, True)
            task.done.connect(lambda k=kind: self.loading_changed.emit(k.value, False))

    def _list_read(self, kind: Kind, items: list[Any], started: int | None = None) -> None:
        """Show a list answer; ``started``: the clock when its read began (None: now)."""
        if started is None:
            started = self._clock
        model = self.models[kind]
        before = {r.id: r for r in model.rows()}
        rows: list[Row] = []
        for item in items:
            resource_id = _id(kind, item)
            if self._changed_since(kind, resource_id, started):
                continue  # what is shown is newer: kept below
            rows.append(row_for(kind, item, self._service_types.get(resource_id)))
        for (changed_kind, resource_id), at in self._changed.items():
            if changed_kind is kind and at > started and (row := before.get(resource_id)):
                rows.append(row)
        model.set_rows(rows)
        self._loaded.add(kind)
        if kind is Kind.SERVICES:
            self._notice_trainings(before, rows)
        self.count_changed.emit(kind.value, model.rowCount())
        self.list_loaded.emit(kind.value)
        self._plan_poll()

    def _list_error(self, kind: Kind, error: BaseException) -> None:
        self.list_failed.emit(kind.value, error)

    def details(self, kind: Kind, resource_id: str) -> Any | None:
        """The last full read of a resource, if there is one."""
        return self._details.get((kind, resource_id))

    def fetch(self, kind: Kind, resource_id: str) -> None:
        """Read one resource in full; ``details_loaded`` or ``details_failed`` follows."""
        self.runner.run(
            _get_one(kind, resource_id),
            functools.partial(self._fetched, kind, started=self._clock),
            functools.partial(self._details_error, kind, resource_id),
            key=f"get:{kind.value}:{resource_id}",
            label=f"get {kind.value} {resource_id}",
        )

    def _fetched(self, kind: Kind, obj: Any, *, started: int) -> None:
        if not self._changed_since(kind, _id(kind, obj), started):
            self.put(kind, obj, user=False)

    def _changed_since(self, kind: Kind, resource_id: str, started: int) -> bool:
        return self._changed.get((kind, resource_id), 0) > started

    def _stamp(self, kind: Kind, resource_id: str) -> None:
        self._clock += 1
        self._changed[(kind, resource_id)] = self._clock

    def _details_error(self, kind: Kind, resource_id: str, error: BaseException) -> None:
        from aitems_desktop.core import errors

        if isinstance(error, errors.NotFoundError):
            self.remove(kind, resource_id)
        self.details_failed.emit(kind.value, resource_id, error)

    def focus(self, kind: Kind | None, resource_id: str | None = None) -> None:
        """The resource on screen: read it now, and keep it fresh while it is passing."""
        self._focus = (kind, resource_id) if kind is not None and resource_id else None
        if self._focus is not None:
            self.fetch(*self._focus)

    # --- changing ------------------------------------------------------------------------------

    def put(self, kind: Kind, obj: Any, *, user: bool = True) -> None:
        """Show a full resource the service returned (a read, or the answer to a change)."""
        resource_id = _id(kind, obj)
        if user:
            self._stamp(kind, resource_id)
        self._details[(kind, resource_id)] = obj
        known_type = getattr(obj, "type", None) if kind is Kind.SERVICES else None
        if known_type:
            self._service_types[resource_id] = known_type
        model = self.models[kind]
        old = model.row(resource_id)
        new = row_for(kind, obj, known_type)
        if kind is Kind.SERVICES:
            self._notice_trainings({old.id: old} if old is not None else {}, [new], user=user)
        model.upsert(new)
        self.count_changed.emit(kind.value, model.rowCount())
        self.details_loaded.emit(kind.value, resource_id, obj)
        if user:
            # Something the person did may have started a passing state: look again soon.
            self._poll_ms = FIRST_POLL_MS
            self._poll.stop()
        self._plan_poll()

    def remove(self, kind: Kind, resource_id: str) -> None:
        self._stamp(kind, resource_id)
        self._details.pop((kind, resource_id), None)
        self.models[kind].remove(resource_id)
        if self._focus == (kind, resource_id):
            self._focus = None
        self.count_changed.emit(kind.value, self.models[kind].rowCount())
        self.removed.emit(kind.value, resource_id)

    # --- polling --------------------------------------------------------------------------------

    def passing_kinds(self) -> list[Kind]:
        """The lists that hold a resource in a passing state."""
        kinds = [k for k, m in self.models.items() if any(is_passing(r) for r in m.rows())]
        if self._focus is not None:
            row = self.models[self._focus[0]].row(self._focus[1])
            if row is not None and is_passing(row) and self._focus[0] not in kinds:
                kinds.append(self._focus[0])
        return kinds

    def poll_interval_ms(self) -> int | None:
        """The pause before the next look, or None when nothing is passing."""
        return self._poll_ms if self._poll.isActive() else None

    def _plan_poll(self) -> None:
        if not self.passing_kinds():
            self._poll.stop()
            self._poll_ms = FIRST_POLL_MS
            return
        if not self._poll.isActive():
            self._poll.start(self._poll_ms)

    @Slot()
    def _poll_tick(self) -> None:
        kinds = self.passing_kinds()
        self._poll_ms = min(LONGEST_POLL_MS, int(self._poll_ms * POLL_GROWTH))
        for kind in kinds:
            self._read_list(kind)
        if self._focus is not None:
            row = self.models[self._focus[0]].row(self._focus[1])
            if row is not None and is_passing(row):
                self.fetch(*self._focus)
        if not kinds:
            self._poll_ms = FIRST_POLL_MS

    def _notice_trainings(
        self, before: dict[str, Row], rows: list[Row], *, user: bool = False
    ) -> None:
        for row in rows:
            old = before.get(row.id)
            if row.status in _TRAINING:
                if user or (old is not None and old.status not in _TRAINING):
                    self._watched.add(row.id)
            elif row.id in self._watched:
                self._watched.discard(row.id)
                if row.status != "deleting":
                    self.training_ended.emit(row.id, row.name, row.status or "")


def _id(kind: Kind, obj: Any) -> str:
    if kind is Kind.SERVICES:
        return str(obj.service_id)
    if kind is Kind.DATASETS:
        return str(obj.dataset_id)
    return str(obj.name)
