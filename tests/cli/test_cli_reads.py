"""The reads that print the API's own JSON: no models, no profiles when none can apply, and
their inputs checked without the query models, before anything is sent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TIMEOUT_S, Cli

from aitems_desktop.cli import envkeys
from aitems_desktop.cli.spec import MAX_PAGE_LIMIT
from aitems_desktop.core import profiles
from aitems_desktop.core.credentials import CredentialError, CredentialStore
from aitems_desktop.core.models import PageQuery, SchemaListQuery
from aitems_desktop.sandbox import SandboxServer

#: What a read must not load: the models and pydantic, the profiles and the keyring, the
#: use cases, the S3 library, Qt.
HEAVY = (
    "pydantic",
    "pydantic_core",
    "aitems_desktop.core.models",
    "aitems_desktop.core.api",
    "aitems_desktop.core.usecases",
    "aitems_desktop.core.profiles",
    "aitems_desktop.core.credentials",
    "keyring",
    "minio",
    "PySide6",
)


def _reads(sandbox: SandboxServer) -> list[list[str]]:
    service = sandbox.services()[0]["serviceId"]
    dataset = sandbox.datasets()[0]["datasetId"]
    schema = sandbox.schemas()[0]["name"]
    return [
        ["services", "list"],
        ["services", "get", service],
        ["services", "trains", service, "--recent"],
        ["datasets", "list", "--limit", "2"],
        ["datasets", "get", dataset],
        ["schemas", "list", "--type", "user"],
        ["schemas", "get", schema],
        ["schemas", "default", "interaction"],
    ]


def _modules_after(cli: Cli, runs: list[list[str]]) -> subprocess.CompletedProcess[str]:
    """Run ``runs`` in one child process; print their exit codes, outputs and what loaded."""
    code = (
        "import io, json, sys, contextlib\n"
        "from aitems_desktop.cli.app import run\n"
        f"runs = {runs!r}\n"
        "codes, outs = [], []\n"
        "for argv in runs:\n"
        "    out = io.StringIO()\n"
        "    with contextlib.redirect_stderr(io.StringIO()):\n"
        "        codes.append(run(argv, stdout=out))\n"
        "    outs.append(out.getvalue())\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print(json.dumps({'codes': codes, 'outs': outs, 'heavy': heavy}))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env=cli.env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
    )


@pytest.mark.parametrize("output", ["json", "jsonl", "table", "csv"])
def test_reads_load_neither_models_nor_profiles(
    cli: Cli, demo_sandbox: SandboxServer, output: str
) -> None:
    cli.use(demo_sandbox)
    runs = [[*argv, "-o", output] for argv in _reads(demo_sandbox)]
    proc = _modules_after(cli, runs)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["codes"] == [0] * len(runs), result
    assert result["heavy"] == []
    assert all(out.strip() for out in result["outs"])
    if output == "json":
        listed = json.loads(result["outs"][0])
        assert [s["name"] for s in listed["services"]] == [
            s["name"] for s in demo_sandbox.services()
        ]
        assert json.loads(result["outs"][6]) == demo_sandbox.schemas()[0]


def test_lookups_and_updates_load_no_models(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    ids = {s["name"]: s["serviceId"] for s in demo_sandbox.services()}
    movie, news = ids["movie_reco"], ids["news_hourly"]
    trains = cli.run("services", "trains", news, "-o", "json").json()["trains"]
    version = next(t["version"] for t in trains if t["type"] == "relatedItem")
    lookup = ["services", "lookup", movie, "--type", "personalRecommend", "--target", "u0088"]
    runs = [
        [*lookup, "-o", "json"],
        [*lookup, "-o", "table"],
        [*lookup, "-o", "csv"],
        [*lookup, "-o", "jsonl"],
        ["services", "updates", news, "--type", "relatedItem", "--version", version],
    ]
    proc = _modules_after(cli, runs)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["codes"] == [0] * len(runs), result
    assert result["heavy"] == []
    answer = json.loads(result["outs"][0])
    values = answer["values"]
    assert values
    table = result["outs"][1].splitlines()
    assert table[0].split() == ["RANK", answer["field"]]
    assert [line.split() for line in table[1:]] == [
        [str(rank), value] for rank, value in enumerate(values, 1)
    ]
    assert result["outs"][2].splitlines()[0] == f"rank,{answer['field']}"
    assert [json.loads(line) for line in result["outs"][3].splitlines()] == values
    assert "updates" in json.loads(result["outs"][4])


def test_keys_from_a_profile_still_load_the_profiles(cli: Cli, demo_sandbox: SandboxServer) -> None:
    """A profiles file (here naming the sandbox's endpoint) is read even with keys in the
    environment, as documented: its endpoint applies when AITEMS_ENDPOINT is not set."""
    cli.use(demo_sandbox)
    del cli.env["AITEMS_ENDPOINT"]
    cli.config_dir.mkdir(parents=True)
    settings = {
        "version": 1,
        "default_profile": "work",
        "profiles": [
            {"name": "work", "access_key": "unused", "endpoint": demo_sandbox.base_url},
            {"name": "other", "access_key": "unused", "endpoint": "http://127.0.0.1:9/api/v1"},
        ],
    }
    (cli.config_dir / "profiles.json").write_text(json.dumps(settings), "utf-8")
    listed = cli.run("services", "list", "-o", "json")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.json()["services"]) == len(demo_sandbox.services())
    # --profile picks the other profile's endpoint, where nothing listens.
    other = cli.run("--profile", "other", "services", "list")
    assert other.returncode == 4, other.stderr
    proc = _modules_after(cli, [["services", "list", "-o", "json"]])
    assert "aitems_desktop.core.profiles" in json.loads(proc.stdout)["heavy"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["services", "list", "--limit", "0"], "0 is not between 1 and 1000"),
        (["services", "list", "--limit", "1001"], "1001 is not between 1 and 1000"),
        (["datasets", "list", "--limit", "x"], "'x' is not a whole number"),
        (["schemas", "list", "--offset", "-1"], "-1 is negative"),
        (["schemas", "list", "--type", "users"], "invalid choice: 'users'"),
        (["schemas", "default", "people"], "invalid choice: 'people'"),
        (["services", "updates", "s1", "--type", "relatedItem", "--version", ""], "--version"),
        (["services", "lookup", "s1", "--type", "pop", "--target", ""], "--target is empty"),
        (["services", "lookup", "s1", "--type", "popular", "--target", "u"], "invalid choice"),
        (["services", "get", ".."], "'..' is not a valid serviceId"),
        (["datasets", "get", ""], "The datasetId is empty"),
    ],
)
def test_bad_read_inputs_are_usage_errors_and_send_nothing(
    cli: Cli, sandbox: SandboxServer, argv: list[str], words: str
) -> None:
    cli.use(sandbox)
    result = cli.run(*argv)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert sandbox.requests == []


def test_the_page_limit_is_the_query_models(cli: Cli, sandbox: SandboxServer) -> None:
    for model in (PageQuery, SchemaListQuery):
        limit = model.model_fields["limit"]
        bounds = {type(m).__name__: m for m in limit.metadata}
        assert bounds["Ge"].ge == 1
        assert bounds["Le"].le == MAX_PAGE_LIMIT
    cli.use(sandbox)
    result = cli.run("services", "list", "--offset", "3", "--limit", str(MAX_PAGE_LIMIT))
    assert result.returncode == 0, result.stderr
    assert [r.target for r in sandbox.requests] == [
        f"/api/v1/services?offset=3&limit={MAX_PAGE_LIMIT}"
    ]


def test_dry_run_of_a_read_prints_the_signed_request(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    result = cli.run("schemas", "list", "--type", "item", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "/api/v1/schemas?datasetType=item&offset=0&limit=1000" in result.stdout
    assert result.stdout.startswith("curl ")
    assert sandbox.requests == []


# --- keys from the environment, the same as the profiles' own resolution -----------------


def test_the_names_are_the_profiles_names() -> None:
    for name in (
        "APP_NAME",
        "CONFIG_DIR_ENV",
        "SETTINGS_FILE",
        "ENV_ACCESS_KEY",
        "ENV_SECRET_KEY",
        "ENV_ENDPOINT",
    ):
        assert getattr(envkeys, name) == getattr(profiles, name), name


def test_the_settings_file_is_where_the_profiles_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"AITEMS_DESKTOP_CONFIG_DIR": str(tmp_path / "x")}
    assert envkeys.settings_file(env) == profiles.config_dir(env) / profiles.SETTINGS_FILE
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert envkeys.settings_file({}) == profiles.config_dir({}) / profiles.SETTINGS_FILE


@pytest.mark.parametrize(
    "variables",
    [
        {"NCLOUD_ACCESS_KEY": " AK ", "NCLOUD_SECRET_KEY": "SK"},
        {
            "NCLOUD_ACCESS_KEY": "AK",
            "NCLOUD_SECRET_KEY": "SK",
            "AITEMS_ENDPOINT": " http://127.0.0.1:1/api/v1/ ",
        },
        {"NCLOUD_ACCESS_KEY": "AK", "NCLOUD_SECRET_KEY": "SK", "AITEMS_ENDPOINT": ""},
    ],
)
def test_environment_keys_resolve_as_the_profiles_do(
    tmp_path: Path, variables: dict[str, str]
) -> None:
    env = {**variables, "AITEMS_DESKTOP_CONFIG_DIR": str(tmp_path)}
    store = profiles.ProfileStore(CredentialStore(), tmp_path)
    fast = envkeys.environment_connection(None, env)
    assert fast is not None
    assert fast == profiles.resolve_credentials(None, env, profiles=store)


@pytest.mark.parametrize(
    ("profile", "variables", "with_file"),
    [
        (None, {"NCLOUD_ACCESS_KEY": "AK", "NCLOUD_SECRET_KEY": "SK"}, True),
        ("work", {"NCLOUD_ACCESS_KEY": "AK", "NCLOUD_SECRET_KEY": "SK"}, False),
        (None, {"NCLOUD_ACCESS_KEY": "AK"}, False),
        (None, {"NCLOUD_SECRET_KEY": "SK"}, False),
        (None, {}, False),
    ],
)
def test_anything_else_is_left_to_the_profiles(
    tmp_path: Path, profile: str | None, variables: dict[str, str], with_file: bool
) -> None:
    env = {**variables, "AITEMS_DESKTOP_CONFIG_DIR": str(tmp_path)}
    if with_file:
        (tmp_path / "profiles.json").write_text('{"version": 1, "profiles": []}', "utf-8")
    assert envkeys.environment_connection(profile, env) is None
    if len(variables) == 1:  # half set: the profiles' resolution says what is wrong
        store = profiles.ProfileStore(CredentialStore(), tmp_path)
        with pytest.raises(CredentialError, match="is set but"):
            profiles.resolve_credentials(profile, env, profiles=store)
