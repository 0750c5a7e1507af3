"""Answers shaped as the API returns them, for the benchmarks."""

from __future__ import annotations

from typing import Any

DATA_TYPES = ("user", "item", "interaction")


def service_answer(infers: int, datasets: int) -> dict[str, Any]:
    """A service as the API returns it, with the given numbers of infers and datasets."""
    date = "2026-11-20T10:00:00.000+0900"
    return {
        "serviceId": "svc0bench0000001",
        "name": "bench_large",
        "description": "a service with a long history",
        "status": "learnable",
        "type": "interval",
        "createdDate": date,
        "updatedDate": date,
        "datasets": [
            {
                "datasetId": f"ds{i:08d}",
                "name": f"dataset_{i}",
                "type": DATA_TYPES[i % 3],
                "schemaName": f"schema_{i}",
                "status": "learnable",
                "createdDate": date,
                "updatedDate": date,
            }
            for i in range(datasets)
        ],
        "hpConfig": {
            "is_enabled": True,
            "session_max_timestamp": 1800,
            "item_top_n": 20000,
            "min_item_cut": 5,
            "min_session_length": 2,
            "max_user_recommend_top": 100,
            "max_relate_recommend_top": 100,
        },
        "infers": [
            {
                "dataType": DATA_TYPES[i % 3],
                "trainVersion": f"v{i // 3:06d}",
                "status": "enable",
                "rowCount": 1000 + i,
                "createdDate": date,
                "updatedDate": date,
            }
            for i in range(infers)
        ],
    }
