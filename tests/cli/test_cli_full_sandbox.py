"""The commands whose operations only the full sandbox serves (all 27 operations, simulated
time, demo schemas, datasets and csv files in its Object Storage), as a child process.

The sandbox of this branch serves the service calls S1-S6 only; these tests run once the full
one is merged (``FULL_SANDBOX`` turns true by itself: it looks for what the full sandbox
adds). ``NEEDS_FULL_SANDBOX`` is the one list of the commands concerned.
"""

from __future__ import annotations

import inspect
import json
import signal
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Cli

from aitems_desktop.core.models import (
    Dataset,
    DatasetList,
    LookupResult,
    ResultMessage,
    Schema,
    SchemaList,
    Service,
    Training,
    TrainingList,
    UpdateList,
    ValidationResult,
)
from aitems_desktop.sandbox import SandboxServer

#: Every command whose subprocess test needs the full sandbox.
NEEDS_FULL_SANDBOX = (
    "services train",
    "services trains",
    "services training",
    "services updates",
    "services lookup",
    "services schedule",
    "services interval",
    "services upload-rows",
    "datasets list",
    "datasets get",
    "datasets create",
    "datasets update",
    "datasets describe",
    "datasets delete",
    "schemas list",
    "schemas get",
    "schemas create",
    "schemas default",
    "schemas check",
    "schemas describe",
    "schemas delete",
)

FULL_SANDBOX = hasattr(SandboxServer, "add_schema") and (
    "time_scale" in inspect.signature(SandboxServer).parameters
)
pytestmark = pytest.mark.skipif(
    not FULL_SANDBOX, reason="needs the full sandbox (the commands in NEEDS_FULL_SANDBOX)"
)
#: Simulated time runs this much faster: a dataset is ready in 0.25 s, a training in 1.4 s.
TIME_SCALE = 100.0
POLL = ("--poll", "0.2")


@pytest.fixture
def full() -> Iterator[SandboxServer]:
    options: dict[str, Any] = {"seed_demo": True, "time_scale": TIME_SCALE}
    with SandboxServer(**options) as server:
        yield server


def _json(result: Any) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _service(sandbox: SandboxServer, name: str) -> str:
    return str(next(s["serviceId"] for s in sandbox.services() if s["name"] == name))


def _datasets(cli: Cli) -> dict[str, str]:
    listed = DatasetList.from_json(_json(cli.run("datasets", "list", "-o", "json")))
    return {
        d.type or "": d.dataset_id for d in listed.datasets if (d.name or "").startswith("demo")
    }


def test_schemas(cli: Cli, full: SandboxServer) -> None:
    cli.use(full)
    default = Schema.from_json(_json(cli.run("schemas", "default", "user", "-o", "json")))
    assert [f.name for f in default.fields][:1] == ["USER_ID"]
    demo = Schema.from_json(_json(cli.run("schemas", "get", "demo_users", "-o", "json")))
    assert demo.dataset_type == "user"
    listed = SchemaList.from_json(_json(cli.run("schemas", "list", "--type", "user")))
    assert "demo_users" in [s.name for s in listed.schemas]
    # A schema file made from the service's own answer, edited and sent back.
    data = _json(cli.run("schemas", "get", "demo_users", "-o", "json"))
    path = cli.home / "users.json"
    path.write_text(json.dumps(data), "utf-8")
    checked = cli.run("schemas", "check", "--file", str(path), "--name", "shop_users")
    ValidationResult.from_json(_json(checked))
    created = cli.run("schemas", "create", "--file", str(path), "--name", "shop_users")
    assert Schema.from_json(_json(created)).name == "shop_users"
    again = cli.run("schemas", "create", "--file", str(path), "--name", "shop_users")
    assert again.returncode == 0, again.stderr
    assert "already existed" in again.stderr
    described = cli.run("schemas", "describe", "shop_users", "Users of the shop")
    assert Schema.from_json(_json(described)).description == "Users of the shop"
    ResultMessage.from_json(_json(cli.run("schemas", "delete", "shop_users", "--yes")))
    assert cli.run("schemas", "get", "shop_users").returncode == 5


def test_datasets_create_wait_update_delete(cli: Cli, full: SandboxServer) -> None:
    cli.use(full)
    ids = _datasets(cli)
    Dataset.from_json(_json(cli.run("datasets", "get", ids["user"])))
    args = (
        "datasets",
        "create",
        "shop_users",
        "--type",
        "user",
        "--schema",
        "demo_users",
        "--bucket",
        "aitems-demo",
        "--key",
        "demo/users.csv",
        "--description",
        "Shop users",
    )
    created = cli.run(*args, "--wait", *POLL)
    dataset = Dataset.from_json(_json(created))
    assert dataset.status == "enable"
    assert "dataset " in created.stderr  # the progress lines
    assert "enable" in created.stderr
    again = cli.run(*args)
    assert again.returncode == 0, again.stderr
    assert "already existed" in again.stderr
    described = cli.run("datasets", "describe", dataset.dataset_id, "Users, nightly")
    assert Dataset.from_json(_json(described)).description == "Users, nightly"
    updated = cli.run("datasets", "update", dataset.dataset_id, "--name", "shop_users_2")
    assert Dataset.from_json(_json(updated)).name == "shop_users_2"
    ResultMessage.from_json(_json(cli.run("datasets", "delete", dataset.dataset_id, "--yes")))


def test_datasets_create_wait_reports_a_failed_file(cli: Cli, full: SandboxServer) -> None:
    cli.use(full)
    result = cli.run(
        "datasets",
        "create",
        "bad_users",
        "--type",
        "user",
        "--schema",
        "demo_users",
        "--bucket",
        "aitems-demo",
        "--key",
        "demo/no_such_file.csv",
        "--wait",
        *POLL,
    )
    assert result.returncode == 1
    assert "could not be processed" in result.stderr


def test_train_wait_then_trainings_and_lookup(cli: Cli, full: SandboxServer) -> None:
    cli.use(full)
    movie = _service(full, "movie_reco")
    result = cli.run(
        "services",
        "train",
        movie,
        "--type",
        "personalRecommend",
        "--type",
        "relatedItem",
        "--wait",
        *POLL,
    )
    Service.from_json(_json(result))
    assert "training requested" in result.stderr
    assert "personalRecommend completed" in result.stderr
    trainings = TrainingList.from_json(_json(cli.run("services", "trains", movie, "--recent")))
    latest = next(t for t in trainings.trains if t.type == "personalRecommend")
    assert latest.status == "completed"
    one = cli.run("services", "training", movie, "personalRecommend", str(latest.version))
    assert Training.from_json(_json(one)).version == latest.version
    user = "1"
    lookup = cli.run("services", "lookup", movie, "--type", "personalRecommend", "--target", user)
    assert isinstance(LookupResult.from_json(_json(lookup)).values, list)


def test_train_is_refused_before_sending_when_the_service_cannot(
    cli: Cli, full: SandboxServer
) -> None:
    cli.use(full)
    result = cli.run("services", "train", _service(full, "new_service"), "--type", "pop")
    assert result.returncode == 1
    assert "no_datasets" in result.stderr
    assert not [r for r in full.requests if r.method == "POST"]


def test_interval_service_schedule_updates_and_rows(cli: Cli, full: SandboxServer) -> None:
    cli.use(full)
    created = Service.from_json(
        _json(cli.run("services", "create", "hourly", "--type", "interval"))
    )
    sid = created.service_id
    ids = _datasets(cli)
    attached = cli.run(
        "services",
        "attach",
        sid,
        "--user",
        ids["user"],
        "--item",
        ids["item"],
        "--interaction",
        ids["interaction"],
    )
    Service.from_json(_json(attached))
    interval = Service.from_json(_json(cli.run("services", "interval", sid, "hour1")))
    assert interval.learning_interval == "hour1"
    started = cli.run(
        "services", "schedule", sid, "start", "--type", "relatedItem", "--wait", *POLL
    )
    Service.from_json(_json(started))
    assert "relatedItem completed" in started.stderr
    trainings = TrainingList.from_json(_json(cli.run("services", "trains", sid)))
    version = next(t.version for t in trainings.trains if t.type == "relatedItem")
    updates = cli.run(
        "services", "updates", sid, "--type", "relatedItem", "--version", str(version)
    )
    UpdateList.from_json(_json(updates))
    rows = cli.home / "rows.jsonl"
    rows.write_text('{"USER_ID": "u_new", "AGE": 30, "GENDER": "F"}\n', "utf-8")
    uploaded = cli.run(
        "services", "upload-rows", sid, ids["user"], "--type", "user", "--file", str(rows)
    )
    assert uploaded.returncode == 0, uploaded.stderr
    assert "uploaded 1 row" in uploaded.stderr
    stopped = cli.run("services", "schedule", sid, "stop")
    assert Service.from_json(_json(stopped)).status == "learnable"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX")
def test_ctrl_c_during_wait_stops_following_not_the_work(cli: Cli, full: SandboxServer) -> None:
    cli.use(full)
    movie = _service(full, "movie_reco")
    # A slow poll: the command is certainly waiting between looks when the signal comes.
    proc = cli.popen("services", "train", movie, "--type", "pop", "--wait", "--poll", "600")
    assert proc.stderr is not None
    seen = ""
    while "training " + movie not in seen:
        line = proc.stderr.readline()
        assert line, f"the command ended before following: {seen}"
        seen += line
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, seen + stderr
    assert "Stopped following; the training goes on" in stderr
    assert f"aitems services trains {movie} --recent" in stderr
    assert stdout == ""
