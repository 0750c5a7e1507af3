"""The packaging tests share two builds of the Linux installers, from two clean clones of HEAD
in different folders: the first is what the tests inspect and install, the second is what
test_reproducible.py compares it with. They run at once (each is mostly one busy core)."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from build_support import FIGURES, Build, build_clean_clone


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("packaging figures")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    if not sys.platform.startswith("linux"):
        pytest.skip("the .deb is built on Linux; other installers are built by CI on their OS")
    folders = [tmp_path_factory.mktemp(name) for name in ("linux-build", "linux-build-again")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(build_clean_clone, folders)
    return first, second


@pytest.fixture(scope="session")
def build(builds: tuple[Build, Build]) -> Build:
    return builds[0]
