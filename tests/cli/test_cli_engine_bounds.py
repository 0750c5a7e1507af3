"""What ``aitems`` says after an unclear training request or with a setting that cannot work,
against a scripted hostile server over HTTP and HTTPS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Cli
from hostile_server import Conn, HostileServer, reset, respond

SERVICE_ID = "abcdefghijk"


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest) -> Iterator[HostileServer]:
    with HostileServer(tls=request.param == "https") as srv:
        yield srv


def use(cli: Cli, server: HostileServer, access_key: str = "AKTEST") -> None:
    cli.env.update(
        NCLOUD_ACCESS_KEY=access_key, NCLOUD_SECRET_KEY="SK", AITEMS_ENDPOINT=server.base_url
    )
    if server.ca_bundle:
        cli.env["AITEMS_CA_BUNDLE"] = server.ca_bundle


def _training_lost(conn: Conn) -> None:
    if conn.request.method == "POST":
        reset()(conn)  # the request arrived; its answer is lost
    elif conn.request.target.endswith("/trains"):
        respond(200, {"trains": []})(conn)
    else:
        datasets = [
            {"datasetId": f"d{i}", "type": kind, "name": "n", "status": "learnable"}
            for i, kind in enumerate(("user", "item", "interaction"))
        ]
        body = {"serviceId": SERVICE_ID, "name": "shop", "status": "learnable", "type": "batch"}
        respond(200, {**body, "datasets": datasets})(conn)


def test_an_unclear_training_exits_6_and_says_where_to_look(
    cli: Cli, server: HostileServer
) -> None:
    server.script(_training_lost)
    use(cli, server)
    result = cli.run("services", "train", SERVICE_ID, "--type", "personalRecommend")
    assert result.returncode == 6, result.stderr
    assert f"aitems services trains {SERVICE_ID} --recent" in result.stderr
    assert "try again" not in result.stderr.lower()
    assert sum(1 for seen in server.seen if seen.method == "POST") == 1


@pytest.mark.parametrize("bundle", ["/nonexistent/ca.pem", "/etc/passwd"])
def test_an_unusable_ca_bundle_exits_2_naming_it(
    cli: Cli, server: HostileServer, bundle: str
) -> None:
    use(cli, server)
    result = cli.run("services", "list", env={"AITEMS_CA_BUNDLE": bundle})
    assert result.returncode == 2, result.stderr
    assert f"The CA bundle '{bundle}'" in result.stderr
    assert server.seen == []


def test_an_access_key_with_a_line_break_exits_2_and_sends_nothing(
    cli: Cli, server: HostileServer
) -> None:
    use(cli, server, access_key="AK\nEVIL")
    result = cli.run("services", "list")
    assert result.returncode == 2, result.stderr
    assert "access key" in result.stderr
    assert server.seen == []
