"""The demo CSV files in the repository, and schemas that fit them, for tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEMO = Path(__file__).parents[1] / "resources" / "demo"

DEMO_FIELDS: dict[str, list[dict[str, Any]]] = {
    "user": [
        {"name": "USER_ID", "type": ["string"]},
        {"name": "AGE", "type": ["int"]},
        {"name": "GENDER", "type": ["string"], "categorical": True},
    ],
    "item": [
        {"name": "ITEM_ID", "type": ["string"]},
        {"name": "ITEM_NAME", "type": ["string"]},
        {"name": "CATEGORY", "type": ["string"], "categorical": True},
        {"name": "PRICE", "type": ["int"]},
        {"name": "CREATION_TIMESTAMP", "type": ["long"]},
    ],
    "interaction": [
        {"name": "USER_ID", "type": ["string"]},
        {"name": "ITEM_ID", "type": ["string"]},
        {"name": "TIMESTAMP", "type": ["long"]},
        {"name": "EVENT_TYPE", "type": ["string"], "categorical": True},
    ],
}


def demo_bytes(name: str) -> bytes:
    return (DEMO / name).read_bytes()
