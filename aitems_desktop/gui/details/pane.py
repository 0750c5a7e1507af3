"""The details pane: the selected resource, its header and its tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aitems_desktop.gui import labels
from aitems_desktop.gui.details.builders import BUILDERS
from aitems_desktop.gui.details.tree_model import DetailsTreeModel, build_model
from aitems_desktop.gui.details.tree_view import DetailsTree
from aitems_desktop.gui.workspace.rows import Kind

_STATUS_TABLES = {
    Kind.SERVICES: labels.SERVICE_STATUS,
    Kind.DATASETS: labels.DATASET_STATUS,
    Kind.SCHEMAS: {},
}


class ResourcePage(QWidget):
    """One resource: a title, a status line and tabs, the first of which is the tree.

    The tree is built on a worker of ``runner`` (a service may have ten thousand results) and
    shown when it is ready; ``tree_ready`` says so.
    """

    tree_ready = Signal()

    def __init__(self, kind: Kind, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.runner = runner
        self.setObjectName(f"{kind.value}Page")
        self.resource: Any = None
        self.title = QLabel(self)
        self.title.setObjectName("detailsTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("detailsSubtitle")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle.setWordWrap(True)
        self.model = DetailsTreeModel(self)
        self.tree = DetailsTree(self.model, self)
        self.tree.setObjectName(f"{kind.value}Tree")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName(f"{kind.value}Tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.tree, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Overview"))
        if self.resource is not None:
            self.show_resource(self.resource)

    def show_resource(self, resource: Any) -> None:
        """Lay out ``resource`` (a typed model); expanded state is kept where it can be."""
        self.resource = resource
        name = getattr(resource, "name", None) or ""
        self.title.setText(name)
        self.subtitle.setText(self._subtitle(resource))
        self.subtitle.setToolTip(
            labels.unlisted_tooltip(_STATUS_TABLES[self.kind], getattr(resource, "status", None))
        )
        build = BUILDERS[self.kind.value]
        raw = getattr(resource, "raw", None)
        if self.runner is None:
            self._tree_built(build_model(build(resource), raw))
            return
        gui_thread = QCoreApplication.instance().thread()  # type: ignore[union-attr]
        key = f"tree:{self.kind.value}"
        self.runner.cancel(key)
        self.runner.run_local(
            lambda: build_model(build(resource), raw, for_thread=gui_thread),
            self._tree_built,
            lambda error: self.subtitle.setText(str(error)),
            key=key,
            label=f"lay out {self.kind.value}",
        )

    def _tree_built(self, model: DetailsTreeModel) -> None:
        self.model = model
        self.tree.set_details_model(model)
        self.tree.expandToDepth(0)
        self.tree.fit_labels()
        self.tree_ready.emit()

    def clear(self) -> None:
        self.resource = None
        self.title.clear()
        self.subtitle.clear()
        if self.runner is not None:
            self.runner.cancel(f"tree:{self.kind.value}")
        self.model.fill(None)

    def _subtitle(self, resource: Any) -> str:
        parts: list[str] = []
        identifier = getattr(resource, "service_id", None) or getattr(resource, "dataset_id", None)
        if identifier:
            parts.append(identifier)
        status = getattr(resource, "status", None)
        if status:
            parts.append(labels.with_raw(_STATUS_TABLES[self.kind], status))
        kind = getattr(resource, "type", None) or getattr(resource, "dataset_type", None)
        if kind:
            table = labels.SERVICE_TYPE if self.kind is Kind.SERVICES else labels.DATASET_TYPE
            parts.append(labels.with_raw(table, kind))
        return " · ".join(parts)


class DetailsPane(QStackedWidget):
    """An empty page, or the page of the selected resource's kind."""

    #: The person asked to read the shown resource again.
    refresh_requested = Signal()

    def __init__(self, runner: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsPane")
        self.empty = QLabel(self)
        self.empty.setObjectName("detailsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.addWidget(self.empty)
        self.pages: dict[Kind, ResourcePage] = {}
        for kind in Kind:
            page = ResourcePage(kind, runner, self)
            self.pages[kind] = page
            self.addWidget(page)
        self.shown: tuple[Kind, str] | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.setText(self.tr("Select a service, dataset or schema to see its details here."))
        for page in self.pages.values():
            page.retranslate()

    def show_empty(self, text: str = "") -> None:
        self.shown = None
        if text:
            self.empty.setText(text)
        else:
            self.retranslate()
        self.setCurrentWidget(self.empty)

    def show_resource(self, kind: Kind, resource_id: str, resource: Any) -> None:
        self.shown = (kind, resource_id)
        page = self.pages[kind]
        page.show_resource(resource)
        self.setCurrentWidget(page)

    def page(self, kind: Kind) -> ResourcePage:
        return self.pages[kind]
