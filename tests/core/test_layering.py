"""Data flows one way: core and sandbox never import Qt; --version never starts it."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["aitems_desktop.core.client", "aitems_desktop.core.models", "aitems_desktop.sandbox"],
)
def test_core_and_sandbox_import_no_qt(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', "
        "'aitems_desktop.gui'))); print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_version_answers_without_importing_qt() -> None:
    code = (
        "import sys, runpy; sys.argv = ['aitems-desktop', '--version']\n"
        "from aitems_desktop.__main__ import main\n"
        "rc = main(['--version'])\n"
        "assert rc == 0\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("aitems-desktop ")


def test_the_engine_and_catalogue_load_without_pydantic() -> None:
    """A command that prints the API's own JSON never pays for the models' import."""
    code = (
        "import sys, aitems_desktop.core.engine, aitems_desktop.core.catalogue\n"
        "sys.exit('pydantic' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_model_names_in_the_catalogue_resolve() -> None:
    from aitems_desktop.core import catalogue

    for operation in catalogue.OPERATIONS:
        assert operation.response_model.__name__ == operation.response
