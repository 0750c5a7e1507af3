"""Trees of a service, a dataset, a schema and a training, from their typed models."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from aitems_desktop.gui import labels
from aitems_desktop.gui.details.tree_model import (
    FIELD_LABELS,
    TreeBuilder,
    child_path,
    value_text,
)
from aitems_desktop.gui.format import number_text, server_time_text, server_time_tooltip

if TYPE_CHECKING:
    # A type name only: pydantic loads with the core, after the first paint.
    from pydantic import BaseModel


def _translate(text: str) -> str:
    """What the tree builder translates: texts marked in the context ``DetailsTree``."""
    return QCoreApplication.translate("DetailsTree", text)


def _field_label(key: str) -> str:
    source = FIELD_LABELS.get(key)
    return QCoreApplication.translate("DetailsTree", source) if source else key


class _Writer:
    """Adds one node per field of a typed model, in the order the server sent them."""

    def __init__(self, builder: TreeBuilder) -> None:
        self.b = builder

    def present(self, model: BaseModel) -> set[str]:
        """The API names of the fields the server actually sent."""
        names = set()
        for name in model.model_fields_set:
            info = type(model).model_fields.get(name)
            names.add(info.alias if info is not None and info.alias else name)
        raw = getattr(model, "raw", None)
        if isinstance(raw, dict):
            names |= set(raw)
        return names

    def text(self, parent: int, model: BaseModel, key: str, value: Any, path: str) -> None:
        if key in self.present(model):
            self.b.add(parent, _field_label(key), value_text(value), value, child_path(path, key))

    def enum(
        self,
        parent: int,
        model: BaseModel,
        key: str,
        value: str | None,
        table: dict[str, str],
        path: str,
    ) -> None:
        if key in self.present(model):
            shown = labels.with_raw(table, value) if value is not None else value_text(value)
            self.b.add(
                parent,
                _field_label(key),
                shown,
                value,
                child_path(path, key),
                labels.unlisted_tooltip(table, value),
            )

    def date(self, parent: int, model: BaseModel, key: str, value: str | None, path: str) -> None:
        if key in self.present(model):
            self.b.add(
                parent,
                _field_label(key),
                server_time_text(value, seconds=True) if value else value_text(value),
                value,
                child_path(path, key),
                server_time_tooltip(value),
            )

    def number(self, parent: int, model: BaseModel, key: str, value: Any, path: str) -> None:
        if key in self.present(model):
            self.b.add(parent, _field_label(key), number_text(value), value, child_path(path, key))

    def extras(self, parent: int, model: Any, path: str) -> None:
        self.b.extras(parent, model.extra_fields(), path)


def _hp_config(w: _Writer, parent: int, hp: Any, path: str) -> None:
    from aitems_desktop.core.rules import HP_OPTIONS

    b = w.b
    enabled = hp.is_enabled
    state = (
        QCoreApplication.translate("DetailsTree", "on")
        if enabled is True
        else QCoreApplication.translate("DetailsTree", "off")
        if enabled is False
        else value_text(enabled)
    )
    node = b.add(parent, _field_label("hpConfig"), state, hp.raw, path)
    if "is_enabled" in w.present(hp):
        b.add(
            node,
            labels.label(labels.HP_OPTION, "is_enabled") or "is_enabled",
            QCoreApplication.translate("DetailsTree", "on")
            if enabled
            else QCoreApplication.translate("DetailsTree", "off"),
            enabled,
            child_path(path, "is_enabled"),
            "is_enabled",
        )
    for key, value in hp.options().items():
        option = HP_OPTIONS.get(key)
        name = labels.label(labels.HP_OPTION, key)
        if option is not None and name:
            unit = labels.label(labels.HP_UNIT, option.unit) if option.unit else ""
            shown = number_text(value) + (f" {unit}" if unit and isinstance(value, int) else "")
            tip = QCoreApplication.translate(
                "DetailsTree", "{key}: {minimum} to {maximum}, default {default}"
            ).format(
                key=key,
                minimum=number_text(option.minimum),
                maximum=number_text(option.maximum),
                default=number_text(option.default),
            )
            b.add(node, name, shown, value, child_path(path, key), tip)
        elif name:
            b.json(node, name, value, child_path(path, key), key)
        else:
            b.json(node, key, value, child_path(path, key))


class _ResultLines:
    """One line per training result; the words are looked up once per tree, not per line."""

    def __init__(self) -> None:
        self.version = QCoreApplication.translate("DetailsTree", "version {v}")
        self.rows = QCoreApplication.translate("DetailsTree", "{n} rows")
        self.types: dict[str | None, str] = {}
        self.statuses: dict[str | None, str] = {}

    def __call__(self, infer: Any) -> str:
        data_type = infer.data_type
        kind = self.types.get(data_type)
        if kind is None:
            kind = labels.with_raw(labels.DATASET_TYPE, data_type) if data_type else ""
            self.types[data_type] = kind
        status = self.statuses.get(infer.status)
        if status is None:
            status = self.statuses[infer.status] = labels.with_raw(
                labels.INFER_STATUS, infer.status
            )
        parts = [
            kind,
            self.version.format(v=infer.train_version) if infer.train_version else "",
            status,
            self.rows.format(n=number_text(infer.row_count)) if infer.row_count is not None else "",
        ]
        return " · ".join(p for p in parts if p)


def service_tree(service: Any) -> TreeBuilder:
    b = TreeBuilder(_translate)
    w = _Writer(b)
    root = 0
    w.text(root, service, "serviceId", service.service_id, "")
    w.text(root, service, "name", service.name, "")
    w.text(root, service, "description", service.description, "")
    w.enum(root, service, "status", service.status, labels.SERVICE_STATUS, "")
    w.enum(root, service, "type", service.type, labels.SERVICE_TYPE, "")
    w.enum(root, service, "learningInterval", service.learning_interval, labels.INTERVAL_TERM, "")
    w.date(root, service, "scheduledDate", service.scheduled_date, "")
    w.date(root, service, "createdDate", service.created_date, "")
    w.date(root, service, "updatedDate", service.updated_date, "")
    if "datasets" in w.present(service):
        node = b.add(
            root, _field_label("datasets"), number_text(len(service.datasets)), None, "datasets"
        )
        for position, dataset in enumerate(service.datasets):
            path = f"datasets[{position}]"
            kind = labels.label(labels.DATASET_TYPE, dataset.type) or dataset.type or ""
            child = b.add(
                node, kind or f"[{position}]", dataset.name or dataset.dataset_id, dataset.raw, path
            )
            w.text(child, dataset, "datasetId", dataset.dataset_id, path)
            w.text(child, dataset, "name", dataset.name, path)
            w.enum(child, dataset, "type", dataset.type, labels.DATASET_TYPE, path)
            w.text(child, dataset, "schemaName", dataset.schema_name, path)
            w.enum(child, dataset, "status", dataset.status, labels.SERVICE_DATASET_STATUS, path)
            w.date(child, dataset, "createdDate", dataset.created_date, path)
            w.date(child, dataset, "updatedDate", dataset.updated_date, path)
            w.extras(child, dataset, path)
    if service.hp_config is not None:
        key = "hpConfig" if "hpConfig" in w.present(service) else "hpConfigs"
        _hp_config(w, root, service.hp_config, key)
    if "infers" in w.present(service):
        node = b.add(root, _field_label("infers"), number_text(len(service.infers)), None, "infers")
        line = _ResultLines()
        for position, infer in enumerate(service.infers):
            # One line per result, its JSON in the tooltip: a service may have ten thousand.
            b.add(node, f"[{position}]", line(infer), infer.raw, f"infers[{position}]")
    w.extras(root, service, "")
    return b


def dataset_tree(dataset: Any) -> TreeBuilder:
    b = TreeBuilder(_translate)
    w = _Writer(b)
    w.text(0, dataset, "datasetId", dataset.dataset_id, "")
    w.text(0, dataset, "name", dataset.name, "")
    w.text(0, dataset, "description", dataset.description, "")
    w.enum(0, dataset, "status", dataset.status, labels.DATASET_STATUS, "")
    w.enum(0, dataset, "type", dataset.type, labels.DATASET_TYPE, "")
    w.text(0, dataset, "schemaName", dataset.schema_name, "")
    if dataset.os_info is not None:
        info = dataset.os_info
        node = b.add(0, _field_label("osInfo"), _os_text(info), info.raw, "osInfo")
        w.text(node, info, "region", info.region, "osInfo")
        w.text(node, info, "bucket", info.bucket, "osInfo")
        w.text(node, info, "key", info.key, "osInfo")
        w.extras(node, info, "osInfo")
    if "connectedServices" in w.present(dataset):
        node = b.add(
            0,
            _field_label("connectedServices"),
            number_text(len(dataset.connected_services)),
            None,
            "connectedServices",
        )
        for position, service in enumerate(dataset.connected_services):
            b.add(
                node,
                service.name or f"[{position}]",
                service.service_id or "",
                service.raw,
                f"connectedServices[{position}]",
            )
    w.date(0, dataset, "createdDate", dataset.created_date, "")
    w.date(0, dataset, "updatedDate", dataset.updated_date, "")
    w.extras(0, dataset, "")
    return b


def _os_text(info: Any) -> str:
    if info.bucket and info.key:
        return f"{info.bucket}/{info.key}"
    return info.bucket or info.key or ""


def schema_tree(schema: Any) -> TreeBuilder:
    b = TreeBuilder(_translate)
    w = _Writer(b)
    w.text(0, schema, "name", schema.name, "")
    w.enum(0, schema, "datasetType", schema.dataset_type, labels.DATASET_TYPE, "")
    w.text(0, schema, "description", schema.description, "")
    if "fields" in w.present(schema):
        node = b.add(0, _field_label("fields"), number_text(len(schema.fields)), None, "fields")
        for position, schema_field in enumerate(schema.fields):
            path = f"fields[{position}]"
            types = ", ".join(schema_field.type)
            if schema_field.categorical:
                types = QCoreApplication.translate("DetailsTree", "{types} · categorical").format(
                    types=types
                )
            child = b.add(node, schema_field.name, types, schema_field.raw, path)
            w.text(child, schema_field, "categorical", schema_field.categorical, path)
            w.extras(child, schema_field, path)
    w.date(0, schema, "createdDate", schema.created_date, "")
    w.extras(0, schema, "")
    return b


def training_tree(training: Any) -> TreeBuilder:
    b = TreeBuilder(_translate)
    w = _Writer(b)
    w.enum(0, training, "type", training.type, labels.TRAINING_TYPE, "")
    w.text(0, training, "version", training.version, "")
    w.enum(0, training, "status", training.status, labels.TRAIN_STATUS, "")
    w.text(0, training, "description", training.description, "")
    w.text(0, training, "inference", training.inference, "")
    w.text(0, training, "serviceId", training.service_id, "")
    w.date(0, training, "createdDate", training.created_date, "")
    if training.hp_config is not None:
        _hp_config(w, 0, training.hp_config, "hpConfig")
    w.extras(0, training, "")
    return b


BUILDERS: dict[str, Callable[[Any], TreeBuilder]] = {
    "services": service_tree,
    "datasets": dataset_tree,
    "schemas": schema_tree,
}
