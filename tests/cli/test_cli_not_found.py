"""``aitems`` after a 404: a name given where an ID goes, and a hint that fits where the
connection came from (this command's sandbox, keys from the environment, a profile)."""

from __future__ import annotations

from conftest import Cli

from aitems_desktop.cli.exitcodes import ExitCode
from aitems_desktop.sandbox import SandboxServer


def _service_id(sandbox: SandboxServer, name: str) -> str:
    return next(str(s["serviceId"]) for s in sandbox.services() if s["name"] == name)


def _hint(stderr: str) -> str:
    return next(line for line in stderr.splitlines() if line.lstrip().startswith("hint:"))


def _calls(sandbox: SandboxServer, method: str, prefix: str) -> list[str]:
    return [
        r.target for r in sandbox.requests if r.method == method and r.target.startswith(prefix)
    ]


# --- the hint ------------------------------------------------------------------------------


def test_an_unknown_id_in_the_commands_sandbox_says_it_is_a_fresh_one(cli: Cli) -> None:
    result = cli.run("services", "get", "nosuchid", "--sandbox")
    assert result.returncode == ExitCode.NOT_FOUND
    hint = _hint(result.stderr)
    assert "profile" not in hint
    assert "no such service in this sandbox" in hint
    assert "fresh one" in hint
    assert "'aitems services list --sandbox'" in hint


def test_an_unknown_id_on_a_real_endpoint_is_no_such_service(
    cli: Cli, demo_sandbox: SandboxServer
) -> None:
    cli.use(demo_sandbox)
    result = cli.run("services", "get", "nosuchid")
    assert result.returncode == ExitCode.NOT_FOUND
    hint = _hint(result.stderr)
    # AiTEMS itself answered, so the endpoint is right: no word of checking it.
    assert "endpoint" not in hint
    assert "There is no such service for the keys from NCLOUD_ACCESS_KEY" in hint
    assert "'aitems services list'" in hint
    # The id was looked for as a name once, and was not one.
    assert len(_calls(demo_sandbox, "GET", "/api/v1/services?")) == 1


def test_a_wrong_endpoint_from_the_environment_names_aitems_endpoint(
    cli: Cli, demo_sandbox: SandboxServer
) -> None:
    cli.use(demo_sandbox)
    wrong = demo_sandbox.base_url.replace("/api/v1", "/aitems/v1")
    result = cli.run("datasets", "get", "nosuchid", env={"AITEMS_ENDPOINT": wrong})
    assert result.returncode == ExitCode.NOT_FOUND
    hint = _hint(result.stderr)
    assert f"Check AITEMS_ENDPOINT ({wrong})" in hint
    assert "'aitems datasets list'" in hint
    assert "profile" not in hint


def test_a_wrong_endpoint_of_a_profile_names_the_profile(
    cli: Cli, demo_sandbox: SandboxServer
) -> None:
    wrong = demo_sandbox.base_url.replace("/api/v1", "/aitems/v1")
    added = cli.run(
        "profiles",
        "add",
        "work",
        "--access-key",
        demo_sandbox.access_key,
        "--endpoint",
        wrong,
        "--secret-stdin",
        input=demo_sandbox.secret_key + "\n",
    )
    assert added.returncode == 0, added.stderr
    result = cli.run("services", "get", "nosuchid", "--profile", "work")
    assert result.returncode == ExitCode.NOT_FOUND
    hint = _hint(result.stderr)
    assert f"Check the endpoint of profile 'work' ({wrong}" in hint
    assert "'aitems services list --profile work'" in hint


# --- a name where the ID goes --------------------------------------------------------------


def test_train_with_a_service_name_trains_the_service_of_that_name(
    cli: Cli, demo_sandbox: SandboxServer
) -> None:
    cli.use(demo_sandbox)
    service_id = _service_id(demo_sandbox, "movie_reco")
    result = cli.run("services", "train", "movie_reco", "--type", "personalRecommend")
    assert result.returncode == ExitCode.OK, result.stderr
    assert f"'movie_reco' is the name of service {service_id}; using that ID." in result.stderr
    assert result.json()["serviceId"] == service_id
    # One training request, for the service's ID; nothing was sent for the name.
    assert _calls(demo_sandbox, "POST", "/api/v1/services/") == [f"/api/v1/services/{service_id}"]


def test_reads_take_a_service_or_dataset_name(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    service_id = _service_id(demo_sandbox, "movie_reco")
    got = cli.run("services", "get", "movie_reco", "-o", "json")
    assert got.returncode == ExitCode.OK, got.stderr
    assert got.json()["serviceId"] == service_id
    trains = cli.run("services", "trains", "movie_reco", "-o", "json")
    assert trains.returncode == ExitCode.OK, trains.stderr
    assert {t["serviceId"] for t in trains.json()["trains"]} == {service_id}
    dataset = next(d for d in demo_sandbox.datasets() if d["type"] == "user")
    shown = cli.run("datasets", "get", str(dataset["name"]), "-o", "json")
    assert shown.returncode == ExitCode.OK, shown.stderr
    assert shown.json()["datasetId"] == dataset["datasetId"]
    assert f"is the name of dataset {dataset['datasetId']}" in shown.stderr


def test_an_id_is_used_as_given_without_a_look_up(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    result = cli.run("services", "get", _service_id(demo_sandbox, "movie_reco"))
    assert result.returncode == ExitCode.OK, result.stderr
    assert _calls(demo_sandbox, "GET", "/api/v1/services?") == []
    assert "using that ID" not in result.stderr


def test_delete_with_a_name_says_the_id_and_deletes_nothing(
    cli: Cli, demo_sandbox: SandboxServer
) -> None:
    cli.use(demo_sandbox)
    service_id = _service_id(demo_sandbox, "movie_reco")
    result = cli.run("services", "delete", "movie_reco", "--yes")
    assert result.returncode == ExitCode.NOT_FOUND
    assert f"'movie_reco' is a service name, not an ID; its ID is {service_id}." in result.stderr
    assert _calls(demo_sandbox, "DELETE", "/api/v1/services/") == ["/api/v1/services/movie_reco"]
    assert service_id in {s["serviceId"] for s in demo_sandbox.services()}
