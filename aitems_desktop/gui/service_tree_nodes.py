"""The rows of the service tree: what each kind of node shows and how its children are made.

Every child is made on first request (:meth:`Node.child`), so a list of ten thousand infers
costs nothing until a view scrolls to it. Known fields get readable labels and decoded
enums from :mod:`aitems_desktop.core.models`; everything else is shown as it came.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from PySide6.QtCore import QCoreApplication


# Labels repeat on every row of a long list; looking each up once keeps expanding ten
# thousand infers quick. (The language does not change while the app runs.)
@functools.lru_cache(maxsize=1024)
def _tr(text: str) -> str:
    return QCoreApplication.translate("ServiceTreeModel", text)


@functools.lru_cache(maxsize=1024)
def _tr_labels(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def _count_text(n: int, one: str, many: str) -> str:
    return _tr(one) if n == 1 else _tr(many).format(n=n)


def value_text(value: Any) -> str:
    """A scalar as a person reads it: strings as they are, everything else as JSON."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, bool):
        return "null" if value is None else ("true" if value else "false")
    if isinstance(value, int):
        return str(value)
    import json

    return json.dumps(value, ensure_ascii=False)


def copy_text(value: Any) -> str:
    """What copying a value puts on the clipboard: strings bare, the rest as JSON."""
    if isinstance(value, str):
        return value
    import json

    return json.dumps(value, ensure_ascii=False, indent=2)


class Node:
    """One row. Children are made on first request by ``_make_child``."""

    __slots__ = (
        "_children",
        "_make_child",
        "label",
        "parent",
        "path",
        "placeholder",
        "raw",
        "row",
        "tooltip",
        "value",
    )

    def __init__(
        self,
        parent: Node | None,
        row: int,
        label: str,
        value: str,
        raw: Any,
        path: str,
        *,
        tooltip: str = "",
        placeholder: bool = False,
        count: int = 0,
        make_child: Callable[[Node, int], Node] | None = None,
    ) -> None:
        self.parent = parent
        self.row = row
        self.label = label
        self.value = value
        self.raw = raw
        self.path = path
        self.tooltip = tooltip
        self.placeholder = placeholder
        self._children: list[Node | None] = [None] * count
        self._make_child = make_child

    def child_count(self) -> int:
        return len(self._children)

    def child(self, row: int) -> Node:
        node = self._children[row]
        if node is None:
            assert self._make_child is not None
            node = self._make_child(self, row)
            self._children[row] = node
        return node


class Labels:
    """The readable labels and enum descriptions, loaded from core.models on first use.

    core.models imports pydantic, which must not load before the window's first paint.
    """

    def __init__(self) -> None:
        from aitems_desktop.core import models, rules
        from aitems_desktop.gui import labels

        self.models = models
        self.service_status = labels.SERVICE_STATUS
        self.service_type = labels.SERVICE_TYPE
        self.dataset_status = labels.SERVICE_DATASET_STATUS
        # Result statuses are not documented: shown as they came.
        self.infer_status: dict[str, str] = {}
        self.data_type = labels.DATASET_TYPE
        self.hp_options = rules.HP_OPTIONS
        self.hp_labels = labels.HP_OPTION
        self.hp_extra = {k: v for k, v in labels.HP_OPTION.items() if k not in rules.HP_OPTIONS}


_SERVICE_FIELDS: Final = (
    ("serviceId", "Service ID"),
    ("name", "Name"),
    ("description", "Description"),
    ("status", "Status"),
    ("type", "Type"),
    ("createdDate", "Created"),
    ("updatedDate", "Updated"),
    ("datasets", "Datasets"),
    ("hpConfig", "Hyper-parameters"),
    ("infers", "Infers"),
)
_DATASET_FIELDS: Final = (
    ("datasetId", "Dataset ID"),
    ("name", "Name"),
    ("type", "Type"),
    ("schemaName", "Schema"),
    ("status", "Status"),
    ("createdDate", "Created"),
    ("updatedDate", "Updated"),
)
_INFER_FIELDS: Final = (
    ("dataType", "Data type"),
    ("trainVersion", "Training version"),
    ("status", "Status"),
    ("rowCount", "Rows"),
    ("createdDate", "Created"),
    ("updatedDate", "Updated"),
)


class TreeBuilder:
    """Makes the child rows of each kind of node; holds no per-row state itself."""

    def __init__(self, labels: Labels) -> None:
        self._l = labels

    # --- generic JSON ------------------------------------------------------------------

    def json_node(self, parent: Node, row: int, label: str, value: Any, path: str) -> Node:
        if isinstance(value, Mapping):
            keys = list(value)
            return Node(
                parent,
                row,
                label,
                _count_text(len(keys), "1 field", "{n} fields") if keys else "{}",
                value,
                path,
                count=len(keys),
                make_child=lambda p, r: self.json_node(
                    p, r, str(keys[r]), value[keys[r]], f"{path}.{keys[r]}"
                ),
            )
        if isinstance(value, list):
            return Node(
                parent,
                row,
                label,
                _count_text(len(value), "1 item", "{n} items") if value else "[]",
                value,
                path,
                count=len(value),
                make_child=lambda p, r: self.json_node(p, r, f"[{r}]", value[r], f"{path}.{r}"),
            )
        return Node(parent, row, label, value_text(value), value, path)

    def placeholder(self, parent: Node, row: int, text: str, path: str) -> Node:
        return Node(parent, row, text, "", None, path, placeholder=True)

    # --- known objects -----------------------------------------------------------------

    def _described(self, value: Any, table: Mapping[str, str]) -> str:
        if isinstance(value, str) and value in table:
            return f"{value} — {_tr_labels(table[value])}"
        return value_text(value)

    def _object_rows(
        self,
        obj: Mapping[str, Any],
        known: Sequence[tuple[str, str]],
        path: str,
        *,
        always: Sequence[str] = (),
    ) -> list[tuple[str, str]]:
        """(key, label) for each row: known keys present (or always shown), then the rest."""
        known_keys = {k for k, _ in known}
        rows = [(k, _tr(label)) for k, label in known if k in obj or k in always]
        rows += [(k, k) for k in obj if k not in known_keys]
        return rows

    def object_node(
        self,
        parent: Node | None,
        row: int,
        label: str,
        value: str,
        obj: Mapping[str, Any],
        path: str,
        known: Sequence[tuple[str, str]],
        field_node: Callable[[Node, int, str, str, Any, str], Node],
        *,
        always: Sequence[str] = (),
    ) -> Node:
        rows = self._object_rows(obj, known, path, always=always)

        def make(p: Node, r: int) -> Node:
            key, key_label = rows[r]
            child_path = f"{path}.{key}" if path else key
            if key not in obj:
                return Node(
                    p, r, key_label, _tr("not returned"), None, child_path, placeholder=True
                )
            return field_node(p, r, key, key_label, obj[key], child_path)

        return Node(parent, row, label, value, obj, path, count=len(rows), make_child=make)

    def service_root(self, answer: Mapping[str, Any]) -> Node:
        return self.object_node(
            None,
            0,
            "",
            "",
            answer,
            "",
            _SERVICE_FIELDS,
            self._service_field,
            always=("serviceId", "name", "status", "type", "datasets", "hpConfig", "infers"),
        )

    def _service_field(
        self, parent: Node, row: int, key: str, label: str, value: Any, path: str
    ) -> Node:
        if key == "status":
            return Node(
                parent, row, label, self._described(value, self._l.service_status), value, path
            )
        if key == "type":
            return Node(
                parent, row, label, self._described(value, self._l.service_type), value, path
            )
        if key == "datasets" and isinstance(value, list):
            return self._list_node(
                parent, row, label, value, path, _tr("no datasets yet"), self._dataset
            )
        if key == "infers" and isinstance(value, list):
            return self._list_node(
                parent, row, label, value, path, _tr("no training results yet"), self._infer
            )
        if key == "hpConfig" and isinstance(value, Mapping):
            return self._hp_config(parent, row, label, value, path)
        return self.json_node(parent, row, label, value, path)

    def _list_node(
        self,
        parent: Node,
        row: int,
        label: str,
        items: list[Any],
        path: str,
        empty_text: str,
        make_item: Callable[[Node, int, Any, str], Node],
    ) -> Node:
        if not items:
            return Node(
                parent,
                row,
                label,
                _tr("none"),
                items,
                path,
                count=1,
                make_child=lambda p, r: self.placeholder(p, r, empty_text, f"{path}.empty"),
            )
        return Node(
            parent,
            row,
            label,
            str(len(items)),
            items,
            path,
            count=len(items),
            make_child=lambda p, r: make_item(p, r, items[r], f"{path}.{r}"),
        )

    def _dataset(self, parent: Node, row: int, item: Any, path: str) -> Node:
        if not isinstance(item, Mapping):
            return self.json_node(parent, row, f"[{row}]", item, path)
        summary = " ".join(
            str(v) for v in (item.get("name"), item.get("type") and f"({item['type']})") if v
        )
        return self.object_node(
            parent,
            row,
            _tr("Dataset {n}").format(n=row + 1),
            summary,
            item,
            path,
            _DATASET_FIELDS,
            self._dataset_field,
        )

    def _dataset_field(
        self, parent: Node, row: int, key: str, label: str, value: Any, path: str
    ) -> Node:
        if key == "status":
            return Node(
                parent, row, label, self._described(value, self._l.dataset_status), value, path
            )
        if key == "type":
            return Node(parent, row, label, self._described(value, self._l.data_type), value, path)
        return self.json_node(parent, row, label, value, path)

    def _infer(self, parent: Node, row: int, item: Any, path: str) -> Node:
        if not isinstance(item, Mapping):
            return self.json_node(parent, row, f"[{row}]", item, path)
        parts = [item.get("dataType"), item.get("trainVersion"), item.get("status")]
        summary = " · ".join(str(v) for v in parts if v is not None)
        return self.object_node(
            parent,
            row,
            _tr("Infer {n}").format(n=row + 1),
            summary,
            item,
            path,
            _INFER_FIELDS,
            self._infer_field,
        )

    def _infer_field(
        self, parent: Node, row: int, key: str, label: str, value: Any, path: str
    ) -> Node:
        if key == "status":
            return Node(
                parent, row, label, self._described(value, self._l.infer_status), value, path
            )
        if key == "dataType":
            return Node(parent, row, label, self._described(value, self._l.data_type), value, path)
        return self.json_node(parent, row, label, value, path)

    def _hp_config(
        self, parent: Node, row: int, label: str, hp: Mapping[str, Any], path: str
    ) -> Node:
        keys = list(hp)
        enabled = hp.get("is_enabled")
        summary = (
            _tr("optimisation on")
            if enabled is True
            else _tr("optimisation off")
            if enabled is False
            else ""
        )

        def make(p: Node, r: int) -> Node:
            key = keys[r]
            value = hp[key]
            child_path = f"{path}.{key}"
            option = self._l.hp_options.get(key)
            if option is not None:
                tip = _tr("{key}: {minimum} to {maximum} {unit}, default {default}").format(
                    key=key,
                    minimum=option.minimum,
                    maximum=option.maximum,
                    unit=option.unit,
                    default=option.default,
                )
                text = value_text(value)
                if option.unit and not isinstance(value, Mapping | list):
                    text = f"{text} {_tr(option.unit)}"
                label = _tr_labels(self._l.hp_labels[key])
                return Node(p, r, label, text, value, child_path, tooltip=tip.strip())
            if key == "is_enabled" and isinstance(value, bool):
                return Node(
                    p,
                    r,
                    _tr_labels(self._l.hp_extra[key]),
                    _tr("yes") if value else _tr("no"),
                    value,
                    child_path,
                    tooltip=key,
                )
            if key in self._l.hp_extra:
                node = self.json_node(p, r, _tr_labels(self._l.hp_extra[key]), value, child_path)
                node.tooltip = key
                return node
            return self.json_node(p, r, key, value, child_path)

        return Node(parent, row, label, summary, hp, path, count=len(keys), make_child=make)
