"""``aitems profiles ...``: the same profiles.json and keyring as the app; secrets never on
the command line, in the file or in the output."""

from __future__ import annotations

import json
import os
import sys

import pytest
from conftest import Cli

from aitems_desktop.core.models import ServiceList
from aitems_desktop.sandbox import SandboxServer


def _add(cli: Cli, sandbox: SandboxServer, name: str = "work", *extra: str) -> None:
    result = cli.run(
        "profiles",
        "add",
        name,
        "--access-key",
        sandbox.access_key,
        "--endpoint",
        sandbox.base_url,
        "--secret-stdin",
        *extra,
        input=sandbox.secret_key + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert sandbox.secret_key not in result.stdout + result.stderr


def test_add_stores_the_secret_in_the_keyring_only(cli: Cli, sandbox: SandboxServer) -> None:
    _add(cli, sandbox)
    settings = json.loads((cli.config_dir / "profiles.json").read_text("utf-8"))
    assert settings["default_profile"] == "work"
    assert settings["profiles"][0]["access_key"] == sandbox.access_key
    assert sandbox.secret_key not in (cli.config_dir / "profiles.json").read_text("utf-8")
    keyring = json.loads(cli.keyring_file.read_text("utf-8"))
    assert keyring == {"aitems-desktop/work": sandbox.secret_key}
    if os.name == "posix":
        assert (cli.config_dir / "profiles.json").stat().st_mode & 0o077 == 0


def test_a_profile_is_used_by_the_next_command(cli: Cli, sandbox: SandboxServer) -> None:
    sandbox.add_service("from_profile")
    _add(cli, sandbox)
    result = cli.run("services", "list", "-o", "json")
    assert result.returncode == 0, result.stderr
    assert [s.name for s in ServiceList.from_json(result.json()).services] == ["from_profile"]
    named = cli.run("--profile", "work", "services", "list", "-o", "json")
    assert named.returncode == 0, named.stderr


def test_list_shows_no_secret(cli: Cli, sandbox: SandboxServer) -> None:
    _add(cli, sandbox)
    _add(cli, sandbox, "second")
    result = cli.run("profiles", "list", "-o", "json")
    assert result.returncode == 0, result.stderr
    rows = result.json()
    assert [(r["name"], r["default"], r["secret"]) for r in rows] == [
        ("work", True, "stored"),
        ("second", False, "stored"),
    ]
    assert sandbox.secret_key not in result.stdout
    table = cli.run("profiles", "list", "-o", "table")
    assert table.stdout.splitlines()[0].split()[:2] == ["NAME", "DEFAULT"]


def test_default_remove_and_unknown_profile(cli: Cli, sandbox: SandboxServer) -> None:
    _add(cli, sandbox)
    _add(cli, sandbox, "second")
    assert cli.run("profiles", "default", "second").returncode == 0
    rows = cli.run("profiles", "list", "-o", "json").json()
    assert [r["name"] for r in rows if r["default"]] == ["second"]
    assert cli.run("profiles", "remove", "second").returncode == 0
    keyring = json.loads(cli.keyring_file.read_text("utf-8"))
    assert "aitems-desktop/second" not in keyring
    missing = cli.run("profiles", "remove", "second")
    assert missing.returncode == 5
    unknown = cli.run("--profile", "nope", "services", "list")
    assert unknown.returncode == 3
    assert "aitems profiles list" in unknown.stderr


def test_add_refuses_a_duplicate_unless_replace(cli: Cli, sandbox: SandboxServer) -> None:
    _add(cli, sandbox)
    again = cli.run(
        "profiles", "add", "work", "--access-key", "OTHER", "--secret-stdin", input="x\n"
    )
    assert again.returncode == 2
    assert "--replace" in again.stderr
    _add(cli, sandbox, "work", "--replace")


def test_add_without_a_terminal_needs_secret_stdin(cli: Cli) -> None:
    result = cli.run("profiles", "add", "work", "--access-key", "AK")
    assert result.returncode == 2
    assert "--secret-stdin" in result.stderr
    assert not (cli.config_dir / "profiles.json").exists()


def test_no_usable_keyring_saves_nothing(cli: Cli) -> None:
    result = cli.run(
        "profiles",
        "add",
        "work",
        "--access-key",
        "AK",
        "--secret-stdin",
        input="s3cr3t-value\n",
        env={"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"},
    )
    assert result.returncode == 3
    assert "No usable keyring" in result.stderr
    assert "NCLOUD_ACCESS_KEY" in result.stderr
    assert not (cli.config_dir / "profiles.json").exists()
    assert "s3cr3t-value" not in result.stdout + result.stderr


def test_test_reports_working_and_failing_keys(cli: Cli, sandbox: SandboxServer) -> None:
    _add(cli, sandbox)
    ok = cli.run("profiles", "test", "work", "-o", "json")
    assert ok.returncode == 0, ok.stderr
    assert ok.json()["ok"] is True
    assert [r.target for r in sandbox.requests] == ["/api/v1/services?offset=0&limit=1"]
    bad = cli.run(
        "profiles",
        "add",
        "bad",
        "--access-key",
        "WRONG",
        "--endpoint",
        sandbox.base_url,
        "--secret-stdin",
        input="wrong\n",
    )
    assert bad.returncode == 0
    failing = cli.run("profiles", "test", "bad")
    assert failing.returncode == 3
    assert "Authentication failed" in failing.stderr


def test_environment_keys_override_the_profile(cli: Cli, sandbox: SandboxServer) -> None:
    other = SandboxServer().start()
    try:
        _add(cli, other)  # a profile for another sandbox
        cli.use(sandbox)
        sandbox.add_service("from_environment")
        result = cli.run("services", "list", "-o", "json")
        assert result.returncode == 0, result.stderr
        names = [s.name for s in ServiceList.from_json(result.json()).services]
        assert names == ["from_environment"]
    finally:
        other.stop()


def test_https_with_the_profiles_ca_bundle(cli: Cli, tls_sandbox: SandboxServer) -> None:
    assert tls_sandbox.ca_bundle_path is not None
    _add(cli, tls_sandbox, "tls", "--ca-bundle", str(tls_sandbox.ca_bundle_path))
    result = cli.run("services", "list", "-o", "json")
    assert result.returncode == 0, result.stderr
    assert len(ServiceList.from_json(result.json()).services) == 5


CONFIGURE = """\
[DEFAULT]
ncloud_access_key_id = {access}
ncloud_secret_access_key = {secret}
ncloud_api_url = https://ncloud.apigw.ntruss.com

[project]
ncloud_access_key_id = PROJECTKEY
ncloud_secret_access_key = project-secret-value
ncloud_api_url = https://ncloud.apigw.gov-ntruss.com
"""


def test_import_ncloud_moves_the_secret_into_the_keyring(cli: Cli, sandbox: SandboxServer) -> None:
    configure = cli.home / ".ncloud" / "configure"
    configure.parent.mkdir()
    configure.write_text(CONFIGURE.format(access=sandbox.access_key, secret=sandbox.secret_key))
    configure.chmod(0o644)
    result = cli.run("profiles", "import-ncloud")
    assert result.returncode == 0, result.stderr
    assert "still holds the secret key in plain text" in result.stderr
    if os.name == "posix":
        assert "chmod 600" in result.stderr
    assert sandbox.secret_key not in result.stdout + result.stderr
    keyring = json.loads(cli.keyring_file.read_text("utf-8"))
    assert keyring == {"aitems-desktop/ncloud": sandbox.secret_key}
    rows = cli.run("profiles", "list", "-o", "json").json()
    assert [(r["name"], r["access_key"]) for r in rows] == [("ncloud", sandbox.access_key)]
    project = cli.run("profiles", "import-ncloud", "--section", "project")
    assert project.returncode == 0, project.stderr
    assert "public site only" in project.stderr
    keyring = json.loads(cli.keyring_file.read_text("utf-8"))
    assert keyring["aitems-desktop/project"] == "project-secret-value"


def test_import_ncloud_reads_a_file_without_sections(cli: Cli, tmp_path: object) -> None:
    configure = cli.home / "configure"
    configure.write_text("ncloud_access_key_id = AK1\nncloud_secret_access_key = SK1\n")
    result = cli.run("profiles", "import-ncloud", "--file", str(configure), "--name", "plain")
    assert result.returncode == 0, result.stderr
    assert json.loads(cli.keyring_file.read_text("utf-8")) == {"aitems-desktop/plain": "SK1"}


def test_import_ncloud_missing_file_or_section(cli: Cli) -> None:
    missing = cli.run("profiles", "import-ncloud")
    assert missing.returncode == 2
    assert "There is no file" in missing.stderr
    configure = cli.home / "configure"
    configure.write_text("[DEFAULT]\nncloud_access_key_id = AK1\n")
    no_secret = cli.run("profiles", "import-ncloud", "--file", str(configure))
    assert no_secret.returncode == 2
    assert "ncloud_secret_access_key" in no_secret.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_secret_is_asked_for_without_echo(cli: Cli, sandbox: SandboxServer) -> None:
    import pty
    import subprocess

    main, child = pty.openpty()
    proc = subprocess.Popen(
        cli.command(
            "profiles",
            "add",
            "tty",
            "--access-key",
            sandbox.access_key,
            "--endpoint",
            sandbox.base_url,
        ),
        env=cli.env,
        stdin=child,
        stdout=child,
        stderr=child,
        cwd=cli.home,
    )
    os.close(child)
    seen = b""
    try:
        while b"not shown" not in seen:
            seen += os.read(main, 1024)
        os.write(main, sandbox.secret_key.encode() + b"\n")
        assert proc.wait(timeout=120) == 0
        while True:
            try:
                chunk = os.read(main, 1024)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main)
    assert sandbox.secret_key.encode() not in seen
    keyring = json.loads(cli.keyring_file.read_text("utf-8"))
    assert keyring == {"aitems-desktop/tty": sandbox.secret_key}


def test_a_bad_profile_is_reported_and_the_file_left_alone(cli: Cli) -> None:
    cli.config_dir.mkdir(parents=True)
    path = cli.config_dir / "profiles.json"
    content = json.dumps(
        {
            "version": 1,
            "profiles": [
                {"name": "good", "access_key": "AKGOOD"},
                {"name": "huge", "access_key": "AKHUGE", "read_timeout": 1e308},
            ],
        }
    )
    path.write_text(content, encoding="utf-8")
    listed = cli.run("profiles", "list", "-o", "json")
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in listed.json()] == ["good"]
    assert "“huge”" in listed.stderr
    assert "read_timeout" in listed.stderr
    assert path.read_text(encoding="utf-8") == content
    assert [p.name for p in cli.config_dir.iterdir()] == ["profiles.json"]
    used = cli.run("--profile", "huge", "--dry-run", "services", "list")
    assert used.returncode == 3
    assert "“huge” cannot be used" in used.stderr
    removed = cli.run("profiles", "remove", "huge")
    assert removed.returncode == 0, removed.stderr
    assert [p["name"] for p in json.loads(path.read_text(encoding="utf-8"))["profiles"]] == ["good"]
