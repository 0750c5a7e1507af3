"""The tool's surface: every operation has a command, every command a help with an example,
``--help`` loads neither requests nor pydantic, nothing loads Qt, and shell completion."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
from contextlib import redirect_stdout

import pytest
from conftest import ROOT, TIMEOUT_S, Cli

from aitems_desktop.cli.app import run
from aitems_desktop.cli.spec import build_parser
from aitems_desktop.core.catalogue import OPERATIONS
from aitems_desktop.sandbox import SandboxServer

#: The command that runs each catalogue operation.
COMMAND_OF_OPERATION = {
    "S1": "services create",
    "S2": "services list",
    "S3": "services get",
    "S4": "services update",
    "S5": "services delete",
    "S6": "services attach",
    "S7": "services interval",
    "S8": "services train",
    "S9": "services schedule",
    "S10": "services upload-rows",
    "T1": "services trains",
    "T2": "services training",
    "U1": "services updates",
    "I1": "services lookup",
    "D1": "datasets create",
    "D2": "datasets list",
    "D3": "datasets get",
    "D4": "datasets update",
    "D5": "datasets describe",
    "D6": "datasets delete",
    "C1": "schemas create",
    "C2": "schemas list",
    "C3": "schemas get",
    "C4": "schemas default",
    "C5": "schemas check",
    "C6": "schemas describe",
    "C7": "schemas delete",
}


def _leaves(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                path = (*prefix, name)
                children = _leaves(sub, path)
                found.extend(children or [path])
    return found


LEAVES = _leaves(build_parser())


def test_every_operation_has_a_command() -> None:
    assert {op.key for op in OPERATIONS} == set(COMMAND_OF_OPERATION)
    commands = {" ".join(leaf) for leaf in LEAVES}
    assert set(COMMAND_OF_OPERATION.values()) <= commands
    for op in OPERATIONS:
        # The help names the operation it runs.
        leaf = tuple(COMMAND_OF_OPERATION[op.key].split())
        assert f"({op.key})" in _help(leaf), op.key


def _help(leaf: tuple[str, ...]) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        code = run([*leaf, "--help"], stdout=out)
    assert code == 0
    return out.getvalue()


@pytest.mark.parametrize("leaf", LEAVES, ids=[" ".join(leaf) for leaf in LEAVES])
def test_every_command_has_help_with_an_example(leaf: tuple[str, ...]) -> None:
    text = _help(leaf)
    assert text.startswith(f"usage: aitems {' '.join(leaf)}")
    example = text.split("example:\n", 1)[1]
    assert example.strip().startswith("aitems ") or example.strip().startswith('eval "$(aitems')
    assert "--output" in text  # the global options work after the command too


def _child(code: str, cli: Cli) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=cli.env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        cwd=ROOT,
    )


def test_help_imports_neither_requests_nor_pydantic(cli: Cli) -> None:
    proc = _child(
        "import sys, contextlib, io\n"
        "from aitems_desktop.cli.app import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert run(['--help']) == 0\n"
        "    assert run(['services', 'create', '--help']) == 0\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('requests', 'pydantic', 'pydantic_core', 'urllib3', 'keyring', 'PySide6'))\n"
        "print(heavy)\n",
        cli,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_commands_never_import_qt(cli: Cli, demo_sandbox: SandboxServer) -> None:
    cli.use(demo_sandbox)
    proc = _child(
        "import sys, contextlib, io\n"
        "from aitems_desktop.cli.app import run\n"
        "out = io.StringIO()\n"
        "codes = []\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):\n"
        "    for argv in (['services', 'list'], ['services', 'create', 'qt_free'],\n"
        "                 ['services', 'get', 'nosuch'], ['profiles', 'list'],\n"
        "                 ['--sandbox', 'services', 'list'], ['completion', 'bash']):\n"
        "        codes.append(run(argv, stdout=out))\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))\n"
        "            or m.startswith('aitems_desktop.gui') or m == 'aitems_desktop.app')\n"
        "print(codes, qt, 'requests' in sys.modules)\n",
        cli,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[0, 0, 5, 0, 0, 0] [] True"


def test_version(cli: Cli) -> None:
    result = cli.run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("aitems ")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(cli: Cli, shell: str) -> None:
    result = cli.run("completion", shell)
    assert result.returncode == 0, result.stderr
    assert "aitems" in result.stdout
    if shell == "bash" and shutil.which("bash"):
        check = subprocess.run(["bash", "-n"], input=result.stdout, text=True, timeout=60)
        assert check.returncode == 0


def test_completion_answers_from_the_command_tree(cli: Cli) -> None:
    answer = cli.home / "completions.txt"
    line = "aitems services cr"
    result = cli.run(
        env={
            "_ARGCOMPLETE": "1",
            "_ARGCOMPLETE_SHELL": "bash",
            "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
            "COMP_LINE": line,
            "COMP_POINT": str(len(line)),
            "_ARGCOMPLETE_IFS": "\n",
        }
    )
    assert result.returncode == 0, result.stderr
    assert answer.read_text().split() == ["create"]


def test_json_goes_to_stdout_and_notes_to_stderr(cli: Cli, sandbox: SandboxServer) -> None:
    cli.use(sandbox)
    result = cli.run("services", "create", "notes_apart")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "notes_apart"
    assert "created service" in result.stderr
    quiet = cli.run("-q", "services", "create", "notes_apart")
    assert quiet.stderr == ""


def test_the_full_sandbox_list_names_real_commands() -> None:
    from test_cli_full_sandbox import NEEDS_FULL_SANDBOX

    commands = {" ".join(leaf) for leaf in LEAVES}
    assert set(NEEDS_FULL_SANDBOX) <= commands
