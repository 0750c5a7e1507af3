"""The navigator's list models and the details tree: Qt's model rules, updates in place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QLocale, QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from aitems_desktop.core.models import Dataset, Schema, Service, ServiceSummary, Training
from aitems_desktop.gui import format
from aitems_desktop.gui.details.builders import (
    dataset_tree,
    schema_tree,
    service_tree,
    training_tree,
)
from aitems_desktop.gui.details.tree_model import PATH_ROLE, DetailsTreeModel
from aitems_desktop.gui.details.tree_view import DetailsTree
from aitems_desktop.gui.services.panels import LookupPanel, TrainingsPanel
from aitems_desktop.gui.workspace.list_model import (
    ID_ROLE,
    NAME,
    RAW_ROLE,
    STATUS,
    TYPE,
    UPDATED,
    ResourceFilterModel,
    ResourceListModel,
)
from aitems_desktop.gui.workspace.navigator import ResourceTable
from aitems_desktop.gui.workspace.rows import Kind, Row, service_row
from aitems_desktop.gui.workspace.state import Workspace


def summary(n: int, status: str = "learnable", name: str | None = None) -> ServiceSummary:
    return ServiceSummary.from_json(
        {
            "serviceId": f"id{n:05d}",
            "name": name or f"svc_{n:05d}",
            "status": status,
            "createdDate": "2024-07-29T16:17:37.235",
            "updatedDate": f"2024-07-{1 + n % 28:02d}T10:00:00.000",
        }
    )


def rows(count: int, status: str = "learnable") -> list[Row]:
    return [service_row(summary(n, status)) for n in range(count)]


def test_the_list_model_follows_qts_rules(qtmodeltester: ModelTester) -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows(rows(20))
    qtmodeltester.check(model)
    proxy = ResourceFilterModel(model)
    qtmodeltester.check(proxy)
    model.set_rows([*rows(25)[5:], service_row(summary(99, "learning"))])
    qtmodeltester.check(model)


def test_a_refresh_changes_only_what_changed_and_keeps_the_selection(qtbot: QtBot) -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows(rows(10))
    proxy = ResourceFilterModel(model)
    selection = QItemSelectionModel(proxy)
    target = proxy.mapFromSource(model.index_of("id00004"))
    selection.setCurrentIndex(
        target,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    fresh = rows(10)
    fresh[4] = service_row(summary(4, "learning"))
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_rows(fresh)
    assert changed == [(4, 4)]
    assert selection.currentIndex().data(ID_ROLE) == "id00004"
    assert "learning" in model.index(4, 1).data()


def test_removed_rows_go_and_new_rows_take_their_sorted_place() -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows(rows(6))
    kept = [r for i, r in enumerate(rows(6)) if i not in (1, 2, 5)]
    model.set_rows([*kept, service_row(summary(50)), service_row(summary(2))])
    assert [r.id for r in model.rows()] == ["id00000", "id00002", "id00003", "id00004", "id00050"]
    assert model.index_of("id00003").row() == 2
    model.remove("id00000")
    assert model.index_of("id00050").row() == 3
    assert not model.index_of("id00000").isValid()


def test_the_model_sorts_itself_and_keeps_the_selection(qtbot: QtBot) -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows(
        [
            service_row(summary(1, "learning", "b_svc")),
            service_row(summary(2, "datasetRequired", "a_svc")),
            service_row(summary(3, "learnable", "c_svc")),
        ]
    )
    proxy = ResourceFilterModel(model)
    selection = QItemSelectionModel(proxy)
    selection.setCurrentIndex(
        proxy.mapFromSource(model.index_of("id00003")),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert [proxy.index(r, 0).data() for r in range(3)] == ["a_svc", "b_svc", "c_svc"]
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    # By the raw status, not the label: learning, learnable, datasetRequired.
    assert [proxy.index(r, 0).data() for r in range(3)] == ["b_svc", "c_svc", "a_svc"]
    assert selection.currentIndex().data(ID_ROLE) == "id00003"
    # A status change that moves a row in the order keeps the order.
    model.upsert(service_row(summary(1, "deleting", "b_svc")))
    assert [proxy.index(r, 0).data() for r in range(3)] == ["c_svc", "b_svc", "a_svc"]


def test_cells_show_labels_with_raw_values_and_sort_on_raw_values() -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows(
        [
            service_row(summary(1, "datasetRequired")),
            service_row(summary(2, "hibernating")),
        ]
    )
    assert model.index(0, 1).data() == "No datasets yet (datasetRequired)"
    # An undocumented status is shown as it came.
    assert model.index(1, 1).data() == "hibernating"
    assert model.index(0, 1).data(RAW_ROLE) == "datasetRequired"
    assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == "2024-07-02T10:00:00.000 (KST)"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"


def test_the_filter_matches_any_column_without_case() -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows(
        [
            service_row(summary(1, "learning", "Shop_recs")),
            service_row(summary(2, "learnable", "news")),
        ]
    )
    proxy = ResourceFilterModel(model)
    proxy.set_filter_text("SHOP")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("learnable")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("Training")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Shop_recs"]


SERVICE = {
    "serviceId": "abcdefghijk",
    "name": "shop",
    "description": "d",
    "status": "learnable",
    "type": "interval",
    "learningInterval": "hour3",
    "datasets": [
        {"datasetId": "u1", "type": "user", "name": "users", "schemaName": "s", "extra": 1},
        {"datasetId": "i1", "type": "item", "name": "items", "schemaName": "s2"},
    ],
    "hpConfig": {"is_enabled": True, "item_top_n": 20000, "brand_new": {"x": [1, None]}},
    "infers": [
        {"dataType": "item", "trainVersion": 3, "status": "enable", "rowCount": 1201},
    ],
    "createdDate": "2024-07-29T16:17:37.235",
    "surprise": [1, "two", None],
}


def _find(model: DetailsTreeModel, path: str, parent: QModelIndex | None = None) -> QModelIndex:
    parent = parent or QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(PATH_ROLE) == path:
            return index
        found = _find(model, path, index)
        if found.isValid():
            return found
    return QModelIndex()


def _row(model: DetailsTreeModel, path: str) -> tuple[str, str]:
    index = _find(model, path)
    assert index.isValid(), path
    return index.data(), index.siblingAtColumn(1).data()


@pytest.mark.parametrize(
    ("builder", "resource"),
    [
        (service_tree, Service.from_json(SERVICE)),
        (
            dataset_tree,
            Dataset.from_json(
                {
                    "datasetId": "d",
                    "name": "clicks",
                    "status": "upload_failed",
                    "osInfo": {"region": "KR", "bucket": "b", "key": "k.csv"},
                    "connectedServices": [{"serviceId": "s", "name": "svc"}],
                }
            ),
        ),
        (
            schema_tree,
            Schema.from_json(
                {
                    "name": "s",
                    "datasetType": "user",
                    "fields": [{"name": "USER_ID", "type": ["string"], "categorical": True}],
                }
            ),
        ),
        (
            training_tree,
            Training.from_json({"type": "pop", "version": "1", "status": "completed"}),
        ),
    ],
)
def test_every_details_tree_follows_qts_rules(
    qtmodeltester: ModelTester, builder: Any, resource: Any
) -> None:
    model = DetailsTreeModel()
    model.fill(builder(resource), resource.raw)
    qtmodeltester.check(model)


def test_the_service_tree_shows_everything_with_labels_and_json_paths() -> None:
    model = DetailsTreeModel()
    service = Service.from_json(SERVICE)
    model.fill(service_tree(service), service.raw)
    assert _row(model, "status") == ("Status", "Ready to train (learnable)")
    assert not _find(model, "status").siblingAtColumn(1).data(Qt.ItemDataRole.ToolTipRole)
    # The type is said once, as a label with the raw value beside it.
    assert _row(model, "type") == ("Type", "Retrains on a cycle (interval)")
    assert _row(model, "learningInterval") == ("Update cycle", "Every 3 hours (hour3)")
    assert _row(model, "datasets[0].schemaName") == ("Schema", "s")
    assert _row(model, "datasets[0].extra") == ("extra", "1")
    assert _row(model, "hpConfig.item_top_n") == (
        "Items used for recommendations (top N)",
        "20,000",
    )
    # An undocumented option keeps its raw key, and its value as it came.
    assert _row(model, "hpConfig.brand_new.x[1]") == ("[1]", "null")
    assert (
        _row(model, "infers[0]")[1] == "Item (item) · version 3 · Available (enable) · 1,201 rows"
    )
    assert _row(model, "surprise[1]") == ("[1]", "two")
    assert _row(model, "createdDate")[0] == "Created"
    odd = Service.from_json(dict(SERVICE, status="suspended"))
    model.fill(service_tree(odd), odd.raw)
    assert _row(model, "status") == ("Status", "suspended")
    tip = _find(model, "status").siblingAtColumn(1).data(Qt.ItemDataRole.ToolTipRole)
    assert "not among the values the AiTEMS documents list" in tip


def test_ten_thousand_results_are_one_row_each() -> None:
    many = dict(SERVICE, infers=[{"dataType": "user", "trainVersion": n} for n in range(10_000)])
    model = DetailsTreeModel()
    service = Service.from_json(many)
    model.fill(service_tree(service), many)
    infers = _find(model, "infers")
    assert model.rowCount(infers) == 10_000
    assert not model.hasChildren(model.index(9_999, 0, infers))


class _IdleRunner:
    """A runner that is never asked to read anything in these tests."""

    def run(self, *_: Any, **__: Any) -> None:
        return None


def test_only_a_training_seen_to_start_is_announced_when_it_ends(qtbot: QtBot) -> None:
    workspace = Workspace(_IdleRunner())  # type: ignore[arg-type]
    ended: list[tuple[str, str, str]] = []
    workspace.training_ended.connect(lambda *args: ended.append(args))
    try:
        # First read: one already training, one in a periodic cycle, one settled.
        workspace._list_read(
            Kind.SERVICES,
            [summary(1, "learning"), summary(2, "scheduledLearning"), summary(3, "learnable")],
        )
        # Next read: the two that were under way when first seen have settled.
        workspace._list_read(
            Kind.SERVICES,
            [summary(1, "learnable"), summary(2, "scheduled"), summary(3, "learning")],
        )
        assert ended == []
        # The one seen to start is announced when it ends, once.
        workspace._list_read(
            Kind.SERVICES,
            [summary(1, "learnable"), summary(2, "scheduled"), summary(3, "learnable")],
        )
        assert ended == [("id00003", "svc_00003", "learnable")]
        workspace._list_read(
            Kind.SERVICES,
            [summary(1, "learnable"), summary(2, "scheduled"), summary(3, "learnable")],
        )
        assert len(ended) == 1
    finally:
        workspace.stop()


@pytest.fixture
def korean_locale() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("ko_KR"))
    format.clear_caches()
    yield
    QLocale.setDefault(before)
    format.clear_caches()


@pytest.mark.usefixtures("korean_locale")
def test_list_columns_fit_what_they_hold_and_the_name_takes_the_rest(qtbot: QtBot) -> None:
    model = ResourceListModel(Kind.SERVICES)
    long_name = "a_rather_long_name"
    model.set_rows(
        [
            service_row(summary(1, "datasetRequired", name=long_name), "interval"),
            service_row(summary(2, "scheduledLearning"), "batch"),
        ]
    )
    table = ResourceTable(Kind.SERVICES, ResourceFilterModel(model))
    qtbot.addWidget(table)
    table.resize(420, 300)
    table.show()
    qtbot.waitExposed(table)
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            text = table.model().index(row, column).data()
            # Nothing is cut: every cell's text fits its column (the Korean date with its time).
            assert metrics.horizontalAdvance(text) < header.sectionSize(column), text
    assert "오" in model.index(0, 3).data() or ":" in model.index(0, 3).data()
    # Wider than needed: the name column takes the rest of the width.
    table.resize(1400, 300)
    qtbot.waitUntil(
        lambda: sum(header.sectionSize(c) for c in range(4)) == table.viewport().width()
    )


def test_unlisted_values_and_missing_types_say_so_in_a_tooltip() -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows([service_row(summary(1, "suspended")), service_row(summary(2), "batch")])
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.index(0, 1).data() == "suspended"
    assert "not among the values" in model.index(0, 1).data(tip)
    assert model.index(1, 1).data(tip) is None
    # The list answer carries no type: the header and the empty cell say where it comes from.
    assert "does not say" in model.headerData(2, Qt.Orientation.Horizontal, tip)
    assert "does not say" in model.index(0, 2).data(tip)
    assert model.index(1, 2).data() == "Trains once when asked (batch)"
    assert model.index(1, 2).data(tip) is None


def test_the_details_label_column_is_as_wide_as_its_labels(qtbot: QtBot) -> None:
    service = Service.from_json(SERVICE)
    model = DetailsTreeModel()
    model.fill(service_tree(service), service.raw)
    tree = DetailsTree(model)
    qtbot.addWidget(tree)
    tree.resize(1000, 600)
    tree.show()
    qtbot.waitExposed(tree)
    tree.expandAll()
    hpo = _find(model, "hpConfig.item_top_n")
    label = hpo.data()
    indent = 2 * tree.indentation()
    assert tree.fontMetrics().horizontalAdvance(label) + indent < tree.columnWidth(0)
    # The values keep most of the width.
    assert tree.columnWidth(0) <= tree.viewport().width() * 2 // 3


def test_the_trainings_table_opens_at_its_left_edge(qtbot: QtBot) -> None:
    panel = TrainingsPanel(_IdleRunner())  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.resize(360, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.table.setFocus()
    trainings = [
        Training.from_json(
            {
                "type": kind,
                "version": "20261127145716",
                "status": "completed",
                "createdDate": "2026-11-27T14:57:16.000",
                "inference": True,
            }
        )
        for kind in ("personalRecommend", "relatedItem", "pop")
    ]
    panel._show(trainings)
    # Wider than the panel: it scrolls sideways, starting from the first column.
    bar = panel.table.horizontalScrollBar()
    assert bar.maximum() > 0
    assert bar.value() == 0
    panel.table.setCurrentIndex(panel.model.index(0, 4))
    panel._show(trainings)
    assert bar.value() == 0


def test_the_lookup_target_shows_its_whole_hint(qtbot: QtBot) -> None:
    panel = LookupPanel(_IdleRunner())  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.resize(480, 300)
    panel.show()
    qtbot.waitExposed(panel)
    edit = panel.target_edit
    for position in range(panel.type_combo.count()):
        panel.type_combo.setCurrentIndex(position)
        qtbot.waitUntil(lambda: panel.layout().geometry().isValid())
        needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        assert edit.contentsRect().width() > needed, edit.placeholderText()


def test_a_narrow_list_keeps_the_date_in_sight_before_the_type(qtbot: QtBot) -> None:
    model = ResourceListModel(Kind.SERVICES)
    model.set_rows([service_row(summary(1, "scheduledLearning"), "interval")])
    table = ResourceTable(Kind.SERVICES, ResourceFilterModel(model))
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    order = [header.logicalIndex(v) for v in range(header.count())]
    assert order == [NAME, STATUS, UPDATED, TYPE]
