"""Three readings of the same table must agree: the API notes, the sandbox, the client."""

from __future__ import annotations

import re
from pathlib import Path

from aitems_desktop.core import catalogue
from aitems_desktop.sandbox.routes import ROUTES

NOTES = Path(__file__).parents[2] / "docs" / "api" / "aitems-api-full.md"


def documented() -> dict[str, tuple[str, str]]:
    section = NOTES.read_text(encoding="utf-8").split("## 0.", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        found = re.match(r"\|\s*([STUIDC]\d+)\s*\|\s*(\w+)\s*\|\s*([^|]+?)\s*\|", line)
        if found:
            key, method, path = found.groups()
            rows[key] = (method, path.split("?", 1)[0])
    return rows


def test_the_sandbox_serves_exactly_the_documented_operations() -> None:
    assert {r.id: (r.method, r.path) for r in ROUTES} == documented()


def test_the_sandbox_and_the_client_catalogue_agree() -> None:
    client = {op.key: (op.method, op.path) for op in catalogue.OPERATIONS}
    assert {r.id: (r.method, r.path) for r in ROUTES} == client
