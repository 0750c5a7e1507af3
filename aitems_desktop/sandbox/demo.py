"""Demo data: schemas, a bucket with the demo csv files, datasets and services in every state.

The csv files are ``resources/demo/*.csv``, written by ``tools/make_demo_data.py``. Seeding goes
through the same store operations as the API, so the datasets are read from the Object Storage
emulator and the trainings and schedules follow the simulated clock like any other:

- ``movie_reco``: batch, trained three days ago (all three train types), ``learnable``.
- ``news_hourly``: interval (``hour3``), periodic training started two days ago, ``scheduled``.
- ``shop_training``: batch, a training requested half a minute ago, ``learning``.
- ``new_service``: just created, ``datasetRequired``.
- ``legacy_reco``: stored as is, with values the documents do not list (no ``type``, a status
  ``suspended``, unknown dataset statuses, an undocumented HPO option, ``rowCount`` strings),
  so the app's tolerance of unknown values shows.
"""

from __future__ import annotations

import csv
import functools
import sys
from pathlib import Path
from typing import Any, Final

from aitems_desktop.sandbox.objectstore import ObjectStore
from aitems_desktop.sandbox.simclock import format_date
from aitems_desktop.sandbox.store import Json, Store

DEMO_BUCKET: Final = "aitems-demo"
DEMO_FILES: Final = {"user": "users.csv", "item": "items.csv", "interaction": "interactions.csv"}
DAY: Final = 86_400.0

DEMO_SCHEMAS: Final[dict[str, tuple[str, list[Json], str]]] = {
    "user": (
        "demo_users",
        [
            {"name": "USER_ID", "type": ["string"], "categorical": False},
            {"name": "AGE", "type": ["int"], "categorical": False},
            {"name": "GENDER", "type": ["string"], "categorical": True},
        ],
        "Viewers of the demo video shop",
    ),
    "item": (
        "demo_items",
        [
            {"name": "ITEM_ID", "type": ["string"], "categorical": False},
            {"name": "ITEM_NAME", "type": ["string"], "categorical": False},
            {"name": "CATEGORY", "type": ["string"], "categorical": True},
            {"name": "PRICE", "type": ["int"], "categorical": False},
            {"name": "CREATION_TIMESTAMP", "type": ["long"], "categorical": False},
        ],
        "Titles of the demo video shop",
    ),
    "interaction": (
        "demo_interactions",
        [
            {"name": "USER_ID", "type": ["string"], "categorical": False},
            {"name": "ITEM_ID", "type": ["string"], "categorical": False},
            {"name": "TIMESTAMP", "type": ["long"], "categorical": False},
            {"name": "EVENT_TYPE", "type": ["string"], "categorical": True},
        ],
        "Views, purchases and likes",
    ),
}

TRAINED_HP: Final[Json] = {
    "is_enabled": True,
    "session_max_timestamp": 1800,
    "item_top_n": 20000,
    "min_item_cut": 5,
    "min_session_length": 2,
    "max_user_recommend_top": 20,
    "max_relate_recommend_top": 20,
    "group_column": ["TIMESTAMP"],
}
ALL_TYPES: Final = ["personalRecommend", "relatedItem", "pop"]


def demo_dir() -> Path:
    """``resources/demo``: installed (inside the package), frozen, or in a checkout."""
    package = Path(__file__).resolve().parent.parent
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "aitems_desktop" / "resources" / "demo")
    candidates += [package / "resources" / "demo", package.parent / "resources" / "demo"]
    for candidate in candidates:
        if (candidate / DEMO_FILES["interaction"]).is_file():
            return candidate
    raise FileNotFoundError("the sandbox's demo data (resources/demo/*.csv) is not installed")


@functools.cache
def demo_interactions() -> tuple[dict[str, Any], ...]:
    """The demo interactions, typed (for lookups on datasets that hold no rows)."""
    with (demo_dir() / DEMO_FILES["interaction"]).open(newline="", encoding="utf-8") as f:
        return tuple(
            {
                "USER_ID": row["USER_ID"],
                "ITEM_ID": row["ITEM_ID"],
                "TIMESTAMP": int(row["TIMESTAMP"]),
                "EVENT_TYPE": row["EVENT_TYPE"],
            }
            for row in csv.DictReader(f)
        )


def seed_demo(store: Store, objects: ObjectStore) -> None:
    """Fill an empty sandbox with the demo schemas, files, datasets and services."""
    now = store.clock.now()
    objects.create_bucket(DEMO_BUCKET)
    source = demo_dir()
    dataset_ids = []
    for dataset_type, (schema_name, fields, description) in DEMO_SCHEMAS.items():
        key = f"demo/{DEMO_FILES[dataset_type]}"
        objects.put_bytes(DEMO_BUCKET, key, (source / DEMO_FILES[dataset_type]).read_bytes())
        store.create_schema(dataset_type, schema_name, fields, description)
        dataset = store.add_dataset(
            dataset_type,
            f"demo_{dataset_type}s",
            schema_name,
            None,  # processed from its file like any dataset
            os_info={"region": "KR", "bucket": DEMO_BUCKET, "key": key},
            description=f"{description} (demo)",
            created=now - 30 * DAY,
        )
        dataset_ids.append(dataset["datasetId"])

    def service(name: str, description: str, service_type: str, **extra: Any) -> str:
        data: Json = {
            "name": name,
            "description": description,
            "type": service_type,
            "status": "learnable",
            "datasets": [],
            "hpConfig": {"is_enabled": False},
            "infers": [],
            **extra,
        }
        data.setdefault("createdDate", _date(now - 30 * DAY))
        data.setdefault("updatedDate", _date(now - 2 * DAY))
        return str(store.add_service(data)["serviceId"])

    movie = service("movie_reco", "Personal recommendations for the video shop", "batch")
    store.seed_attach(movie, dataset_ids)
    store.seed_training(movie, ALL_TYPES, TRAINED_HP, "Weekly training", now - 3 * DAY)

    news = service(
        "news_hourly",
        "Related titles, retrained every three hours",
        "interval",
        learningInterval="hour3",
        scheduledDate=None,
    )
    store.seed_attach(news, dataset_ids)
    store.seed_schedule(
        news, ["relatedItem", "pop"], {"is_enabled": False}, "Every three hours", now - 2 * DAY
    )

    shop = service("shop_training", "Training right now", "batch")
    store.seed_attach(shop, dataset_ids)
    store.seed_training(
        shop,
        ["personalRecommend"],
        {"is_enabled": False},
        "First training",
        now - 30,
        running=True,
    )

    service("new_service", "", "batch", status="datasetRequired")

    store.add_service(
        {
            # No "type": documented, but may be missing in real responses.
            "name": "legacy_reco",
            "description": "Made before the current service statuses existed",
            "status": "suspended",  # a status the documents do not list
            "datasets": [
                _legacy_dataset("user", "updateRequired"),
                _legacy_dataset("item", "updateRequired"),
                _legacy_dataset("interaction", "archivedData"),
            ],
            "hpConfig": {
                **TRAINED_HP,
                "max_user_recommend_top": 100,
                # Not in the public table; the app must show it as it came.
                "negative_sample_ratio": 4,
            },
            "infers": [
                {
                    "dataType": t,
                    "trainVersion": "7",
                    "status": "updateFailed",
                    "rowCount": str(rows),
                    "createdDate": _date(now - 40 * DAY),
                    "updatedDate": _date(now - 39 * DAY),
                }
                for t, rows in (("personalRecommend", 10), ("relatedItem", 20), ("pop", 30))
            ],
            # A field the documented service object does not have.
            "intervalTerm": "hour3",
            "createdDate": _date(now - 400 * DAY),
            "updatedDate": _date(now - 39 * DAY),
        }
    )


def _date(seconds: float) -> str:
    return format_date(seconds)


def _legacy_dataset(dataset_type: str, status: str) -> Json:
    return {
        "datasetId": f"legacy{dataset_type[:5]}",
        "type": dataset_type,
        "name": f"legacy_{dataset_type}",
        "schemaName": f"legacy_{dataset_type}_schema",
        "status": status,
        "createdDate": "2023-03-02T09:15:00.000",
        "updatedDate": "2023-03-02T09:15:00.000",
    }
