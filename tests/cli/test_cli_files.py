"""``aitems csv check``, ``aitems csv infer`` and ``aitems upload`` as a person runs them: a
child process against the sandbox (its AiTEMS for schemas, its Object Storage for uploads)."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, TIMEOUT_S, Cli
from hostile_server import HostileServer, respond

from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.cli.progress import Meter
from aitems_desktop.sandbox import SandboxServer

DEMO_BUCKET = "aitems-demo"
MIB = 1024 * 1024

USERS = "USER_ID,AGE,GENDER\nu1,23,F\nu2,31,M\nu3,45,F\n"
USER_SCHEMA = {
    "datasetType": "user",
    "name": "cli_users",
    "fields": [
        {"name": "USER_ID", "type": ["string"], "categorical": False},
        {"name": "AGE", "type": ["int"], "categorical": False},
        {"name": "GENDER", "type": ["string"], "categorical": True},
    ],
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _use_storage(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    cli.env["AITEMS_OBJECT_STORAGE_ENDPOINT"] = sandbox.object_storage_url
    cli.env["AITEMS_OBJECT_STORAGE_REGION"] = sandbox.object_storage_region


# --- csv check ----------------------------------------------------------------------------


def test_a_good_file_passes_against_a_schema_stored_in_aitems(
    cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    cli.use(demo_sandbox)
    schema = cli.run("schemas", "get", "demo_users", "-o", "json").json()
    header = ",".join(f["name"] for f in schema["fields"])
    assert header.startswith("USER_ID")
    files = demo_sandbox.get_object(DEMO_BUCKET, "demo/users.csv")
    path = tmp_path / "users.csv"
    path.write_bytes(files)
    result = cli.run("csv", "check", str(path), "--schema", "demo_users", "-o", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    report = result.json()
    assert report["ok"] is True
    assert report["datasetType"] == "user"
    assert report["errors"] == 0
    assert report["rows"] == files.count(b"\n") - 1
    assert "no errors" in result.stderr


def test_errors_are_listed_with_line_and_column_and_exit_8(cli: Cli, tmp_path: Path) -> None:
    schema = _write(tmp_path / "users.json", json.dumps(USER_SCHEMA))
    data = _write(tmp_path / "users.csv", "USER_ID,AGE,GENDER\nu1,23,F\nu2,old,M\nu3,,F\n")
    result = cli.run("csv", "check", str(data), "--schema-file", str(schema), "-o", "json")
    assert result.returncode == ExitCode.FILE_HAS_ERRORS, result.stderr
    report = result.json()
    assert report["ok"] is False
    assert report["counts"] == {"bad_value": 1, "missing_value": 1}
    where = [(p["line"], p["column"], p["field"], p["kind"]) for p in report["problems"]]
    assert where == [(3, 2, "AGE", "bad_value"), (4, 2, "AGE", "missing_value")]
    assert "2 errors" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_table_names_lines_and_kinds(cli: Cli, tmp_path: Path) -> None:
    schema = _write(tmp_path / "users.json", json.dumps(USER_SCHEMA))
    data = _write(tmp_path / "users.csv", "USER_ID,AGE,GENDER\nu1,23,F\nu2,old,M\n")
    result = cli.run("csv", "check", str(data), "--schema-file", str(schema), "-o", "table")
    assert result.returncode == ExitCode.FILE_HAS_ERRORS
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{data}: NOT OK, 2 rows, 1 errors, 0 warnings (user file")
    row = next(line for line in lines if line.startswith("error")).split()
    assert row[:5] == ["error", "3", "2", "AGE", "bad_value"]


def test_a_whole_line_problem_has_no_column(
    cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    # A line with one column too many is wrong as a whole: it has no column to point at, and
    # columns are counted from 1, so a 0 would send a person looking for a column that is
    # not there.
    cli.use(demo_sandbox)
    schema = cli.run("schemas", "get", "demo_users", "-o", "json").json()
    names = [f["name"] for f in schema["fields"]]
    good = ",".join("1" if n == "AGE" else f"v{i}" for i, n in enumerate(names))
    data = _write(tmp_path / "users.csv", ",".join(names) + f"\n{good}\n{good},extra\n")
    report = cli.run("csv", "check", str(data), "--schema", "demo_users", "-o", "json")
    assert report.returncode == ExitCode.FILE_HAS_ERRORS, report.stderr
    problem = next(p for p in report.json()["problems"] if p["kind"] == "column_count")
    assert (problem["line"], problem["column"]) == (3, None)
    table = cli.run("csv", "check", str(data), "--schema", "demo_users", "-o", "table")
    lines = table.stdout.splitlines()
    header = next(line for line in lines if line.startswith("SEVERITY"))
    row = next(line for line in lines if line.startswith("error"))
    # The COLUMN cell is blank: LINE is followed by the kind with nothing in between.
    assert header.split()[:3] == ["SEVERITY", "LINE", "COLUMN"]
    assert row.split()[:3] == ["error", "3", "column_count"]


def test_the_first_thousand_problems_are_listed_and_all_are_counted(
    cli: Cli, tmp_path: Path
) -> None:
    schema = _write(tmp_path / "users.json", json.dumps(USER_SCHEMA))
    rows = "".join(f"u{i},x{i},F\n" for i in range(2500))
    data = tmp_path / "users.csv.gz"
    data.write_bytes(gzip.compress(("USER_ID,AGE,GENDER\n" + rows).encode()))
    result = cli.run("csv", "check", str(data), "--schema-file", str(schema), "-o", "json")
    assert result.returncode == ExitCode.FILE_HAS_ERRORS
    report = result.json()
    assert report["compressed"] is True
    assert report["problemCount"] == report["errors"] == 2500
    assert len(report["problems"]) == 1000
    assert report["truncated"] is True
    assert report["problems"][-1]["line"] == 1001

    jsonl = cli.run("csv", "check", str(data), "--schema-file", str(schema), "-o", "jsonl")
    assert len(jsonl.stdout.splitlines()) == 1000
    assert json.loads(jsonl.stdout.splitlines()[0])["kind"] == "bad_value"


def test_an_interaction_file_is_cross_checked_as_warnings(cli: Cli, tmp_path: Path) -> None:
    schema = {
        "datasetType": "interaction",
        "fields": [
            {"name": "USER_ID", "type": ["string"]},
            {"name": "ITEM_ID", "type": ["string"]},
            {"name": "TIMESTAMP", "type": ["long"]},
        ],
    }
    schema_path = _write(tmp_path / "clicks.json", json.dumps(schema))
    users = _write(tmp_path / "users.csv", USERS)
    items = _write(tmp_path / "items.csv", "ITEM_ID\ni1\ni2\n")
    clicks = _write(
        tmp_path / "clicks.csv",
        "USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\nu9,i2,1700000001\nu1,i7,1700000002\n",
    )
    common = ("--schema-file", str(schema_path), "--users", str(users), "--items", str(items))
    result = cli.run("csv", "check", str(clicks), *common, "-o", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    report = result.json()
    assert report["errors"] == 0
    assert report["warnings"] >= 2
    crosses = {x["kind"]: x for x in report["crossChecks"]}
    assert crosses["unknown_user"]["examples"] == [{"line": 3, "value": "u9"}]
    assert crosses["unknown_item"]["examples"] == [{"line": 4, "value": "i7"}]


def test_wrong_inputs_are_usage_errors(cli: Cli, tmp_path: Path) -> None:
    schema = _write(tmp_path / "users.json", json.dumps(USER_SCHEMA))
    data = _write(tmp_path / "users.csv", USERS)
    cross = cli.run("csv", "check", str(data), "--schema-file", str(schema), "--users", str(data))
    assert cross.returncode == ExitCode.USAGE
    assert "for an interaction file" in cross.stderr
    missing = cli.run("csv", "check", str(tmp_path / "none.csv"), "--schema-file", str(schema))
    assert missing.returncode == ExitCode.USAGE
    assert "none.csv" in missing.stderr
    no_type = _write(tmp_path / "notype.json", json.dumps({"fields": USER_SCHEMA["fields"]}))
    untyped = cli.run("csv", "check", str(data), "--schema-file", str(no_type))
    assert untyped.returncode == ExitCode.USAGE
    assert "--type" in untyped.stderr
    typed = cli.run("csv", "check", str(data), "--schema-file", str(no_type), "--type", "user")
    assert typed.returncode == ExitCode.OK, typed.stderr
    both = cli.run("csv", "check", str(data))
    assert both.returncode == ExitCode.USAGE
    assert "--schema" in both.stderr
    assert "Traceback" not in missing.stderr + untyped.stderr + cross.stderr


def test_a_users_or_items_file_that_cannot_be_read_is_a_usage_error(
    cli: Cli, tmp_path: Path
) -> None:
    schema = {
        "datasetType": "interaction",
        "fields": [
            {"name": "USER_ID", "type": ["string"]},
            {"name": "ITEM_ID", "type": ["string"]},
            {"name": "TIMESTAMP", "type": ["long"]},
        ],
    }
    schema_path = _write(tmp_path / "clicks.json", json.dumps(schema))
    clicks = _write(tmp_path / "clicks.csv", "USER_ID,ITEM_ID,TIMESTAMP\nu1,i1,1700000000\n")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(bytes(range(256)) * 8)
    folder = tmp_path / "folder"
    folder.mkdir()
    for option in ("--users", "--items"):
        for other in (tmp_path / "none.csv", folder, binary):
            result = cli.run(
                "csv", "check", str(clicks), "--schema-file", str(schema_path), option, str(other)
            )
            assert result.returncode == ExitCode.USAGE, (option, other, result.stderr)
            role = option[2:-1]
            assert f"the {role} file" in result.stderr
            assert str(other) in result.stderr
            assert "Traceback" not in result.stderr


def test_an_unknown_schema_is_not_found(
    cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    cli.use(demo_sandbox)
    data = _write(tmp_path / "users.csv", USERS)
    result = cli.run("csv", "check", str(data), "--schema", "no_such_schema")
    assert result.returncode == ExitCode.NOT_FOUND, result.stderr


# --- csv infer ----------------------------------------------------------------------------


def test_a_proposed_schema_round_trips_through_schemas_create(
    cli: Cli, sandbox: SandboxServer, tmp_path: Path
) -> None:
    cli.use(sandbox)
    rows = "".join(f"u{i},{20 + i % 50},{'FM'[i % 2]}\n" for i in range(200))
    data = _write(tmp_path / "shop-users.csv", "USER_ID,AGE,GENDER\n" + rows)
    proposed = cli.run("csv", "infer", str(data))
    assert proposed.returncode == ExitCode.OK, proposed.stderr
    schema = proposed.json()
    assert schema["datasetType"] == "user"
    assert schema["name"] == "shop-users"
    assert [f["name"] for f in schema["fields"]] == ["USER_ID", "AGE", "GENDER"]
    assert "AGE:" in proposed.stderr  # the reasons go to stderr
    schema_path = _write(tmp_path / "schema.json", proposed.stdout)

    created = cli.run("schemas", "create", "--file", str(schema_path), "-o", "json")
    assert created.returncode == ExitCode.OK, created.stderr
    stored = cli.run("schemas", "get", "shop-users", "-o", "json").json()
    assert [(f["name"], f["type"], f.get("categorical", False)) for f in stored["fields"]] == [
        (f["name"], f["type"], f["categorical"]) for f in schema["fields"]
    ]
    checked = cli.run("csv", "check", str(data), "--schema", "shop-users")
    assert checked.returncode == ExitCode.OK, checked.stderr


def test_infer_shows_reasons_as_a_table_and_takes_a_name(cli: Cli, tmp_path: Path) -> None:
    data = _write(tmp_path / "2024 items.csv", "ITEM_ID,PRICE\ni1,9.5\ni2,12\n")
    default = cli.run("csv", "infer", str(data))
    assert default.json()["name"] == "s_2024_items"
    assert default.json()["datasetType"] == "item"
    named = cli.run("csv", "infer", str(data), "--name", "items_v2", "--description", "Items")
    assert named.json()["name"] == "items_v2"
    assert named.json()["description"] == "Items"
    table = cli.run("csv", "infer", str(data), "-o", "table")
    assert table.returncode == ExitCode.OK
    assert table.stdout.startswith("item schema from 2 rows")
    bad_name = cli.run("csv", "infer", str(data), "--name", "default")
    assert bad_name.returncode == ExitCode.USAGE


def test_infer_refuses_what_no_schema_can_cover(cli: Cli, tmp_path: Path) -> None:
    no_ids = _write(tmp_path / "things.csv", "A,B\n1,2\n")
    unclear = cli.run("csv", "infer", str(no_ids))
    assert unclear.returncode == ExitCode.USAGE
    assert "--type" in unclear.stderr
    missing = cli.run("csv", "infer", str(no_ids), "--type", "user")
    assert missing.returncode == ExitCode.FILE_HAS_ERRORS
    assert "missing_required_column (USER_ID)" in missing.stderr
    assert json.loads(missing.stdout)["datasetType"] == "user"
    binary = tmp_path / "users.csv"
    binary.write_bytes(b"PK\x03\x04" + os.urandom(64))
    not_csv = cli.run("csv", "infer", str(binary), "--type", "user")
    assert not_csv.returncode == ExitCode.FILE_HAS_ERRORS
    assert not_csv.stdout == ""
    assert "not_csv" in not_csv.stderr
    assert "Traceback" not in unclear.stderr + missing.stderr + not_csv.stderr


# --- upload -------------------------------------------------------------------------------


def test_upload_sends_a_multipart_upload_to_object_storage(
    cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    _use_storage(cli, demo_sandbox)
    data = os.urandom(17 * MIB)
    path = tmp_path / "clicks.csv"
    path.write_bytes(data)
    result = cli.run("upload", str(path), f"s3://{DEMO_BUCKET}/cli/", "-o", "json")
    assert result.returncode == ExitCode.OK, result.stderr
    answer = result.json()
    assert answer["url"] == f"s3://{DEMO_BUCKET}/cli/clicks.csv"
    assert answer["size"] == len(data)
    assert answer["parts"] == 2
    assert demo_sandbox.get_object(DEMO_BUCKET, "cli/clicks.csv") == data
    # Not a terminal: no progress line, the result alone.
    assert "Uploading" not in result.stderr


def test_upload_dry_run_sends_nothing(
    cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    _use_storage(cli, demo_sandbox)
    path = _write(tmp_path / "users.csv", USERS)
    result = cli.run("--dry-run", "upload", str(path), f"s3://{DEMO_BUCKET}/a/users.csv")
    assert result.returncode == ExitCode.OK, result.stderr
    plan = result.json()
    assert plan["dryRun"] is True
    assert plan["url"] == f"s3://{DEMO_BUCKET}/a/users.csv"
    assert plan["endpoint"] == demo_sandbox.object_storage_url
    assert plan["parts"] == 1
    assert demo_sandbox.object_storage_requests == []
    bad = cli.run("--dry-run", "upload", str(path), "s3://ab/a.csv")  # too short
    assert bad.returncode == ExitCode.USAGE
    assert demo_sandbox.object_storage_requests == []


def test_upload_errors_are_clear(cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path) -> None:
    _use_storage(cli, demo_sandbox)
    path = _write(tmp_path / "users.csv", USERS)
    no_bucket = cli.run("upload", str(path), "s3://no-such-bucket/users.csv")
    assert no_bucket.returncode == ExitCode.NOT_FOUND
    assert "NoSuchBucket" in no_bucket.stderr
    assert "hint:" in no_bucket.stderr
    not_s3 = cli.run("upload", str(path), "https://example.com/users.csv")
    assert not_s3.returncode == ExitCode.USAGE
    assert "s3://BUCKET/KEY" in not_s3.stderr
    no_file = cli.run("upload", str(tmp_path / "none.csv"), f"s3://{DEMO_BUCKET}/x.csv")
    assert no_file.returncode == ExitCode.USAGE
    wrong_keys = cli.run(
        "upload",
        str(path),
        f"s3://{DEMO_BUCKET}/x.csv",
        env={"NCLOUD_SECRET_KEY": "not-the-secret"},
    )
    assert wrong_keys.returncode == ExitCode.AUTH, wrong_keys.stderr
    assert "not-the-secret" not in wrong_keys.stderr
    every = no_bucket.stderr + not_s3.stderr + no_file.stderr + wrong_keys.stderr
    assert "Traceback" not in every


@pytest.mark.parametrize(
    "destination",
    [
        "s3://Bucket/users.csv",
        "s3://bucket_1/users.csv",
        "s3://bucket/" + "k" * 2000 + ".csv",
        "s3://bucket/a\nb.csv",
        "s3://bucket/a\x1b]0;owned\x07.csv",
    ],
)
def test_upload_and_its_dry_run_refuse_names_object_storage_cannot_take(
    destination: str, cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    _use_storage(cli, demo_sandbox)
    path = _write(tmp_path / "users.csv", USERS)
    for dry in ((), ("--dry-run",)):
        result = cli.run(*dry, "upload", str(path), destination)
        assert result.returncode == ExitCode.USAGE, (dry, result.stderr)
        assert "Traceback" not in result.stderr
        assert "\x1b" not in result.stderr
    assert demo_sandbox.object_storage_requests == []


@pytest.mark.parametrize("status", [302, 307])
def test_an_upload_redirected_to_another_host_is_not_reported_stored(
    status: int, cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    cli.use(demo_sandbox)
    path = _write(tmp_path / "users.csv", USERS)
    with HostileServer() as endpoint, HostileServer() as elsewhere:
        target = f"http://127.0.0.1:{elsewhere.port}/stolen/users.csv"
        endpoint.script(respond(status, b"", {"Location": target}))
        cli.env["AITEMS_OBJECT_STORAGE_ENDPOINT"] = f"http://127.0.0.1:{endpoint.port}"
        result = cli.run("upload", str(path), "s3://redir/users.csv")
        assert elsewhere.seen == []
    assert result.returncode == ExitCode.API_ERROR, result.stderr
    assert result.stdout == ""
    assert "never redirects" in result.stderr
    assert "nothing was stored" in result.stderr


def test_an_upload_taken_without_an_etag_is_not_reported_stored(
    cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    cli.use(demo_sandbox)
    path = _write(tmp_path / "users.csv", USERS)
    with HostileServer() as endpoint:
        endpoint.script(respond(200, b'{"services": ['))
        cli.env["AITEMS_OBJECT_STORAGE_ENDPOINT"] = f"http://127.0.0.1:{endpoint.port}"
        result = cli.run("upload", str(path), "s3://badjson/users.csv")
    assert result.returncode == ExitCode.API_ERROR, result.stderr
    assert result.stdout == ""
    assert "no ETag" in result.stderr


def test_the_meter_redraws_one_line_on_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    meter = Meter("Uploading a.csv", terminal, interval=0.0)
    meter.update(0, 4_000_000)
    meter.update(2_000_000, 4_000_000)
    meter.update(4_000_000, 4_000_000)
    meter.finish()
    text = terminal.getvalue()
    assert text.count("\r") == 3
    assert text.endswith("\n")
    assert "Uploading a.csv: 2.0 MB of 4.0 MB (50%)" in text
    assert "4.0 MB of 4.0 MB (100%)" in text

    log = io.StringIO()
    quiet = Meter("Uploading a.csv", log, interval=0.0)
    quiet.update(1, 2)
    quiet.finish()
    assert log.getvalue() == ""
    assert not quiet.shown


def test_local_commands_load_no_network_stack_and_upload_no_qt(
    cli: Cli, demo_sandbox: SandboxServer, tmp_path: Path
) -> None:
    """A check with a schema file and a proposal are local: no requests, pydantic or minio;
    no command here loads Qt."""
    _use_storage(cli, demo_sandbox)
    schema = _write(tmp_path / "users.json", json.dumps(USER_SCHEMA))
    data = _write(tmp_path / "users.csv", USERS)
    local = [
        ["csv", "check", str(data), "--schema-file", str(schema)],
        ["csv", "infer", str(data)],
    ]
    code = (
        "import io, json, sys, contextlib\n"
        "from aitems_desktop.cli.app import run\n"
        "def go(argv):\n"
        "    with contextlib.redirect_stderr(io.StringIO()):\n"
        "        return run(argv, stdout=io.StringIO())\n"
        f"codes = [go(argv) for argv in {local!r}]\n"
        "heavy = sorted(m for m in sys.modules\n"
        "               if m.split('.')[0] in ('requests', 'pydantic', 'minio', 'urllib3'))\n"
        f"codes.append(go(['upload', {str(data)!r}, 's3://{DEMO_BUCKET}/users.csv']))\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'aitems_desktop.gui')))\n"
        "print(json.dumps({'codes': codes, 'heavy': heavy, 'qt': qt,\n"
        "                  'minio': 'minio' in sys.modules}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env=cli.env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result == {"codes": [0, 0, 0], "heavy": [], "qt": [], "minio": True}
