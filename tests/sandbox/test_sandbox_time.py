"""Simulated time: scaled, advanced, never backwards; a time-scaled sandbox finishes sooner."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sandbox_support import SignedClient

from aitems_desktop.sandbox import SandboxServer
from aitems_desktop.sandbox.simclock import SimClock, format_date, version_string
from aitems_desktop.sandbox.store import TRAIN_DONE_S


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_time_scale_multiplies_elapsed_time() -> None:
    mono = FakeMonotonic()
    clock = SimClock(60.0, wall=lambda: 1_000_000.0, monotonic=mono)
    assert clock.now() == 1_000_000.0
    mono.now += 2.0
    assert clock.now() == 1_000_120.0
    clock.advance(30)
    assert clock.now() == 1_000_150.0


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
def test_bad_time_values_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="time_scale"):
        SimClock(bad)
    with pytest.raises(ValueError, match="advance"):
        SimClock().advance(bad)


def test_a_frozen_sandbox_moves_only_when_advanced() -> None:
    # time_scale=0 stops simulated time: statuses change exactly when the test says so.
    with SandboxServer(time_scale=0, seed_demo=True) as sb:
        assert sb.time_scale == 0
        client = SignedClient(sb)
        try:
            shop = next(s for s in sb.services() if s["name"] == "shop_training")
            assert shop["status"] == "learning"
            assert client.ok("GET", f"/services/{shop['serviceId']}")["status"] == "learning"
            sb.advance(TRAIN_DONE_S)
            assert client.ok("GET", f"/services/{shop['serviceId']}")["status"] == "learnable"
        finally:
            client.close()


def test_add_dataset_rows_feed_the_lookups(sandbox: SandboxServer) -> None:
    client = SignedClient(sandbox)
    try:
        rows = [
            {"USER_ID": u, "ITEM_ID": i, "TIMESTAMP": n}
            for n, (u, i) in enumerate([("a", "x"), ("a", "y"), ("b", "x"), ("b", "z")])
        ]
        ids = [
            sandbox.add_dataset("user", "users_set")["datasetId"],
            sandbox.add_dataset("item", "items_set")["datasetId"],
            sandbox.add_dataset("interaction", "events_set", rows=rows)["datasetId"],
        ]
        sid = client.ok("POST", "/services", {"name": "rows_reco"}, 201)["serviceId"]
        client.ok("POST", f"/services/{sid}/datasets", {"datasetIds": ids})
        client.ok(
            "POST",
            f"/services/{sid}",
            {"types": ["personalRecommend"], "hpConfig": {"is_enabled": False}},
        )
        sandbox.advance(TRAIN_DONE_S)
        path = f"/services/{sid}/infers/lookup?type=personalRecommend&targetId=a"
        assert client.ok("GET", path) == {"field": "ITEM_ID", "values": ["z"]}
    finally:
        client.close()


@pytest.fixture
def utc_computer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A computer outside Korea: its local time is hours away from the service's.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _as_service_time(raw: str) -> float:
    """Read a date the way a client does: no zone means Korea Standard Time."""
    return datetime.fromisoformat(raw).replace(tzinfo=timezone(timedelta(hours=9))).timestamp()


@pytest.mark.usefixtures("utc_computer")
def test_dates_and_versions_are_written_in_the_services_zone() -> None:
    moment = datetime(2026, 11, 30, 14, 58, 0, 250_000, UTC).timestamp()
    assert format_date(moment) == "2026-11-30T23:58:00.250"
    assert version_string(moment) == "20261130235800"


@pytest.mark.usefixtures("utc_computer")
def test_a_scaled_sandbox_never_dates_a_new_service_before_the_real_clock() -> None:
    with SandboxServer(time_scale=600) as sb:
        client = SignedClient(sb)
        try:
            before = time.time()
            created = client.ok("POST", "/services", {"name": "dated"}, status=201)
            written = _as_service_time(created["createdDate"])
            # Simulated time starts at the real clock and may only run ahead of it.
            assert written >= before - 1
            assert written <= sb.sim_clock.now() + 1
        finally:
            client.close()
