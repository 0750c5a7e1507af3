"""The result tree's model: complete, honest about unknowns, lazy, and a valid Qt model."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from aitems_desktop.gui.result_tree import ResultTree
from aitems_desktop.gui.service_tree_model import (
    KEY_PATH_ROLE,
    PLACEHOLDER_ROLE,
    RAW_VALUE_ROLE,
    ServiceTreeModel,
)

FRESH: dict[str, Any] = {
    "serviceId": "abcdefghijk",
    "name": "shop_reco",
    "description": "for the shop",
    "status": "datasetRequired",
    "type": "batch",
    "datasets": [],
    "hpConfig": {"is_enabled": False},
    "infers": [],
    "createdDate": "2024-07-29T16:17:37.235",
    "updatedDate": "2024-07-29T16:17:37.235",
}


def trained(n_datasets: int = 3, n_infers: int = 2) -> dict[str, Any]:
    return {
        **FRESH,
        "status": "learnable",
        "datasets": [
            {
                "datasetId": f"ds{i:09d}",
                "type": ("user", "item", "interaction")[i % 3],
                "name": f"data_{i}",
                "schemaName": f"schema_{i}",
                "status": "learnable",
                "createdDate": "2024-07-29T16:17:37.235",
                "updatedDate": "2024-07-29T16:17:37.235",
            }
            for i in range(n_datasets)
        ],
        "hpConfig": {
            "is_enabled": True,
            "item_top_n": 20000,
            "session_max_timestamp": 1800,
            "group_column": ["GENDER", "AGE"],
            "brand_new_option": {"x": 1},
        },
        "infers": [
            {
                "dataType": "item",
                "trainVersion": str(i),
                "status": "enable",
                "rowCount": 1200 + i,
                "createdDate": "2024-07-30T01:00:00.000",
                "updatedDate": "2024-07-30T01:00:00.000",
            }
            for i in range(n_infers)
        ],
        "surpriseField": [1, "two", None],
    }


def _row(model: ServiceTreeModel, path: str) -> tuple[str, str, Any]:
    index = model.index_for_path(path)
    assert index.isValid(), path
    value = index.siblingAtColumn(1)
    return str(index.data()), str(value.data()), value.data(RAW_VALUE_ROLE)


@pytest.mark.parametrize("answer", [FRESH, trained()], ids=["fresh", "trained"])
def test_qtmodeltester(qtmodeltester: Any, answer: dict[str, Any]) -> None:
    model = ServiceTreeModel()
    qtmodeltester.check(model)
    model.set_answer(answer)
    qtmodeltester.check(model, force_py=True)
    model.clear()
    qtmodeltester.check(model)


def test_fresh_service_reads_as_fresh(qapp: object) -> None:
    model = ServiceTreeModel()
    model.set_answer(FRESH)
    assert _row(model, "serviceId") == ("Service ID", "abcdefghijk", "abcdefghijk")
    assert _row(model, "status") == (
        "Status",
        "datasetRequired — No datasets yet",
        "datasetRequired",
    )
    assert _row(model, "type")[1] == "batch — Trains once when asked"
    assert _row(model, "hpConfig.is_enabled") == ("Hyperparameter optimization (HPO)", "no", False)
    for key, text in (("datasets", "no datasets yet"), ("infers", "no training results yet")):
        node = model.index_for_path(key)
        assert model.rowCount(node) == 1
        empty = model.index(0, 0, node)
        assert empty.data() == text
        assert empty.data(PLACEHOLDER_ROLE) is True


def test_everything_the_server_sent_is_shown(qapp: object) -> None:
    model = ServiceTreeModel()
    model.set_answer(trained())
    assert _row(model, "datasets.1") == ("Dataset 2", "data_1 (item)", trained()["datasets"][1])
    assert _row(model, "datasets.1.type")[1] == "item — Item"
    assert _row(model, "datasets.2.schemaName") == ("Schema", "schema_2", "schema_2")
    assert _row(model, "infers.1.rowCount") == ("Rows", "1201", 1201)
    # Result statuses are not documented: shown as they came.
    assert _row(model, "infers.0.status")[1] == "enable"
    assert _row(model, "hpConfig.item_top_n") == (
        "Items used for recommendations (top N)",
        "20000",
        20000,
    )
    assert _row(model, "hpConfig.session_max_timestamp")[1] == "1800 seconds"
    assert _row(model, "hpConfig.group_column.1") == ("[1]", "AGE", "AGE")
    # Unknown options and fields: the key as it came, the value as it came.
    assert _row(model, "hpConfig.brand_new_option.x") == ("x", "1", 1)
    assert _row(model, "surpriseField.2") == ("[2]", "null", None)
    assert _row(model, "surpriseField.1")[1] == "two"


def test_unknown_enum_values_are_kept(qapp: object) -> None:
    model = ServiceTreeModel()
    model.set_answer({**FRESH, "status": "hibernating", "type": None})
    assert _row(model, "status") == ("Status", "hibernating", "hibernating")
    assert _row(model, "type")[1] == "null"


def test_missing_documented_field_says_so(qapp: object) -> None:
    answer = {k: v for k, v in FRESH.items() if k != "type"}
    model = ServiceTreeModel()
    model.set_answer(answer)
    index = model.index_for_path("type")
    assert index.siblingAtColumn(1).data() == "not returned"
    assert index.data(PLACEHOLDER_ROLE) is True


def test_key_paths(qapp: object) -> None:
    model = ServiceTreeModel()
    model.set_answer(trained())
    assert model.index_for_path("infers.1.status").data(KEY_PATH_ROLE) == "infers.1.status"
    assert not model.index_for_path("nothing.here").isValid()


def test_a_huge_service_lays_out_in_the_window(qtbot: QtBot) -> None:
    # How fast, and how it scales, is the benchmark suite's (benchmarks/tree.py: 100 ms for
    # 10,000 infers, 2.3x for twice as many): timed here, a loaded machine would decide.
    model = ServiceTreeModel()
    view = ResultTree(model)
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    model.set_answer(trained(1_000, 10_000))
    view.show_answer_laid_out()
    view.viewport().repaint()
    assert model.rowCount(model.index_for_path("infers")) == 10_000
    assert model.rowCount(model.index_for_path("datasets")) == 1_000
    assert model.index_for_path("infers.9999.status").isValid()


def test_rows_are_built_only_when_asked(qapp: object) -> None:
    model = ServiceTreeModel()
    model.set_answer(trained(10, 10_000))
    infers = model.index_for_path("infers")
    assert model.rowCount(infers) == 10_000
    built = sum(1 for child in model._node(infers)._children if child is not None)
    assert built == 0
    model.index(9_999, 0, infers)
    built = sum(1 for child in model._node(infers)._children if child is not None)
    assert built == 1


def test_only_column_zero_has_children(qapp: object) -> None:
    model = ServiceTreeModel()
    model.set_answer(trained())
    datasets = model.index_for_path("datasets")
    assert model.rowCount(datasets.siblingAtColumn(1)) == 0
    assert model.parent(model.index(0, 1, datasets)) == datasets
    assert model.parent(QModelIndex()) == QModelIndex()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Field"


def test_context_menu_offers_copy_and_the_answer_actions(qtbot: QtBot) -> None:
    from PySide6.QtGui import QAction

    model = ServiceTreeModel()
    view = ResultTree(model)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    model.set_answer(FRESH)
    view.show_answer_laid_out()
    answer_action = QAction("Copy JSON", view)
    view.set_answer_actions([answer_action])
    index = model.index_for_path("name").siblingAtColumn(1)
    menu = view.context_menu_at(view.visualRect(index).center())
    assert view.currentIndex() == index
    assert view.current_value_text() == "shop_reco"
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Copy Value",
        "Copy &Field Name",
        "Copy JSON",
        "Expand All",
        "Collapse All",
    ]
