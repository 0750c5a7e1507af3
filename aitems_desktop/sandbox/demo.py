"""Demo data: a handful of services that fill every part of the app's tree.

Covers the statuses people meet (datasetRequired, learnable, learning, scheduled), both
service types, the three dataset types, hpConfig with every documented option plus
``group_column`` and an option the public table does not list, infers whose ``rowCount``
is a number in some places and a string in others, and values the app does not know (a
status, a field) so its tolerance shows.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from aitems_desktop.sandbox.errors import format_date
from aitems_desktop.sandbox.store import DATASET_TYPES, Json, ServiceStore

_FULL_HP_CONFIG: Json = {
    "is_enabled": True,
    "session_max_timestamp": 1800,
    "item_top_n": 20000,
    "min_item_cut": 5,
    "min_session_length": 2,
    "max_user_recommend_top": 100,
    "max_relate_recommend_top": 100,
    "group_column": ["GENDER", "AGE"],
    # Not in the public table; the app must show it as it came.
    "negative_sample_ratio": 4,
}


def _days_ago(days: float) -> str:
    return format_date(datetime.now() - timedelta(days=days))


def _datasets(store: ServiceStore, prefix: str, status: str = "learnable") -> list[Json]:
    datasets = []
    for dataset_type in DATASET_TYPES:
        dataset = store.add_dataset(
            dataset_type, f"{prefix}_{dataset_type}", f"{prefix}_{dataset_type}_schema", status
        )
        dataset["createdDate"] = dataset["updatedDate"] = _days_ago(12)
        datasets.append(dataset)
    return datasets


def _infers(version: str, row_counts: tuple[Any, Any, Any], status: str = "enable") -> list[Json]:
    return [
        {
            "dataType": data_type,
            "trainVersion": version,
            "status": status,
            "rowCount": rows,
            "createdDate": _days_ago(3),
            "updatedDate": _days_ago(2),
        }
        for data_type, rows in zip(DATASET_TYPES, row_counts, strict=True)
    ]


def seed_demo(store: ServiceStore) -> None:
    """Add the demo services (and one spare dataset of each type for attaching)."""
    common = {"createdDate": _days_ago(30), "updatedDate": _days_ago(2)}
    store.add(
        {
            "name": "movie_reco",
            "description": "Personal movie recommendations, trained weekly by hand",
            "type": "batch",
            "status": "learnable",
            "datasets": _datasets(store, "movie"),
            "hpConfig": dict(_FULL_HP_CONFIG),
            # rowCount as numbers, as seen in real responses.
            "infers": _infers("20240729161737", (15230, 8421, 1204577)),
            **common,
        }
    )
    store.add(
        {
            "name": "news_hourly",
            "description": "Related news articles, retrained every three hours",
            "type": "interval",
            "status": "scheduled",
            "datasets": _datasets(store, "news"),
            "hpConfig": {**_FULL_HP_CONFIG, "item_top_n": 50000, "group_column": []},
            # rowCount as strings, as documented.
            "infers": _infers("3", ("98012", "4410", "2750093")),
            # A field the documented service object does not have.
            "intervalTerm": "hour3",
            **common,
        }
    )
    store.add(
        {
            "name": "shop_training",
            "description": "Training right now",
            "type": "batch",
            "status": "learning",
            "datasets": _datasets(store, "shop"),
            "hpConfig": {"is_enabled": False},
            "infers": _infers("1", (120, "57", None), status="processing"),
            **common,
        }
    )
    store.add(
        {
            "name": "new_service",
            "description": "",
            "type": "batch",
            "status": "datasetRequired",
            "datasets": [],
            "hpConfig": {"is_enabled": False},
            "infers": [],
        }
    )
    legacy = _datasets(store, "legacy", status="updateRequired")
    legacy[2]["status"] = "archivedData"  # a dataset status the app does not know
    store.add(
        {
            # No "type": documented, but may be missing in real responses.
            "name": "legacy_reco",
            "description": "Made before the current service statuses existed",
            "status": "suspended",  # a status the app does not know
            "datasets": legacy,
            "hpConfig": {"is_enabled": True, "item_top_n": 1000},
            "infers": _infers("7", (10, 20, "30"), status="updateFailed"),
            **common,
        }
    )
    for dataset_type in DATASET_TYPES:
        store.add_dataset(dataset_type, f"spare_{dataset_type}", f"spare_{dataset_type}_schema")
