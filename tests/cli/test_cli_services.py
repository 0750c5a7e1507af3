"""``aitems services ...`` against the sandbox, as a child process: stdout, stderr, exit code.

JSON output is held against the response models and against what the sandbox stores.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess

import pytest
from conftest import Cli

from aitems_desktop.core.models import ResultMessage, Service, ServiceList
from aitems_desktop.sandbox import SandboxServer


def _by_name(sandbox: SandboxServer, name: str) -> dict[str, object]:
    return next(s for s in sandbox.services() if s["name"] == name)


def _posts(sandbox: SandboxServer) -> list[str]:
    return [r.target for r in sandbox.requests if r.method == "POST"]


def test_list_json_is_the_apis_own_json(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    result = cli.run("services", "list", "--output", "json")
    assert result.returncode == 0, result.stderr
    data = result.json()
    listed = ServiceList.from_json(data)
    assert [s.name for s in listed.services] == [s["name"] for s in demo_sandbox.services()]
    assert data["services"][0]["serviceId"] == demo_sandbox.services()[0]["serviceId"]


def test_output_is_json_when_stdout_is_not_a_terminal(
    cli: Cli, demo_sandbox: SandboxServer
) -> None:
    cli.use(demo_sandbox)
    result = cli.run("services", "list")
    assert result.returncode == 0, result.stderr
    ServiceList.from_json(result.json())


def test_list_table_csv_and_jsonl(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    names = [s["name"] for s in demo_sandbox.services()]
    table = cli.run("services", "list", "-o", "table")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["ID", "NAME", "STATUS", "CREATED", "UPDATED"]
    assert [line.split()[1] for line in lines[1:]] == names
    csv_out = cli.run("services", "list", "-o", "csv")
    assert csv_out.stdout.splitlines()[0].startswith("serviceId,name,status")
    assert len(csv_out.stdout.splitlines()) == len(names) + 1
    jsonl = cli.run("services", "list", "-o", "jsonl")
    import json

    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [r["name"] for r in rows] == names


def test_global_options_go_before_or_after_the_command(
    cli: Cli, demo_sandbox: SandboxServer
) -> None:
    cli.use(demo_sandbox)
    before = cli.run("-o", "jsonl", "services", "list")
    after = cli.run("services", "list", "-o", "jsonl")
    assert before.returncode == after.returncode == 0
    assert len(before.stdout.splitlines()) == len(after.stdout.splitlines()) == 5


def test_get_shows_every_field_the_server_sent(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    # The demo service with values the documents do not list (an unknown status, fields
    # and HPO options the public table lacks).
    stored = _by_name(demo_sandbox, "legacy_reco")
    result = cli.run("services", "get", str(stored["serviceId"]), "-o", "json")
    assert result.returncode == 0, result.stderr
    assert result.json() == stored
    Service.from_json(result.json())
    table = cli.run("services", "get", str(stored["serviceId"]), "-o", "table")
    assert table.returncode == 0, table.stderr
    for key, value in stored.items():
        if isinstance(value, dict):
            for inner in value:
                assert f"{key}.{inner}" in table.stdout
        elif isinstance(value, list) and value:
            assert f"{key} ({len(value)}):" in table.stdout
        else:
            assert key in table.stdout


def test_get_unknown_service_exits_5_with_the_request_id(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    result = cli.run("services", "get", "nosuchservice")
    assert result.returncode == 5
    assert result.stdout == ""
    assert "HTTP 404" in result.stderr
    assert "request id: " in result.stderr
    assert "hint: " in result.stderr


def test_create_then_rerun_says_already_existed(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    first = cli.run("services", "create", "shop_recs", "--description", "Shop", "-o", "json")
    assert first.returncode == 0, first.stderr
    created = Service.from_json(first.json())
    assert created.name == "shop_recs"
    assert "created service 'shop_recs'" in first.stderr
    again = cli.run("services", "create", "shop_recs", "--description", "Shop", "-o", "json")
    assert again.returncode == 0, again.stderr
    assert "already existed" in again.stderr
    assert Service.from_json(again.json()).service_id == created.service_id
    assert [s["name"] for s in sandbox.services()] == ["shop_recs"]


def test_create_with_a_name_taken_by_another_service_fails(
    cli: Cli, sandbox: SandboxServer
) -> None:
    cli.use(sandbox)
    other = sandbox.add_service("shop_recs", description="someone else's")
    result = cli.run("services", "create", "shop_recs", "--description", "mine")
    assert result.returncode == 1
    assert "duplicate" in result.stderr.lower()
    assert f"existing: {other['serviceId']}" in result.stderr
    assert len(sandbox.services()) == 1


def test_invalid_name_is_refused_before_sending(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    result = cli.run("services", "create", "9starts_with_digit")
    assert result.returncode == 2
    assert "name" in result.stderr
    assert sandbox.requests == []


def test_update_keeps_what_is_not_given(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    service = sandbox.add_service("shop_recs", description="old")
    result = cli.run("services", "update", service["serviceId"], "--name", "shop_v2", "-o", "json")
    assert result.returncode == 0, result.stderr
    updated = Service.from_json(result.json())
    assert (updated.name, updated.description) == ("shop_v2", "old")


def test_delete_asks_and_refuses_without_a_terminal(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    service = sandbox.add_service("shop_recs")
    refused = cli.run("services", "delete", service["serviceId"])
    assert refused.returncode == 2
    assert "--yes" in refused.stderr
    assert sandbox.requests == []
    done = cli.run("services", "delete", service["serviceId"], "--yes", "-o", "json")
    assert done.returncode == 0, done.stderr
    ResultMessage.from_json(done.json())
    assert sandbox.services() == []


def test_attach_gives_a_service_its_datasets(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    service = _by_name(demo_sandbox, "new_service")
    spare: dict[str, str] = {}
    for dataset in demo_sandbox.datasets():
        if dataset.get("status") in ("learnable", "enable"):
            spare.setdefault(str(dataset["type"]), str(dataset["datasetId"]))
    result = cli.run(
        "services",
        "attach",
        str(service["serviceId"]),
        "--user",
        spare["user"],
        "--item",
        spare["item"],
        "--interaction",
        spare["interaction"],
        "-o",
        "json",
    )
    assert result.returncode == 0, result.stderr
    attached = Service.from_json(result.json())
    assert sorted(d.dataset_id for d in attached.datasets) == sorted(spare.values())


def test_attach_is_refused_while_the_service_trains(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    service = _by_name(demo_sandbox, "shop_training")
    result = cli.run(
        "services",
        "attach",
        str(service["serviceId"]),
        "--user",
        "a",
        "--item",
        "b",
        "--interaction",
        "c",
    )
    assert result.returncode == 1
    assert "refused before sending (datasets_locked)" in result.stderr
    assert _posts(demo_sandbox) == []


def test_wrong_secret_exits_3(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    result = cli.run("services", "list", env={"NCLOUD_SECRET_KEY": "wrong"})
    assert result.returncode == 3
    assert "Authentication failed" in result.stderr
    assert "aitems profiles test" in result.stderr


def test_no_keys_at_all_exits_3(cli: Cli) -> None:
    result = cli.run("services", "list")
    assert result.returncode == 3
    assert "aitems profiles add" in result.stderr


def test_unreachable_endpoint_exits_4(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    port = sandbox.port
    sandbox.stop()
    result = cli.run("services", "list", env={"AITEMS_ENDPOINT": f"http://127.0.0.1:{port}/api/v1"})
    assert result.returncode == 4
    assert "nothing was sent" in result.stderr


def test_usage_errors_exit_2(cli: Cli) -> None:
    result = cli.run("services", "create")
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert cli.run("services").returncode == 2
    assert cli.run("nonsense").returncode == 2


def test_dry_run_prints_a_signed_curl_command_and_sends_nothing(
    cli: Cli, sandbox: SandboxServer
) -> None:
    cli.use(sandbox)
    result = cli.run("services", "create", "shop_recs", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert sandbox.requests == []
    command = result.stdout.strip()
    assert command.startswith("curl ")
    assert sandbox.secret_key not in result.stdout + result.stderr
    assert sandbox.access_key in command
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    sent = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=60)
    assert sent.returncode == 0, sent.stderr
    assert [s["name"] for s in sandbox.services()] == ["shop_recs"]


def test_https_with_the_ca_bundle_from_the_environment(
    cli: Cli, tls_sandbox: SandboxServer
) -> None:
    cli.use(tls_sandbox)
    assert tls_sandbox.base_url.startswith("https://")
    result = cli.run("services", "list", "-o", "json")
    assert result.returncode == 0, result.stderr
    assert len(ServiceList.from_json(result.json()).services) == 5
    created = cli.run("services", "create", "tls_service", "-o", "json")
    assert created.returncode == 0, created.stderr


def test_https_without_the_ca_bundle_is_a_tls_error(cli: Cli, tls_sandbox: SandboxServer) -> None:
    cli.use(tls_sandbox)
    del cli.env["AITEMS_CA_BUNDLE"]
    result = cli.run("services", "list")
    assert result.returncode == 4
    assert "certificate" in result.stderr
    assert "--ca-bundle" in result.stderr


def test_sandbox_option_needs_no_account(cli: Cli) -> None:
    result = cli.run("--sandbox", "services", "list", "-o", "json")
    assert result.returncode == 0, result.stderr
    assert "sandbox" in result.stderr
    names = [s.name for s in ServiceList.from_json(result.json()).services]
    assert "movie_reco" in names
