"""Start, stop, TLS: no leaked threads or sockets, prompt shutdown, usable addresses."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from aitems_desktop.sandbox import SandboxServer


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts fds through /proc")
def test_stop_leaks_no_threads_or_sockets(make_client: Any) -> None:
    threads_before = set(threading.enumerate())
    fds_before = open_fds()
    server = SandboxServer().start()
    client = make_client(server)
    for _ in range(3):
        assert client.call("GET", "/services").status_code == 200
    # The client's keep-alive connection is still open and idle: stop() must not wait on it.
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2
    client.close()
    # "No more than before": a thread or file of an earlier test may end meanwhile.
    assert set(threading.enumerate()) <= threads_before
    assert open_fds() <= fds_before


def test_base_url_and_generated_keys() -> None:
    with SandboxServer() as server:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/api/v1", server.base_url)
        assert server.port > 0
        assert re.fullmatch(r"[A-Z0-9]{20}", server.access_key)
        assert re.fullmatch(r"[A-Za-z0-9]{40}", server.secret_key)
        assert server.ca_bundle_path is None
    other = SandboxServer(access_key="access", secret_key="secret")
    assert (other.access_key, other.secret_key) == ("access", "secret")


def test_start_stop_rules() -> None:
    server = SandboxServer()
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url
    server.start()
    with pytest.raises(RuntimeError, match="already running"):
        server.start()
    server.stop()
    server.stop()  # a second stop is harmless
    with pytest.raises(RuntimeError, match="cannot be started again"):
        server.start()


def test_a_stopped_server_refuses_connections() -> None:
    with SandboxServer() as server:
        url = server.base_url
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/services", timeout=5)


def test_two_servers_do_not_share_state(make_client: Any) -> None:
    with SandboxServer() as a, SandboxServer() as b:
        assert a.port != b.port
        assert make_client(a).call("POST", "/services", {"name": "only_a"}).status_code == 201
        assert [s["name"] for s in a.services()] == ["only_a"]
        assert b.services() == []


def test_ipv6_loopback(make_client: Any) -> None:
    try:
        server = SandboxServer(host="::1").start()
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    with server:
        assert server.base_url.startswith("http://[::1]:")
        assert make_client(server).call("GET", "/services").status_code == 200


def test_tls_listener_with_its_own_ca(make_client: Any) -> None:
    with SandboxServer(tls=True) as server:
        assert server.base_url.startswith("https://127.0.0.1:")
        assert server.ca_bundle_path is not None
        ca = server.ca_bundle_path
        assert ca.read_text().startswith("-----BEGIN CERTIFICATE-----")
        client = make_client(server)
        # Per request: a Session's own verify loses to REQUESTS_CA_BUNDLE in the environment.
        created = client.call("POST", "/services", {"name": "secure"}, verify=str(ca))
        assert created.status_code == 201
        with pytest.raises(requests.exceptions.SSLError):
            make_client(server).call("GET", "/services", verify=True)
        # The handshake failure above did not take the listener down.
        assert client.call("GET", "/services", verify=str(ca)).status_code == 200
    assert not ca.exists()
